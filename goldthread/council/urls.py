from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<slug:code>/", views.priority, name="priority"),
]
