from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "goldthread.people"
    label = "people"
