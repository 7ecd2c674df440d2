from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("budget/position/", views.position, name="position"),
    path("budget/trend/", views.trend, name="trend"),
    path("budget/report.<str:fmt>", views.budget_report, name="budget-report"),
    path("savings/", views.savings, name="savings"),
    path("capital/", views.capital, name="capital"),
    path("items/<str:kind>/new/", views.item_edit, name="item-new"),
    path("items/<str:kind>/<int:pk>/", views.item, name="item"),
    path("items/<str:kind>/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<str:kind>/<int:pk>/<str:action>/", views.item_review, name="item-review"),
    path("mtfp/", views.mtfp_index, name="mtfp"),
    path("mtfp/new/", views.plan_edit, name="plan-new"),
    path("mtfp/referendum-limits/new/", views.referendum_limit_edit, name="limit-new"),
    path("mtfp/referendum-limits/<int:pk>/", views.referendum_limit_edit, name="limit-edit"),
    path("mtfp/<slug:code>/", views.mtfp_plan, name="mtfp-plan"),
    path("mtfp/<slug:code>/edit/", views.plan_edit, name="plan-edit"),
    path("mtfp/<slug:code>/report.<str:fmt>", views.mtfp_report, name="mtfp-report"),
    path("mtfp/<slug:code>/scenarios/new/", views.scenario_edit, name="scenario-new"),
    path("mtfp/<slug:code>/scenarios/<slug:scenario_code>/", views.scenario_edit, name="scenario-edit"),
    path("mtfp/<slug:code>/years/<str:year>/", views.plan_year_edit, name="plan-year-edit"),
    path("reserves/", views.reserves, name="reserves"),
    path("reserves/new/", views.reserve_edit, name="reserve-new"),
    path("reserves/<int:pk>/", views.reserve_edit, name="reserve-edit"),
    path("resilience/", views.resilience_page, name="resilience"),
    path("resilience/import/", views.outturn_upload, name="outturn-upload"),
]
