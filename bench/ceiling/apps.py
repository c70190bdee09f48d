from django.apps import AppConfig


class CeilingConfig(AppConfig):
    name = "ceiling"
    default_auto_field = "django.db.models.BigAutoField"
