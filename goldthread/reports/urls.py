from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:kind>/preview", views.preview, name="preview"),
    path("<slug:kind>/edit", views.edit_narrative, name="edit"),
    path("<slug:kind>/download.<slug:fmt>", views.download, name="download"),
    path("<slug:kind>/prepare", views.request_pack, name="request"),
]
