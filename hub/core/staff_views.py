"""Staff tools of the trust baseline: the audit trail of one object and the personal-data inventory,
export and erasure (Ley 21.719)."""

import json

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core import privacy
from hub.core.audit import audited_models, exempt_reason
from hub.core.decorators import staff_required


@staff_required
def audit_object(request, app_label, model, pk):
    """Every audit entry of one object: who created, changed or deleted it, when, and which fields."""
    from auditlog.models import LogEntry

    try:
        model_class = apps.get_model(app_label, model)
    except LookupError:
        raise Http404(_("No existe el tipo de registro «%(label)s».") % {"label": f"{app_label}.{model}"}) from None
    entries = (
        LogEntry.objects.filter(content_type__app_label=app_label, content_type__model=model_class._meta.model_name,
                                object_pk=str(pk))
        .select_related("actor")
        .order_by("-timestamp")
    )
    obj = model_class._default_manager.filter(pk=pk).first()
    context = {
        "model_meta": model_class._meta,
        "object": obj,
        "pk": pk,
        "entries": entries,
        "exempt": exempt_reason(model_class),
    }
    return render(request, "core/audit_object.html", context)


@staff_required
def privacy_inventory(request):
    context = {
        "inventory": privacy.inventory(),
        "not_personal": sorted(privacy.not_personal().items()),
        "audited": audited_models(),
    }
    return render(request, "core/privacy_inventory.html", context)


def _person_from_request(data):
    User = get_user_model()
    user = None
    username = (data.get("username") or "").strip()
    email = (data.get("email") or "").strip()
    if username:
        user = User.objects.filter(username=username).first()
    elif email:
        user = User.objects.filter(email__iexact=email).first()
    return user, email


@staff_required
def privacy_export(request):
    """JSON download of everything about one person, found by username or e-mail sent in a POST form
    (never in the URL, where proxies and logs would keep it)."""
    if request.method != "POST":
        return redirect("core:privacy_inventory")
    user, email = _person_from_request(request.POST)
    if user is None and not email:
        messages.error(request, _("Indique el nombre de usuario o el correo de la persona para exportar sus datos."))
        return redirect("core:privacy_inventory")
    data = privacy.person_export(user=user, email=email)
    data["exportado"] = timezone.now().isoformat()
    data["exportado_por"] = request.user.username
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    slug = (user.pk if user else "correo")
    response["Content-Disposition"] = f'attachment; filename="datos-personales-{slug}.json"'
    return response


@staff_required
def privacy_erase(request, pk):
    """Anonymise one user and their registered personal data; asks for explicit confirmation first."""
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == person.username:
        extras: dict = {}
        changed = privacy.person_erase(user=person, actor=request.user, report=extras)
        messages.success(request, _("Datos personales anonimizados en %(n)s registros; registro de auditoría: "
                                    "%(a)s entradas depuradas; %(i)s registros de ingreso y %(d)s dispositivos "
                                    "borrados.") % {"n": changed, "a": extras.get("auditoria", 0),
                                                     "i": extras.get("ingresos", 0),
                                                     "d": extras.get("dispositivos", 0)})
        return render(request, "core/privacy_erased.html", {"person": person, "review": extras.get("para_revisar", [])})
    error = ""
    if request.method == "POST":
        error = _("Para confirmar, escriba exactamente el nombre de usuario «%(u)s».") % {"u": person.username}
    preview = privacy.person_export(user=person)
    return render(request, "core/privacy_erase.html", {"person": person, "preview": preview, "error": error},
                  status=400 if error else 200)
