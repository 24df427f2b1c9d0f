"""Working groups (mesas técnicas): members, sessions, agreed actions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required

from .. import access, selectors, services
from ..forms import ActionForm, MemberForm, SessionForm, WorkingGroupForm
from ..models import AgreedAction, WorkingGroup, WorkingGroupSession
from .common import _form_page, _save_form


@login_required
def group_list(request):
    groups = access.working_groups_for_user(request.user).prefetch_related("organizations")
    return render(request, "partners/group_list.html", {"groups": groups})


@login_required
def group_detail(request, pk: int):
    group = access.access_working_group(request.user, pk)
    today = timezone.localdate()
    sessions = group.sessions.prefetch_related("actions__owner__user")
    context = {
        "group": group,
        "today": today,
        "members": group.members.select_related("user", "organization"),
        "sessions": sessions,
        "overdue": selectors.overdue_actions(today=today, group=group),
        "is_staff": access.can_manage_partners(request.user),
        "member_form": MemberForm(group=group) if access.can_manage_partners(request.user) else None,
    }
    return render(request, "partners/group_detail.html", context)


@staff_required
def group_create(request):
    form = WorkingGroupForm(request.POST or None)
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_create(acting_user=request.user, **data),
        success=_("Mesa técnica creada."),
    )
    return response or _form_page(request, form, title=_("Nueva mesa técnica"), back_url="partners:group_list")


@staff_required
def group_edit(request, pk: int):
    group = access.access_working_group(request.user, pk, write=True)
    form = WorkingGroupForm(request.POST or None, instance=WorkingGroup.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_update(acting_user=request.user, group=group, **data),
        success=_("Mesa técnica actualizada."),
    )
    return response or _form_page(request, form, title=_("Editar mesa técnica"), back_url="partners:group_list")


@staff_required
def group_member_add(request, pk: int):
    group = access.access_working_group(request.user, pk, write=True)
    form = MemberForm(request.POST or None, group=group)
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_member_add(acting_user=request.user, group=group, **data),
        success=_("Integrante agregado."),
        redirect_to=group.get_absolute_url(),
    )
    return response or _form_page(
        request, form, title=_("Agregar integrante a %(group)s") % {"group": group}, back_url="partners:group_list"
    )


@staff_required
def session_create(request, pk: int):
    group = access.access_working_group(request.user, pk, write=True)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_session_create(acting_user=request.user, group=group, **data),
        success=_("Sesión registrada."),
        redirect_to=group.get_absolute_url(),
    )
    return response or _form_page(
        request, form, title=_("Nueva sesión de %(group)s") % {"group": group}, back_url="partners:group_list"
    )


@staff_required
def session_edit(request, pk: int):
    session = access.access_session(request.user, pk, write=True)
    form = SessionForm(request.POST or None, instance=WorkingGroupSession.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.working_group_session_update(acting_user=request.user, session=session, **data),
        success=_("Sesión actualizada."),
        redirect_to=session.group.get_absolute_url(),
    )
    return response or _form_page(request, form, title=_("Editar sesión"), back_url="partners:group_list")


@staff_required
def action_create(request, pk: int):
    session = access.access_session(request.user, pk, write=True)
    form = ActionForm(request.POST or None, group=session.group)
    response = _save_form(
        request,
        form,
        lambda data: services.agreed_action_create(acting_user=request.user, session=session, **data),
        success=_("Acuerdo registrado."),
        redirect_to=session.group.get_absolute_url(),
    )
    return response or _form_page(request, form, title=_("Nuevo acuerdo"), back_url="partners:group_list")


@staff_required
def action_edit(request, pk: int):
    action = access.access_action(request.user, pk, write=True)
    group = action.session.group
    form = ActionForm(request.POST or None, instance=AgreedAction.objects.get(pk=pk), group=group)
    response = _save_form(
        request,
        form,
        lambda data: services.agreed_action_update(acting_user=request.user, action=action, **data),
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
