"""Agreements (convenios): transparency list, CSV, detail, staff editing and transitions."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.csv_export import excel_csv_response
from hub.core.decorators import staff_required
from hub.core.formatting import format_number
from hub.core.listing import render_listing
from hub.core.transitions import allowed_next

from .. import access, selectors, services
from ..forms import (
    AgreementFilterForm,
    AgreementForm,
    PartyForm,
    TransferForm,
    TransitionForm,
)
from ..models import AGREEMENT_TRANSITIONS, Agreement, AgreementStatus
from .common import _form_page, _save_form


def _agreement_filters(request):
    sees_drafts = access.can_see_drafts(request.user)
    form = AgreementFilterForm(request.GET or None, include_drafts=sees_drafts, years=selectors.agreement_years())
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in filters.items() if v}
    if "organization" in filters:
        filters["organization"] = filters["organization"].pk
    return form, filters


def agreement_list(request):
    form, filters = _agreement_filters(request)
    qs = selectors.agreement_filter(access.agreements_for_user(request.user), **filters)
    return render_listing(
        request,
        qs,
        template="partners/agreement_list.html",
        fragment="partners/_agreement_results.html",
        context={"form": form, "drafts": qs.filter(status=AgreementStatus.BORRADOR).count()},
    )


def agreement_csv(request):
    """The transparency file: published agreements only, whoever asks, with the page's filters."""
    form, filters = _agreement_filters(request)
    if filters.get("status") == AgreementStatus.BORRADOR:
        filters.pop("status")
    qs = selectors.agreement_filter(access.published_agreements(), **filters)
    header = [
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
    return excel_csv_response("convenios-hub-local.csv", header, (_csv_row(a) for a in qs))


def _csv_row(agreement: Agreement) -> list:
    row = selectors.agreement_row(agreement)
    return [
        row.id,
        row.title,
        row.purpose,
        row.status_label,
        " | ".join(f"{p['organization']} ({p['role_label']})" for p in row.parties),
        " | ".join(sorted({p["actor_type_label"] for p in row.parties})),
        _date(row.signed_on),
        _date(row.start_date),
        _date(row.end_date),
        format_number(row.total_amount_clp),
        " | ".join(
            f"{t['payer']} → {t['payee']}: ${format_number(t['amount_clp'])} ({t['concept']})" for t in row.transfers
        ),
        _("Sí") if row.is_demo else _("No"),
    ]


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


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
    agreement = access.access_agreement(request.user, pk)
    context = {
        "agreement": agreement,
        "row": selectors.agreement_row(agreement),
        "solutions": selectors.agreement_solutions(request.user, agreement),
    }
    if access.can_manage_partners(request.user):
        context.update(
            party_form=PartyForm(),
            transfer_form=TransferForm(agreement=agreement),
            transition_form=TransitionForm(),
            allowed_transitions=[str(s) for s in allowed_next(agreement, AGREEMENT_TRANSITIONS)],
        )
    return render(request, "partners/agreement_detail.html", context)


def agreement_document(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
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
        lambda data: services.agreement_create(acting_user=request.user, **data),
        success=_("Convenio creado en borrador. Agregue ahora sus partes y montos."),
    )
    return response or _form_page(request, form, title=_("Nuevo convenio"), back_url="partners:agreement_list")


@staff_required
def agreement_edit(request, pk: int):
    agreement = access.access_agreement(request.user, pk, write=True)
    form = AgreementForm(request.POST or None, instance=Agreement.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.agreement_update(acting_user=request.user, agreement=agreement, **data),
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
    agreement = access.access_agreement(request.user, pk, write=True)
    form = PartyForm(request.POST)
    invalid = ValidationError(_("Elija una organización y su rol en el convenio."))
    return _add_to_agreement(request, agreement, form, services.agreement_party_add, invalid, _("Parte agregada."))


def _add_to_agreement(request, agreement, form, service, invalid: ValidationError, success: str):
    """A party or an amount added from the agreement page: refusals come back as messages, nothing saved."""
    if not form.is_valid():
        return _refused(request, agreement, invalid)
    try:
        service(acting_user=request.user, agreement=agreement, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, agreement, exc)
    messages.success(request, success)
    return redirect(agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_party_remove(request, pk: int, party_pk: int):
    party = access.access_agreement_party(request.user, pk, party_pk)
    try:
        services.agreement_party_remove(acting_user=request.user, party=party)
    except ValidationError as exc:
        return _refused(request, party.agreement, exc)
    messages.success(request, _("Parte quitada."))
    return redirect(party.agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_transfer_add(request, pk: int):
    agreement = access.access_agreement(request.user, pk, write=True)
    form = TransferForm(request.POST, agreement=agreement)
    errors = [f"{form.fields[f].label if f in form.fields else ''}: {e}" for f, es in form.errors.items() for e in es]
    return _add_to_agreement(
        request, agreement, form, services.agreement_transfer_add, ValidationError(errors or [""]), _("Monto agregado.")
    )


@staff_required
@require_POST
def agreement_transfer_remove(request, pk: int, transfer_pk: int):
    transfer = access.access_agreement_transfer(request.user, pk, transfer_pk)
    try:
        services.agreement_transfer_remove(acting_user=request.user, transfer=transfer)
    except ValidationError as exc:
        return _refused(request, transfer.agreement, exc)
    messages.success(request, _("Monto quitado."))
    return redirect(transfer.agreement.get_absolute_url())


@staff_required
@require_POST
def agreement_transition(request, pk: int):
    agreement = access.access_agreement(request.user, pk, write=True)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, agreement, ValidationError(_("Elija una acción válida para el convenio.")))
    data = form.cleaned_data
    actions = {
        "sign": lambda: services.agreement_sign(
            acting_user=request.user, agreement=agreement, document=data["document"], signed_on=data["signed_on"]
        ),
        "activate": lambda: services.agreement_activate(acting_user=request.user, agreement=agreement),
        "finish": lambda: services.agreement_finish(acting_user=request.user, agreement=agreement),
        "terminate": lambda: services.agreement_terminate(
            acting_user=request.user, agreement=agreement, reason=data["reason"]
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
