"""Closing a cohort, issuing certificates in bulk, revoking and replacing them, and the signing keys.

A certificate is built once from a snapshot of every printed field; the PDF, the public page, the API and
the signed Open Badges credential all read that snapshot, so they always say the same thing. Nothing issued
is ever edited: a correction issues a new certificate and marks the old one «reemplazado».
"""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cl import rut as rut_number

from hub.core.documents import qr_svg, render_pdf, sha256_hex
from hub.core.transitions import transition
from hub.notifications.services import notify

from . import access, credentials
from .completion import evaluate
from .models import (
    CERTIFICATE_TRANSITIONS,
    COHORT_TRANSITIONS,
    ENROLMENT_TRANSITIONS,
    STATUS_LIST_ID,
    STATUS_LIST_SIZE,
    Certificate,
    CertificateFile,
    CertificateKind,
    CertificateStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    SigningKey,
)
from .selectors import _facts
from .services import current_rule

ISSUER = "Hub Nacional de Gobierno Local · AMUCH"


# --- keys -------------------------------------------------------------------------------------------------------

def current_signing_key() -> SigningKey:
    key = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-pk").first()
    if key is None:
        public, secret = credentials.generate_key_material()
        number = SigningKey.objects.count() + 1
        key = SigningKey.objects.create(key_id=f"key-{number}", public_key_multibase=public, secret=secret)
    return key


def signing_key_rotate(*, acting_user) -> SigningKey:
    """Retire the current key (it stays published, so what it signed still verifies) and make a new one."""
    access.require_staff(acting_user)
    with transaction.atomic():
        SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        return current_signing_key()


def public_keys() -> dict[str, str]:
    return {credentials.method_id(k): k.public_key_multibase for k in SigningKey.objects.all()}


# --- snapshot and documents -------------------------------------------------------------------------------------

def mask_rut(rut: str) -> str:
    if not rut:
        return ""
    formatted = rut_number.format(rut)  # 12.345.678-5
    head, _dot, _rest = formatted.partition(".")
    return f"{head}.***.***-{formatted[-1]}"


def _fmt(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def build_snapshot(enrolment: Enrolment, kind: str, *, holder_name: str, code: str, issued_at,
                   valid_until: date | None) -> dict:
    cohort = enrolment.cohort
    programme = cohort.programme
    outcome = enrolment.outcome or {}
    grade = outcome.get("grade")
    attendance = outcome.get("attendance_pct")
    if kind == CertificateKind.APROBACION:
        title = str(CertificateKind.APROBACION.label)
        result = _("Aprobado con nota %(g)s") % {"g": grade.replace(".", ",")} if grade else _("Aprobado")
    else:
        title = str(CertificateKind.PARTICIPACION.label)
        result = _("Participó")
    rule = outcome.get("rule") or {}
    approval = rule.get("approval", {})
    participation = rule.get("participation", {})
    if kind == CertificateKind.APROBACION:
        criteria = _("Asistencia de al menos %(a)s %% y nota final de al menos %(g)s (escala 1,0 a 7,0).") % {
            "a": approval.get("min_attendance_pct", 0), "g": (approval.get("min_grade") or "—").replace(".", ",")}
    else:
        criteria = _("Asistencia de al menos %(a)s %%.") % {"a": participation.get("min_attendance_pct", 0)}
    return {
        "code": code,
        "title": title,
        "kind": kind,
        "holder_name": holder_name,
        "rut_masked": mask_rut(enrolment.rut),
        "comuna": enrolment.comuna.name if enrolment.comuna_id else "",
        "programme": programme.title,
        "programme_id": programme.pk,
        "cohort": cohort.name,
        "hours": programme.hours,
        "modality": str(cohort.get_modality_display()),
        "start_date": _fmt(cohort.start_date),
        "end_date": _fmt(cohort.end_date),
        "result_label": str(result),
        "grade": (grade or "").replace(".", ","),
        "attendance_pct": (attendance or "").replace(".", ","),
        "criteria": str(criteria),
        "rule_version": outcome.get("rule_version"),
        "learning_outcomes": programme.outcomes_list,
        "instructors": cohort.instructors,
        "issuer": ISSUER,
        "issued_on": _fmt(timezone.localdate(issued_at)),
        "valid_until": _fmt(valid_until),
        "demo": bool(cohort.is_demo),
    }


def verification_url(code: str) -> str:
    from django.urls import reverse

    return credentials.site_url() + reverse("certificates:verify", args=[code])


def render_certificate_pdf(snapshot: dict) -> bytes:
    url = verification_url(snapshot["code"])
    return render_pdf("training/certificate_pdf.html", {"s": snapshot, "verify_url": url,
                                                        "qr": qr_svg(url, box_size=6), "demo": snapshot["demo"]})


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _next_status_index() -> int:
    last = Certificate.objects.filter(status_list=STATUS_LIST_ID).aggregate(m=Max("status_index"))["m"]
    index = 0 if last is None else last + 1
    if index >= STATUS_LIST_SIZE:
        raise ValidationError(_("La lista de estado está llena; abra una nueva lista."))
    return index


def _issue(*, enrolment: Enrolment, kind: str, holder_name: str, acting_user) -> Certificate:
    issued_at = timezone.now().replace(microsecond=0)
    months = enrolment.cohort.programme.validity_months
    valid_until = add_months(timezone.localdate(issued_at), months) if months else None
    code = credentials.new_code()
    while Certificate.objects.filter(code=code).exists():  # 2^80 codes: a collision is theoretical
        code = credentials.new_code()
    snapshot = build_snapshot(enrolment, kind, holder_name=holder_name, code=code, issued_at=issued_at,
                              valid_until=valid_until)
    pdf = render_certificate_pdf(snapshot)
    key = current_signing_key()
    certificate = Certificate(code=code, enrolment=enrolment, kind=kind, snapshot=snapshot, pdf_sha256=sha256_hex(pdf),
                              signing_key=key, status_index=_next_status_index(), issued_at=issued_at,
                              valid_until=valid_until, is_demo=enrolment.cohort.is_demo)
    signed = credentials.sign(credentials.open_badge(certificate, snapshot), key, created=issued_at)
    # The issuer checks its own output before keeping it (Open edX pattern).
    if not credentials.verify(signed, {credentials.method_id(key): key.public_key_multibase}):
        raise ValidationError(_("La firma de la credencial no se pudo verificar; no se emitió el certificado."))
    certificate.credential = signed
    certificate.save()
    CertificateFile.objects.create(certificate=certificate, pdf=pdf)
    return certificate


def cohort_close(*, acting_user, cohort: Cohort) -> list[Certificate]:
    """En curso → cerrada: evaluate every active learner with the cohort's rule and issue certificates in bulk."""
    access.require_staff(acting_user)
    with transaction.atomic():
        cohort = transition(cohort, to=CohortStatus.CERRADA, allowed=COHORT_TRANSITIONS, acting_user=acting_user)
        rule = current_rule(cohort)
        for stale in cohort.enrolments.filter(status__in=[EnrolmentStatus.SOLICITADA, EnrolmentStatus.CONFIRMADA]):
            transition(stale, to=EnrolmentStatus.CANCELADA, allowed=ENROLMENT_TRANSITIONS, acting_user=acting_user,
                       reason=_("No llegó a cursar: la versión cerró."))
        active = list(cohort.enrolments.filter(status=EnrolmentStatus.ACTIVA).select_related("user", "comuna"))
        marks, grades = _facts(active)
        issued = []
        for enrolment in active:
            evaluation = evaluate(rule.rule, marks=marks[enrolment.pk], grades=grades[enrolment.pk])
            enrolment.outcome = {**evaluation.as_json(rule.version), "rule": rule.rule}
            enrolment = transition(enrolment, to=evaluation.outcome, allowed=ENROLMENT_TRANSITIONS,
                                   acting_user=acting_user, extra_update_fields=["outcome"],
                                   reason=_("Regla de aprobación v%(v)s") % {"v": rule.version})
            if evaluation.outcome in (EnrolmentStatus.APROBADA, EnrolmentStatus.PARTICIPO):
                kind = (CertificateKind.APROBACION if evaluation.outcome == EnrolmentStatus.APROBADA
                        else CertificateKind.PARTICIPACION)
                name = enrolment.user.get_full_name() or enrolment.user.username
                issued.append(_issue(enrolment=enrolment, kind=kind, holder_name=name, acting_user=acting_user))
        for certificate in issued:
            notify(recipients=[certificate.enrolment.user], kind="certificate_issued",
                   title=_("Su certificado de %(p)s está disponible") % {"p": cohort.programme.title},
                   body=_("Código de verificación: %(c)s") % {"c": certificate.code},
                   url=certificate.get_absolute_url())
    return issued


def certificate_revoke(*, acting_user, certificate: Certificate, reason: str) -> Certificate:
    access.require_staff(acting_user)
    if not reason.strip():
        raise ValidationError(_("Indique el motivo de la revocación: se muestra en la página pública."))
    certificate.status_reason = reason.strip()[:500]
    return transition(certificate, to=CertificateStatus.REVOCADO, allowed=CERTIFICATE_TRANSITIONS,
                      acting_user=acting_user, reason=reason, extra_update_fields=["status_reason"])


def certificate_replace(*, acting_user, certificate: Certificate, reason: str, holder_name: str) -> Certificate:
    """Issue a corrected certificate (e.g. the name) and mark the old one «reemplazado» with a link to it."""
    access.require_staff(acting_user)
    holder_name = (holder_name or "").strip()
    if not reason.strip():
        raise ValidationError(_("Indique el motivo del reemplazo."))
    if not holder_name or len(holder_name) > 200:
        raise ValidationError(_("Escriba el nombre como debe imprimirse (hasta 200 caracteres)."))
    if certificate.status != CertificateStatus.EMITIDO:
        raise ValidationError(_("Solo se reemplaza un certificado emitido (este está %(s)s).")
                              % {"s": certificate.get_status_display().lower()})
    with transaction.atomic():
        new = _issue(enrolment=certificate.enrolment, kind=certificate.kind, holder_name=holder_name,
                     acting_user=acting_user)
        certificate.replaced_by = new
        certificate.status_reason = reason.strip()[:500]
        transition(certificate, to=CertificateStatus.REEMPLAZADO, allowed=CERTIFICATE_TRANSITIONS,
                   acting_user=acting_user, reason=reason, extra_update_fields=["replaced_by", "status_reason"])
    return new


def status_list(list_id: int) -> dict:
    revoked = Certificate.objects.filter(status_list=list_id, status=CertificateStatus.REVOCADO).values_list(
        "status_index", flat=True)
    document = credentials.status_list_credential(list_id, list(revoked), STATUS_LIST_SIZE)
    return credentials.sign(document, current_signing_key())
