"""Agreements (convenios): transparency list, CSV, detail, staff editing and transitions."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff, is_partner
from hub.core.decorators import staff_required

from .. import selectors, services
from ..forms import (
    AgreementFilterForm,
    AgreementForm,
    PartyForm,
    TransferForm,
    TransitionForm,
)
from ..models import (
    AGREEMENT_TRANSITIONS,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementTransfer,
)
from .common import PAGE_SIZE, _form_page, _querystring, _save_form


def _agreement_filters(request):
    sees_drafts = is_hub_staff(request.user) or is_partner(request.user)
    form = AgreementFilterForm(request.GET or None, include_drafts=sees_drafts, years=selectors.agreement_years())
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in filters.items() if v}
    if "organization" in filters:
        filters["organization"] = filters["organization"].pk
    return form, filters


def agreement_list(request):
    form, filters = _agreement_filters(request)
    qs = selectors.agreement_filter(selectors.agreements_for_user(request.user), **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "querystring": _querystring(request),
        "total": qs.count(),
        "drafts": qs.filter(status=AgreementStatus.BORRADOR).count(),
    }
    template = "partners/_agreement_results.html" if request.htmx else "partners/agreement_list.html"
    return render(request, template, context)


def agreement_csv(request):
    """The transparency file: published agreements only, whoever asks, with the page's filters."""
    form, filters = _agreement_filters(request)
    if filters.get("status") == AgreementStatus.BORRADOR:
        filters.pop("status")
    qs = selectors.agreement_filter(selectors.published_agreements(), **filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="convenios-hub-local.csv"'
    response.write("\ufeff")  # BOM: Excel in Spanish then reads UTF-8 accents correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("N°"),
            _("Título"),
            _("Objeto"),
            _("Estado"),
            _("Partes (rol)"),
            _("Tipos de actor"),
            _("Fecha de firma"),
            _("Inicio"),
            _("Término"),
            _("Monto total (CLP)"),
            _("Transferencias"),
            _("Dato de demostración"),
        ]
    )
    for agreement in qs:
        row = selectors.agreement_row(agreement)
        writer.writerow(
            [
                row.id,
                row.title,
                row.purpose,
                row.status_label,
                " | ".join(f"{p['organization']} ({p['role_label']})" for p in row.parties),
                " | ".join(sorted({p["actor_type_label"] for p in row.parties})),
                _date(row.signed_on),
                _date(row.start_date),
                _date(row.end_date),
                _clp(row.total_amount_clp),
                " | ".join(
                    f"{t['payer']} → {t['payee']}: ${_clp(t['amount_clp'])} ({t['concept']})" for t in row.transfers
                ),
                _("Sí") if row.is_demo else _("No"),
            ]
        )
    return response


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _clp(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


@staff_required
def agreement_expiring(request):
    today = timezone.localdate()
    agreements = list(selectors.agreements_expiring(today=today))
    for agreement in agreements:
        agreement.days_left = (agreement.end_date - today).days
    return render(
        request,
        "partners/agreement_expiring.html",
        {"agreements": agreements, "today": today, "days": selectors.EXPIRING_DAYS},
    )


def agreement_detail(request, pk: int):
    agreement = selectors.access_agreement(request.user, pk)
    context = {
        "agreement": agreement,
        "row": selectors.agreement_row(agreement),
        "solutions": selectors.agreement_solutions(request.user, agreement),
    }
    if is_hub_staff(request.user):
        allowed = AGREEMENT_TRANSITIONS[AgreementStatus(agreement.status)]
        context.update(
            party_form=PartyForm(),
            transfer_form=TransferForm(agreement=agreement),
            transition_form=TransitionForm(),
            allowed_transitions=[s.value for s in allowed],
        )
    return render(request, "partners/agreement_detail.html", context)


def agreement_document(request, pk: int):
    agreement = selectors.access_agreement(request.user, pk)
    if not agreement.signed_document:
        raise Http404(_("Este convenio no tiene documento firmado."))
    try:
        handle = agreement.signed_document.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("El documento no está disponible.")) from exc
    return FileResponse(handle, content_type="application/pdf", filename=f"convenio-{agreement.pk}.pdf")


@staff_required
def agreement_create(request):
    form = AgreementForm(request.POST or None)
    response = _save_form(
        request,
        form,
        lambda data: services.agreement_create(user=request.user, **data),
        success=_("Convenio creado en borrador. Agregue ahora sus partes y montos."),
    )
    return response or _form_page(request, form, title=_("Nuevo convenio"), back_url="partners:agreement_list")


@staff_required
def agreement_edit(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = AgreementForm(request.POST or None, instance=Agreement.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.agreement_update(agreement=agreement, **data),
        success=_("Convenio actualizado."),
    )
    return response or _form_page(request, form, title=_("Editar convenio"), back_url="partners:agreement_list")


def _refused(request, agreement, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)
    return redirect(agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_party_add(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = PartyForm(request.POST)
    if not form.is_valid():
        return _refused(request, agreement, ValidationError(_("Elija una organización y su rol en el convenio.")))
    try:
        services.agreement_party_add(agreement=agreement, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, agreement, exc)
    messages.success(request, _("Parte agregada."))
    return redirect(agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_party_remove(request, pk: int, party_pk: int):
    party = get_object_or_404(AgreementParty, pk=party_pk, agreement_id=pk)
    try:
        services.agreement_party_remove(party=party)
    except ValidationError as exc:
        return _refused(request, party.agreement, exc)
    messages.success(request, _("Parte quitada."))
    return redirect(party.agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_transfer_add(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = TransferForm(request.POST, agreement=agreement)
    if not form.is_valid():
        errors = [
            f"{form.fields[f].label if f in form.fields else ''}: {e}" for f, es in form.errors.items() for e in es
        ]
        return _refused(request, agreement, ValidationError(errors))
    try:
        services.agreement_transfer_add(agreement=agreement, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, agreement, exc)
    messages.success(request, _("Monto agregado."))
    return redirect(agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_transfer_remove(request, pk: int, transfer_pk: int):
    transfer = get_object_or_404(AgreementTransfer, pk=transfer_pk, agreement_id=pk)
    try:
        services.agreement_transfer_remove(transfer=transfer)
    except ValidationError as exc:
        return _refused(request, transfer.agreement, exc)
    messages.success(request, _("Monto quitado."))
    return redirect(transfer.agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_transition(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, agreement, ValidationError(_("Elija una acción válida para el convenio.")))
    data = form.cleaned_data
    actions = {
        "sign": lambda: services.agreement_sign(
            agreement=agreement, user=request.user, document=data["document"], signed_on=data["signed_on"]
        ),
        "activate": lambda: services.agreement_activate(agreement=agreement, user=request.user),
        "finish": lambda: services.agreement_finish(agreement=agreement, user=request.user),
        "terminate": lambda: services.agreement_terminate(
            agreement=agreement, user=request.user, reason=data["reason"]
        ),
    }
    try:
        actions[data["action"]]()
    except ValidationError as exc:
        return _refused(request, agreement, exc)
    messages.success(
        request, _("El convenio quedó en estado «%(status)s».") % {"status": agreement.get_status_display()}
    )
    return redirect(agreement.get_absolute_url())
