from django.urls import path

from . import response_views, views

app_name = "scrutiny"
urlpatterns = [
    path("", views.index, name="index"),
    path("committees/new/", views.committee_form, name="committee-new"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("committees/<slug:slug>/edit/", views.committee_form, name="committee-edit"),
    path("committees/<slug:slug>/members/", views.member_add, name="member-add"),
    path("committees/<slug:slug>/members/<int:seat_id>/remove/", views.member_remove, name="member-remove"),
    path("committees/<slug:slug>/meetings/", views.meeting_add, name="meeting-add"),
    path("committees/<slug:slug>/meetings/<int:meeting_id>/remove/", views.meeting_remove, name="meeting-remove"),
    path("committees/<slug:slug>/programme/new/", views.item_form, name="item-new"),
    path("committees/<slug:slug>/programme/<int:pk>/", views.item_detail, name="item"),
    path("committees/<slug:slug>/programme/<int:pk>/edit/", views.item_form, name="item-edit"),
    path("committees/<slug:slug>/programme/<int:pk>/review/", views.review_start, name="review-start"),
    path(
        "committees/<slug:slug>/programme/<int:pk>/recommendations/",
        views.recommendation_add,
        name="recommendation-add",
    ),
    path("committees/<slug:slug>/tracker/", response_views.tracker, name="tracker"),
    path("committees/<slug:slug>/tracker.<str:fmt>", response_views.tracker, name="tracker-download"),
    path("recommendations/<str:rec_ref>/respond/", response_views.respond, name="respond"),
]
