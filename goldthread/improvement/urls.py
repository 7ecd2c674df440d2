from django.urls import path

from . import views

app_name = "improvement"
urlpatterns = [
    path("", views.index, name="index"),
]
