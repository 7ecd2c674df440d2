from django.urls import path

from . import views

app_name = "improvement"
urlpatterns = [
    path("", views.index, name="index"),
    path("reviews/new/", views.review_form, name="review-new"),
    path("reviews/<slug:ref>/", views.review_detail, name="review"),
    path("reviews/<slug:ref>/edit/", views.review_form, name="review-edit"),
    path("reviews/<slug:ref>/team/", views.review_member_add, name="review-member-add"),
    path("reviews/<slug:ref>/team/<int:member_id>/remove/", views.review_member_remove, name="review-member-remove"),
    path("reviews/<slug:ref>/delete/", views.review_delete, name="review-delete"),
    path("reviews/<slug:ref>/documents/", views.review_document_add, name="review-document-add"),
    path("reviews/<slug:ref>/deadlines/<int:rule_id>/met/", views.deadline_met, name="deadline-met"),
    path("reviews/<slug:ref>/action-plan/", views.action_plan, name="action-plan"),
    path("reviews/<slug:ref>/action-plan.<str:fmt>", views.action_plan, name="action-plan-download"),
    path("reviews/<slug:ref>/progress-review/", views.progress_review, name="progress-review"),
    path("reviews/<slug:ref>/progress-review.<str:fmt>", views.progress_review, name="progress-review-download"),
    path("reviews/<slug:ref>/import/", views.import_recommendations, name="import"),
    path("reviews/<slug:ref>/recommendations/new/", views.recommendation_form, name="recommendation-new"),
    path("reviews/<slug:ref>/recommendations/<str:rec_ref>/", views.recommendation_detail, name="recommendation"),
    path(
        "reviews/<slug:ref>/recommendations/<str:rec_ref>/edit/", views.recommendation_form, name="recommendation-edit"
    ),
    path("reviews/<slug:ref>/recommendations/<str:rec_ref>/actions/new/", views.action_form, name="action-new"),
    path("actions/new/", views.action_form, name="action-new-standalone"),
    path("actions/mine/", views.my_actions, name="my-actions"),
    path("actions/overdue/", views.overdue, name="overdue"),
    path("actions/<str:action_ref>/", views.action_detail, name="action"),
    path("actions/<str:action_ref>/edit/", views.action_form, name="action-edit"),
    path("actions/<str:action_ref>/progress/", views.action_progress, name="action-progress"),
    path("actions/<str:action_ref>/evidence/", views.action_evidence, name="action-evidence"),
    path("actions/<str:action_ref>/milestones/", views.action_milestone, name="action-milestone"),
    path("actions/<str:action_ref>/revised-due-date/", views.action_revise_due, name="action-revise-due"),
    path("actions/<str:action_ref>/milestones/<int:milestone_id>/done/", views.milestone_done, name="milestone-done"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/rules/new/", views.deadline_rule_form, name="deadline-rule-new"),
    path("deadlines/rules/<int:rule_id>/", views.deadline_rule_form, name="deadline-rule-edit"),
]
