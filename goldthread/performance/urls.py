from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("scorecard/", views.scorecard, name="scorecard"),
    path("measures/", views.scorecard, name="measures"),
]
