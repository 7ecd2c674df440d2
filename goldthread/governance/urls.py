from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("policies/", views.register, name="register"),
    path("policies/new/", views.policy_form, name="policy-new"),
    path("policies/<int:pk>/", views.policy_detail, name="policy"),
    path("policies/<int:pk>/edit/", views.policy_form, name="policy-edit"),
]
