"""Public certificate verification, downloads of the PDF and the signed credential, status list, did:web."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from hub.core.access import is_hub_staff

from . import access, credentials, services_certificates
from .models import STATUS_LIST_ID, SigningKey

STATUS_LABELS = {
    "vigente": _("Vigente"),
    "revocada": _("Revocada"),
    "reemplazada": _("Reemplazada"),
    "expirada": _("Expirada"),
}


def verify_form(request):
    typed = request.GET.get("codigo", "")[:40]
    if typed:
        code = credentials.normalise_code(typed)
        if code:
            return redirect("certificates:verify", code=code)
        return render(request, "training/verify_form.html", {"typed": typed, "error": _(
            "Un código tiene 16 letras y números (p. ej. 7KQ2-M9XD-4TPB-H1EA). Revise lo que escribió.")},
            status=200)
    return render(request, "training/verify_form.html", {"typed": ""})


def verify(request, code: str):
    normal = credentials.normalise_code(code)
    if normal and normal != code:
        return redirect("certificates:verify", code=normal)
    certificate = access.access_certificate(normal)
    status = certificate.public_status()
    context = {
        "c": certificate, "s": certificate.snapshot, "status": status, "status_label": STATUS_LABELS[status],
        "can_download": access.can_download_certificate(request.user, certificate),
        "is_staff": is_hub_staff(request.user),
        "did": credentials.issuer_did(),
    }
    return render(request, "training/verify.html", context)


def certificate_pdf(request, code: str):
    certificate = access.access_certificate_download(request.user, code)
    response = HttpResponse(bytes(certificate.file.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificado-{certificate.code}.pdf"'
    return response


def certificate_json(request, code: str):
    certificate = access.access_certificate_download(request.user, code)
    response = JsonResponse(certificate.credential, json_dumps_params={"ensure_ascii": False, "indent": 2},
                            content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="credencial-{certificate.code}.json"'
    return response


@cache_control(max_age=300, public=True)
def status_list(request, list_id: int):
    if list_id != STATUS_LIST_ID:
        raise Http404(_("No existe esa lista de estado."))
    document = services_certificates.status_list(list_id)
    return JsonResponse(document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})


@cache_control(max_age=300, public=True)
def did_document(request):
    services_certificates.current_signing_key()
    document = credentials.did_document(SigningKey.objects.order_by("created_at", "pk"))
    response = JsonResponse(document, content_type="application/did+json")
    response["Last-Modified"] = timezone.now().strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
