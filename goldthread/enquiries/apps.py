from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "goldthread.enquiries"
    verbose_name = "Member enquiries and complaints"
