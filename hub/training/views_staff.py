"""Hub staff: cohort dashboard, state changes, payments, attendance, grades, CSV upload/export, coverage."""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.models import User
from hub.core.csv_export import excel_csv_response, safe_cell
from hub.core.decorators import staff_required
from hub.core.transitions import allowed_next, state_history
from hub.territory.models import Comuna

from . import selectors, services, services_certificates
from .forms import AssessmentForm, CohortForm, ProgrammeForm, SessionForm
from .models import (
    COHORT_TRANSITIONS,
    Assessment,
    AttendanceMark,
    Certificate,
    Cohort,
    Coordinator,
    Enrolment,
    EnrolmentStatus,
    Session,
)


def _errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@staff_required
def manage(request):
    cohorts = Cohort.objects.select_related("programme").order_by("-start_date")
    page = Paginator(cohorts, 25).get_page(request.GET.get("page"))
    return render(request, "training/staff/manage.html", {
        "page_obj": page, "to_close": selectors.cohorts_to_close(),
        "to_confirm": selectors.enrolments_to_confirm().count(),
    })


@staff_required
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Programa creado."))
            return redirect(programme.get_absolute_url())
    return render(request, "training/staff/form.html", {"form": form, "title": _("Nuevo programa")})


@staff_required
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            cohort = services.cohort_create(acting_user=request.user, programme=data.pop("programme"), **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Versión creada en borrador: agregue sesiones y ábrala."))
            return redirect("training:cohort_manage", pk=cohort.pk)
    return render(request, "training/staff/form.html", {"form": form, "title": _("Nueva versión de un programa")})


@staff_required
def cohort_manage(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.select_related("programme", "region"), pk=pk)
    rule = services.current_rule(cohort)
    learners = selectors.cohort_learners(cohort, rule.rule)
    context = {
        "cohort": cohort, "rule": rule, "rules": cohort.rules.all(), "learners": learners,
        "at_risk": [row for row in learners if row.risk],
        "waiting": selectors.waiting_list(cohort).select_related("user", "comuna"),
        "counts": selectors.cohort_counts(cohort), "money": selectors.cohort_money(cohort),
        "sessions": cohort.sessions.all(), "assessments": cohort.assessments.all(),
        "next_states": sorted(allowed_next(cohort, COHORT_TRANSITIONS), key=lambda s: (s == "cancelada", s)),
        "history": state_history(cohort),
        "certificates": Certificate.objects.filter(enrolment__cohort=cohort).select_related("enrolment__user",
                                                                                          "replaced_by"),
        "session_form": SessionForm(), "assessment_form": AssessmentForm(),
        "rule_json": json.dumps(rule.rule, ensure_ascii=False, indent=2),
    }
    return render(request, "training/staff/cohort_manage.html", context)


@staff_required
@require_POST
def cohort_transition(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    to = request.POST.get("to", "")
    try:
        if to == "abierta":
            services.cohort_open(acting_user=request.user, cohort=cohort)
        elif to == "en_curso":
            services.cohort_start(acting_user=request.user, cohort=cohort)
        elif to == "cerrada":
            issued = services_certificates.cohort_close(acting_user=request.user, cohort=cohort)
            messages.success(request, _("Versión cerrada: %(n)s certificados emitidos.") % {"n": len(issued)})
        elif to == "cancelada":
            services.cohort_cancel(acting_user=request.user, cohort=cohort, reason=request.POST.get("reason", "")[:500])
        else:
            raise ValidationError(_("Elija un estado de la lista."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("training:cohort_manage", pk=pk)


@staff_required
@require_POST
def cohort_rule(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    try:
        rule = json.loads(request.POST.get("rule", "")[:4000])
    except json.JSONDecodeError:
        messages.error(request, _("La regla no es un JSON válido; no se cambió nada."))
        return redirect("training:cohort_manage", pk=pk)
    try:
        version = services.cohort_set_rule(acting_user=request.user, cohort=cohort, rule=rule)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Regla guardada como versión %(v)s.") % {"v": version.version})
    return redirect("training:cohort_manage", pk=pk)


@staff_required
@require_POST
def session_add(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(acting_user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Sesión agregada."))
    else:
        messages.error(request, _("Revise la sesión: %(e)s") % {"e": "; ".join(
            f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields)})
    return redirect("training:cohort_manage", pk=pk)


@staff_required
@require_POST
def assessment_add(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_add(acting_user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Evaluación agregada."))
    else:
        messages.error(request, _("Revise la evaluación: título y ponderación de 1 a 100."))
    return redirect("training:cohort_manage", pk=pk)


@staff_required
@require_POST
def enrolment_action(request, pk: int):
    enrolment = get_object_or_404(Enrolment, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "confirm":
            services.enrolment_confirm(acting_user=request.user, enrolment=enrolment)
        elif action == "paid":
            services.enrolment_mark_paid(acting_user=request.user, enrolment=enrolment,
                                         reference=request.POST.get("reference", "")[:100])
        elif action == "cancel":
            services.enrolment_cancel(acting_user=request.user, enrolment=enrolment,
                                      reason=request.POST.get("reason", "")[:500])
        elif action == "withdraw":
            services.enrolment_withdraw(acting_user=request.user, enrolment=enrolment,
                                        reason=request.POST.get("reason", "")[:500])
        else:
            raise ValidationError(_("Acción desconocida."))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Inscripción actualizada."))
    return redirect("training:cohort_manage", pk=enrolment.cohort_id)


@staff_required
def attendance(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("cohort", "cohort__programme"), pk=pk)
    enrolments = session.cohort.enrolments.filter(status__in=services.ATTENDABLE).select_related("user")
    current = dict(session.attendance.values_list("enrolment_id", "mark"))
    if request.method == "POST":
        marks = {e.pk: request.POST.get(f"mark-{e.pk}", "")[:20] for e in enrolments}
        try:
            saved = services.attendance_record(acting_user=request.user, session=session, marks=marks)
        except ValidationError as exc:
            _errors(request, exc)
            current = marks
        else:
            messages.success(request, _("Asistencia guardada (%(n)s personas).") % {"n": saved})
            return redirect("training:cohort_manage", pk=session.cohort_id)
    rows = [(e, current.get(e.pk, "")) for e in enrolments]
    return render(request, "training/staff/attendance.html", {"session": session, "rows": rows,
                                                              "marks": AttendanceMark.choices})


@staff_required
def grades(request, pk: int):
    assessment = get_object_or_404(Assessment.objects.select_related("cohort", "cohort__programme"), pk=pk)
    enrolments = assessment.cohort.enrolments.filter(status__in=services.ATTENDABLE).select_related("user")
    current = {k: str(v).replace(".", ",") for k, v in assessment.grades.values_list("enrolment_id", "value")}
    errors = []
    if request.method == "POST":
        typed = {e.pk: request.POST.get(f"grade-{e.pk}", "")[:10] for e in enrolments}
        try:
            saved = services.grades_record(acting_user=request.user, assessment=assessment, grades=typed)
        except ValidationError as exc:
            errors = exc.messages
            current = typed
        else:
            messages.success(request, _("Notas guardadas (%(n)s).") % {"n": saved})
            return redirect("training:cohort_manage", pk=assessment.cohort_id)
    rows = [(e, current.get(e.pk, "")) for e in enrolments]
    return render(request, "training/staff/grades.html", {"assessment": assessment, "rows": rows, "errors": errors})


@staff_required
def enrolment_import(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    report = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size > 1_000_000:
            messages.error(request, _("Suba un archivo CSV de hasta 1 MB."))
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                messages.error(request, _("El archivo debe estar en UTF-8 (en Excel: «CSV UTF-8»)."))
            else:
                report = services.enrolments_import(acting_user=request.user, cohort=cohort, text=text)
    return render(request, "training/staff/import.html", {"cohort": cohort, "report": report})


EXPORT_HEADER = ["Nombre", "Usuario", "Correo", "Comuna", "Estado", "Base del valor", "Valor (CLP)", "Pago",
                 "Referencia", "Convenio", "Solicitada", "Asistencia (%)", "Nota final"]


def _export_rows(cohort: Cohort):
    rule = services.current_rule(cohort).rule
    evaluations = {row.enrolment.pk: row.evaluation for row in selectors.cohort_learners(cohort, rule)}
    for e in cohort.enrolments.select_related("user", "comuna", "pool__agreement").order_by("requested_at", "pk"):
        ev = evaluations.get(e.pk)
        yield [
            e.user.get_full_name(), e.user.username, e.user.email, e.comuna.name if e.comuna_id else "",
            e.get_status_display(), e.get_fee_basis_display(), e.fee_due_clp, e.get_payment_status_display(),
            e.payment_reference, e.pool.agreement.title if e.pool_id else "",
            timezone.localtime(e.requested_at).strftime("%d-%m-%Y %H:%M"),
            str(ev.attendance_pct).replace(".", ",") if ev and ev.attendance_pct is not None else "",
            str(ev.grade).replace(".", ",") if ev and ev.grade is not None else "",
        ]


@staff_required
def cohort_export_csv(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    return excel_csv_response(f"formacion-version-{cohort.pk}.csv", EXPORT_HEADER, _export_rows(cohort),
                              preamble=[f"{cohort} · Fuente: Hub Local, {timezone.localdate():%d-%m-%Y}"])


@staff_required
def cohort_export_xlsx(request, pk: int):
    from openpyxl import Workbook

    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    book = Workbook()
    sheet = book.active
    sheet.title = "Inscripciones"
    sheet.append([str(cohort)])
    sheet.append(EXPORT_HEADER)
    for row in _export_rows(cohort):
        sheet.append([v if isinstance(v, int) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="formacion-version-{cohort.pk}.xlsx"'
    return response


@staff_required
def coverage(request):
    return render(request, "training/staff/coverage.html", {"coverage": selectors.coverage()})


@staff_required
def coordinators(request):
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                item = get_object_or_404(Coordinator, pk=request.POST["remove"]) if request.POST["remove"].isdigit() \
                    else None
                if item:
                    services.coordinator_remove(acting_user=request.user, coordinator=item)
                messages.success(request, _("Coordinación quitada."))
            else:
                comuna = Comuna.objects.filter(cut=request.POST.get("comuna", "")[:5]).first()
                user = User.objects.filter(username=request.POST.get("username", "")[:150]).first()
                if comuna is None or user is None:
                    raise ValidationError(_("Indique un código CUT y un nombre de usuario existentes."))
                services.coordinator_add(acting_user=request.user, comuna=comuna, user=user)
                messages.success(request, _("Coordinación designada."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("training:coordinators")
    items = Coordinator.objects.select_related("comuna", "user")
    return render(request, "training/staff/coordinators.html", {"items": items})


@staff_required
@require_POST
def certificate_action(request, pk: int):
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), pk=pk)
    reason = request.POST.get("reason", "")[:500]
    try:
        if request.POST.get("action") == "revoke":
            services_certificates.certificate_revoke(acting_user=request.user, certificate=certificate, reason=reason)
            messages.success(request, _("Certificado revocado."))
        elif request.POST.get("action") == "replace":
            new = services_certificates.certificate_replace(
                acting_user=request.user, certificate=certificate, reason=reason,
                holder_name=request.POST.get("holder_name", "")[:300])
            messages.success(request, _("Certificado reemplazado por %(c)s.") % {"c": new.code})
        else:
            raise ValidationError(_("Acción desconocida."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("training:cohort_manage", pk=certificate.enrolment.cohort_id)


def enrolment_status_choices():
    return EnrolmentStatus.choices


@staff_required
def pools(request):
    from hub.partners.models import PUBLISHED_STATUSES, Agreement

    from .models import Programme, SeatPool

    agreements = Agreement.objects.filter(status__in=PUBLISHED_STATUSES).order_by("title")
    if request.method == "POST":
        post = request.POST
        agreement = agreements.filter(pk=post.get("agreement", "")).first() if post.get("agreement", "").isdigit() \
            else None
        comuna = Comuna.objects.filter(cut=post.get("comuna", "")[:5]).first()
        programme = Programme.objects.filter(pk=post["programme"]).first() if post.get("programme", "").isdigit() \
            else None
        try:
            seats = int(post.get("seats_total", ""))
            price = int(post.get("unit_price_clp", "0") or 0)
        except ValueError:
            seats = price = -1
        try:
            if agreement is None or comuna is None:
                raise ValidationError(_("Elija un convenio publicado y escriba el código CUT de la comuna."))
            if seats < 1 or price < 0:
                raise ValidationError(_("Los cupos deben ser un entero de 1 o más y el valor por cupo, 0 o más pesos."))
            services.pool_create(acting_user=request.user, agreement=agreement, comuna=comuna, seats_total=seats,
                                 programme=programme, unit_price_clp=price)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Bolsa de cupos creada."))
            return redirect("training:pools")
    items = SeatPool.objects.select_related("agreement", "comuna", "programme")
    return render(request, "training/staff/pools.html", {
        "items": items, "agreements": agreements, "programmes": Programme.objects.all(), "post": request.POST})


@staff_required
def signing_keys(request):
    from .models import SigningKey

    if request.method == "POST":
        key = services_certificates.signing_key_rotate(acting_user=request.user)
        messages.success(request, _("Nueva clave %(k)s. La anterior sigue publicada para verificar lo que firmó.")
                         % {"k": key.key_id})
        return redirect("training:signing_keys")
    services_certificates.current_signing_key()
    keys = SigningKey.objects.annotate(n=Count("certificates")).order_by("created_at")
    return render(request, "training/staff/keys.html", {"keys": keys})
