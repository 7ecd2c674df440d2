from django.urls import path

from . import reported_views, signoff_views, views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("scorecard/", views.scorecard, name="scorecard"),
    path("measures/", views.measures, name="measures"),
    path("measures/new/", views.measure_create, name="measure_create"),
    path("measures/<str:reference>/", views.measure, name="measure"),
    path("measures/<str:reference>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<str:reference>/history/", views.history, name="history"),
    path("measures/<str:reference>/values/new/", views.value_enter, name="value_enter"),
    path("measures/<str:reference>/values/<int:pk>/submit/", views.value_submit, name="value_submit"),
    path("measures/<str:reference>/values/<int:pk>/approve/", views.value_approve, name="value_approve"),
    path("measures/<str:reference>/values/<int:pk>/return/", views.value_return, name="value_return"),
    path("measures/<str:reference>/targets/new/", views.target_set, name="target_set"),
    path("reported/", reported_views.reported_periods, name="reported_periods"),
    path("reported/<int:pk>/", reported_views.reported_period, name="reported_period"),
    path("sign-off/", signoff_views.signoff_page, name="signoff"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.csv", views.upload_template, name="upload_template"),
]
