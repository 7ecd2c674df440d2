from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:job_id>/", views.detail, name="detail"),
    path("<uuid:job_id>/status", views.status, name="status"),
    path("<uuid:job_id>/result", views.result, name="result"),
    path("<uuid:job_id>/retry", views.retry, name="retry"),
]
