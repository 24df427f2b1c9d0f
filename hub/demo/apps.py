from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content of every app, outside the apps' production modules (``manage.py load_demo``)."""

    name = "hub.demo"
    label = "demo"
    verbose_name = "Contenido de demostración"
