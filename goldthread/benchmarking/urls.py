from django.urls import path

from . import views

app_name = "benchmarking"
urlpatterns = [
    path("", views.index, name="index"),
    path("metrics/<str:code>/", views.metric_detail, name="metric"),
    path("upload/", views.upload, name="upload"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<str:code>/", views.group_detail, name="group"),
    path("groups/<str:code>/edit/", views.group_edit, name="group_edit"),
    path("links/", views.measure_links, name="links"),
    path("links/<str:reference>/", views.measure_link_edit, name="link_edit"),
]
