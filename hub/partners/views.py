import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff, is_partner
from hub.core.decorators import staff_required

from . import selectors, services
from .forms import (
    ActionForm,
    AgreementFilterForm,
    AgreementForm,
    MemberForm,
    OrganizationFilterForm,
    OrganizationForm,
    PartyForm,
    ProjectFilterForm,
    ProjectForm,
    SessionForm,
    TransferForm,
    TransitionForm,
    WorkingGroupForm,
)
from .models import (
    AGREEMENT_TRANSITIONS,
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementTransfer,
    Organization,
    Project,
    WorkingGroup,
    WorkingGroupSession,
)

PAGE_SIZE = 20


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _save_form(request, form, save, *, success: str, redirect_to=None):
    """Validate the form, call the service, and turn its refusals into form errors (nothing is saved then)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save(form.cleaned_data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None
    messages.success(request, success)
    return redirect(redirect_to or obj.get_absolute_url())


def _form_page(request, form, *, title: str, back_url: str, multipart: bool = False):
    return render(
        request, "partners/form.html", {"form": form, "title": title, "back_url": back_url, "multipart": multipart}
    )


# Organisations ---------------------------------------------------------------------------------------------------


def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organization_search(**{k: v for k, v in filters.items() if v})
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "querystring": _querystring(request), "total": qs.count()}
    template = "partners/_organization_results.html" if request.htmx else "partners/organization_list.html"
    return render(request, template, context)


def organization_detail(request, pk: int):
    organization = selectors.access_organization(request.user, pk)
    agreements = selectors.agreement_filter(selectors.agreements_for_user(request.user), organization=pk)
    context = {
        "organization": organization,
        "agreements": agreements,
        "projects": organization.projects.all(),
        "show_contact": selectors.can_see_contact(request.user, organization),
    }
    return render(request, "partners/organization_detail.html", context)


@staff_required
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    response = _save_form(
        request, form, lambda data: services.organization_create(**data), success=_("Organización creada.")
    )
    return response or _form_page(request, form, title=_("Nueva organización"), back_url="partners:organization_list")


@staff_required
def organization_edit(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.organization_update(organization=organization, **data),
        success=_("Organización actualizada."),
    )
    return response or _form_page(
        request, form, title=_("Editar %(name)s") % {"name": organization}, back_url="partners:organization_list"
    )


# Agreements ------------------------------------------------------------------------------------------------------


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


# Working groups --------------------------------------------------------------------------------------------------


@login_required
def group_list(request):
    groups = selectors.working_groups_for_user(request.user).prefetch_related("organizations")
    return render(request, "partners/group_list.html", {"groups": groups})


@login_required
def group_detail(request, pk: int):
    group = selectors.access_working_group(request.user, pk)
    today = timezone.localdate()
    sessions = group.sessions.prefetch_related("actions__owner__user")
    context = {
        "group": group,
        "today": today,
        "members": group.members.select_related("user", "organization"),
        "sessions": sessions,
        "overdue": selectors.overdue_actions(today=today, group=group),
        "is_staff": is_hub_staff(request.user),
        "member_form": MemberForm(group=group) if is_hub_staff(request.user) else None,
    }
    return render(request, "partners/group_detail.html", context)


@staff_required
def group_create(request):
    form = WorkingGroupForm(request.POST or None)
    response = _save_form(
        request, form, lambda data: services.working_group_create(**data), success=_("Mesa técnica creada.")
    )
    return response or _form_page(request, form, title=_("Nueva mesa técnica"), back_url="partners:group_list")


@staff_required
def group_edit(request, pk: int):
    group = get_object_or_404(WorkingGroup, pk=pk)
    form = WorkingGroupForm(request.POST or None, instance=WorkingGroup.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_update(group=group, **data),
        success=_("Mesa técnica actualizada."),
    )
    return response or _form_page(request, form, title=_("Editar mesa técnica"), back_url="partners:group_list")


@staff_required
def group_member_add(request, pk: int):
    group = get_object_or_404(WorkingGroup, pk=pk)
    form = MemberForm(request.POST or None, group=group)
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_member_add(group=group, **data),
        success=_("Integrante agregado."),
        redirect_to=group.get_absolute_url(),
    )
    return response or _form_page(
        request, form, title=_("Agregar integrante a %(group)s") % {"group": group}, back_url="partners:group_list"
    )


@staff_required
def session_create(request, pk: int):
    group = get_object_or_404(WorkingGroup, pk=pk)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_session_create(group=group, **data),
        success=_("Sesión registrada."),
        redirect_to=group.get_absolute_url(),
    )
    return response or _form_page(
        request, form, title=_("Nueva sesión de %(group)s") % {"group": group}, back_url="partners:group_list"
    )


@staff_required
def session_edit(request, pk: int):
    session = get_object_or_404(WorkingGroupSession.objects.select_related("group"), pk=pk)
    form = SessionForm(request.POST or None, instance=WorkingGroupSession.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_session_update(session=session, **data),
        success=_("Sesión actualizada."),
        redirect_to=session.group.get_absolute_url(),
    )
    return response or _form_page(request, form, title=_("Editar sesión"), back_url="partners:group_list")


@staff_required
def action_create(request, pk: int):
    session = get_object_or_404(WorkingGroupSession.objects.select_related("group"), pk=pk)
    form = ActionForm(request.POST or None, group=session.group)
    response = _save_form(
        request,
        form,
        lambda data: services.agreed_action_create(session=session, **data),
        success=_("Acuerdo registrado."),
        redirect_to=session.group.get_absolute_url(),
    )
    return response or _form_page(request, form, title=_("Nuevo acuerdo"), back_url="partners:group_list")


@staff_required
def action_edit(request, pk: int):
    action = get_object_or_404(AgreedAction.objects.select_related("session__group"), pk=pk)
    group = action.session.group
    form = ActionForm(request.POST or None, instance=AgreedAction.objects.get(pk=pk), group=group)
    response = _save_form(
        request,
        form,
        lambda data: services.agreed_action_update(action=action, **data),
        success=_("Acuerdo actualizado."),
        redirect_to=group.get_absolute_url(),
    )
    return response or _form_page(request, form, title=_("Editar acuerdo"), back_url="partners:group_list")


@staff_required
def overdue_overview(request):
    today = timezone.localdate()
    return render(
        request, "partners/overdue_actions.html", {"actions": selectors.overdue_actions(today=today), "today": today}
    )


# Projects --------------------------------------------------------------------------------------------------------


def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.project_search(**{k: v for k, v in filters.items() if v})
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "querystring": _querystring(request), "total": qs.count()}
    return render(request, "partners/project_list.html", context)


def project_detail(request, pk: int):
    project = Project.objects.prefetch_related("organizations", "comunas").filter(pk=pk).first()
    if project is None:
        raise Http404(_("No existe ese proyecto."))
    agreements = selectors.agreements_for_user(request.user).filter(projects=project)
    return render(request, "partners/project_detail.html", {"project": project, "agreements": agreements})


@staff_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    response = _save_form(request, form, lambda data: services.project_create(**data), success=_("Proyecto creado."))
    return response or _form_page(request, form, title=_("Nuevo proyecto"), back_url="partners:project_list")


@staff_required
def project_edit(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    form = ProjectForm(request.POST or None, instance=Project.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.project_update(project=project, **data),
        success=_("Proyecto actualizado."),
    )
    return response or _form_page(request, form, title=_("Editar proyecto"), back_url="partners:project_list")
