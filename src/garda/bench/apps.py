from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "garda.bench"
    label = "bench"
    verbose_name = "Bench"
