"""The audit trail: who created, changed or deleted what, and when, for every model of every hub.* app.

``register_all()`` runs in CoreConfig.ready() and registers each hub.* model with django-auditlog, so apps
written later are covered without anyone remembering. Left out on purpose:

* bulk tables whose rows are written by import runs (e.g. observatory.Observation): thousands of rows per
  file would flood the log; each row carries its ``import_run`` instead, and the ImportRun itself (who, when,
  which file, what was rejected) is audited. A model opts out with ``audit_exempt = "reason"`` or by having a
  foreign key named ``import_run``.
* secrets: passwords and OTP keys are never copied into the log; last_login would only add noise.
"""

from django.apps import apps

EXCLUDED_FIELDS = {"password", "last_login", "key", "token", "secret"}


def exempt_reason(model) -> str:
    reason = getattr(model, "audit_exempt", "")
    if reason:
        return reason
    if any(field.name == "import_run" for field in model._meta.concrete_fields):
        return "Filas masivas de una importación: cada fila apunta a su ImportRun, que sí se audita."
    return ""


def audited_models() -> list:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("hub.") and not model._meta.proxy and not exempt_reason(model)
    ]


def register_all() -> None:
    from auditlog.registry import auditlog

    for model in audited_models():
        if auditlog.contains(model):
            continue
        field_names = {field.name for field in model._meta.concrete_fields}
        m2m = [field.name for field in model._meta.many_to_many]
        auditlog.register(model, exclude_fields=sorted(EXCLUDED_FIELDS & field_names), m2m_fields=m2m)
