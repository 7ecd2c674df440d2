from django.apps import AppConfig


class TimetableConfig(AppConfig):
    name = "goldthread.timetable"
    verbose_name = "Reporting timetable"
