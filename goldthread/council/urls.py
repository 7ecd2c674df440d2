from django.urls import path

from . import settings_views, views

app_name = "council"
urlpatterns = [
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<slug:code>/", views.priority, name="priority"),
    path("sign-in-lockouts/", settings_views.lockouts, name="sign-in-lockouts"),
    path("sign-in-lockouts/<int:attempt_id>/unlock", settings_views.unlock, name="sign-in-unlock"),
]
