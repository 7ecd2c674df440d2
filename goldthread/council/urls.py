from django.urls import path

from . import account_views, settings_views, views

app_name = "council"
urlpatterns = [
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<slug:code>/", views.priority, name="priority"),
    path("people-and-roles/", account_views.people, name="people"),
    path("people-and-roles/invite", account_views.invite, name="person-invite"),
    path("people-and-roles/<int:account_id>/", account_views.person, name="person"),
    path("people-and-roles/<int:account_id>/active", account_views.set_active, name="person-set-active"),
    path("sign-in-lockouts/", settings_views.lockouts, name="sign-in-lockouts"),
    path("sign-in-lockouts/<int:attempt_id>/unlock", settings_views.unlock, name="sign-in-unlock"),
]
