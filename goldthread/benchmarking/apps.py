from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "goldthread.benchmarking"
    label = "benchmarking"
