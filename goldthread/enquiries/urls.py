from django.urls import path

from . import views

app_name = "enquiries"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.raise_enquiry, name="raise"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/ombudsman/", views.ombudsman_upload, name="ombudsman_upload"),
    path("settings/", views.enquiry_settings, name="settings"),
    path("<str:ref>/", views.detail, name="enquiry"),
    path("<str:ref>/route/", views.route, name="route"),
    path("<str:ref>/respond/", views.respond, name="respond"),
    path("<str:ref>/close/", views.close, name="close"),
]
