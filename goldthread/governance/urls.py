from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("policies/", views.register, name="register"),
    path("policies/new/", views.policy_form, name="policy-new"),
    path("policies/<int:pk>/", views.policy_detail, name="policy"),
    path("policies/<int:pk>/edit/", views.policy_form, name="policy-edit"),
]
urlpatterns += [
    path("best-value/", views.best_value, name="best-value"),
    path("best-value.<str:fmt>", views.best_value, name="best-value-download"),
    path("best-value/<slug:theme>/", views.best_value_theme, name="best-value-theme"),
    path("best-value/<slug:theme>/flags/", views.flag_decide, name="flag-decide"),
    path("best-value/<slug:theme>/evidence/<int:link_id>/remove/", views.evidence_remove, name="evidence-remove"),
]
