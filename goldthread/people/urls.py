from django.urls import path

from . import meeting_views, survey_views, views

app_name = "people"
urlpatterns = [
    path("", views.index, name="index"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/import/", views.staff_import, name="staff_import"),
    path("staff/<str:number>/", views.employee, name="employee"),
    path("appraisal-cycles/", views.cycle_list, name="cycles"),
    path("appraisal-cycles/new/", views.cycle_edit, name="cycle_create"),
    path("appraisal-cycles/<slug:slug>/", views.cycle, name="cycle"),
    path("appraisal-cycles/<slug:slug>/edit/", views.cycle_edit, name="cycle_edit"),
    path("appraisal-cycles/<slug:slug>/publish/", views.cycle_publish, name="cycle_publish"),
    path("appraisal-cycles/<slug:slug>/appraisals/", views.appraisal_list, name="appraisals"),
    path("appraisal-cycles/<slug:slug>/start/<str:number>/", views.appraisal_start, name="appraisal_start"),
    path("appraisals/<int:pk>/", views.appraisal, name="appraisal"),
    path("appraisals/<int:pk>/edit/", views.appraisal_edit, name="appraisal_edit"),
    path("appraisals/<int:pk>/acknowledge/", views.appraisal_acknowledge, name="appraisal_acknowledge"),
    path("surveys/", survey_views.survey_list, name="surveys"),
    path("surveys/new/", survey_views.survey_create, name="survey_create"),
    path("surveys/<slug:slug>/", survey_views.survey, name="survey"),
    path("surveys/<slug:slug>/waves/<int:pk>/", survey_views.wave, name="wave"),
    path("surveys/<slug:slug>/waves/<int:pk>/import/", survey_views.wave_import, name="wave_import"),
    path("surveys/<slug:slug>/waves/<int:pk>/clear/", survey_views.wave_clear, name="wave_clear"),
    path("surveys/<slug:slug>/waves/<int:pk>/finding/", survey_views.finding_create, name="finding_create"),
    path("surveys/<slug:slug>/waves/<int:pk>/publish/", survey_views.wave_publish, name="wave_publish"),
    path("surveys/<slug:slug>/waves/<int:pk>/results.csv", survey_views.wave_export, name="wave_export"),
    path("forums/", meeting_views.forum_list, name="forums"),
    path("forums/new/", meeting_views.forum_edit, name="forum_create"),
    path("forums/review/", meeting_views.review, name="meetings_review"),
    path("forums/review.<str:fmt>", meeting_views.review_export, name="meetings_export"),
    path("forums/<slug:slug>/", meeting_views.forum, name="forum"),
    path("forums/<slug:slug>/edit/", meeting_views.forum_edit, name="forum_edit"),
    path("forums/<slug:slug>/members/<int:pk>/remove/", meeting_views.member_remove, name="member_remove"),
    path("forums/<slug:slug>/meetings/<int:pk>/outcome/", meeting_views.outcome_add, name="outcome_add"),
]
