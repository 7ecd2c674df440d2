from django.urls import path

from . import framework_views, views

app_name = "risk"
urlpatterns = [
    path("", views.index, name="index"),
    path("risks/", views.all_risks, name="risks"),
    path("registers/open/", views.register_open, name="register_open"),
    path("registers/<int:pk>/", views.register, name="register"),
    path("registers/<int:pk>/new/", views.risk_create, name="risk_create"),
    path("movements/", views.movements, name="movements"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("report.<str:fmt>", views.report_download, name="report"),
    path("matrices/", framework_views.matrices, name="matrices"),
    path("matrices/<int:version>/", framework_views.matrix, name="matrix"),
    path("matrices/<int:version>/new-version/", framework_views.matrix_new_version, name="matrix_new_version"),
    path("bands/<int:pk>/", framework_views.band_edit, name="band_edit"),
    path("assurance/", framework_views.assurance, name="assurance"),
    path("assurance/add/", framework_views.source_add, name="source_add"),
    path("assurance/areas/add/", framework_views.area_add, name="area_add"),
    path("categories/add/", framework_views.category_edit, name="category_add"),
    path("categories/<int:pk>/", framework_views.category_edit, name="category_edit"),
    path("levels/<int:pk>/", framework_views.level_edit, name="level_edit"),
    path("<str:reference>/", views.risk, name="risk"),
    path("<str:reference>/edit/", views.risk_edit, name="risk_edit"),
    path("<str:reference>/review/", views.review_create, name="review_create"),
    path("<str:reference>/reviews/<int:pk>/approve/", views.review_approve, name="review_approve"),
    path("<str:reference>/reviews/<int:pk>/return/", views.review_return, name="review_return"),
    path("<str:reference>/controls/add/", views.control_add, name="control_add"),
    path("<str:reference>/controls/<int:pk>/", views.control_edit, name="control_edit"),
    path("<str:reference>/actions/", views.actions, name="actions"),
    path("<str:reference>/move/", views.move, name="move"),
    path("<str:reference>/status/", views.close_or_reopen, name="status"),
]
