from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "goldthread.search"
    verbose_name = "Search"
