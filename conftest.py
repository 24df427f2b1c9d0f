import os

# Tests run with development settings unless the caller says otherwise (CI sets DATABASE_URL).
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("AXES_ENABLED", "0")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

pytest_plugins = ["hub.core.testing"]
