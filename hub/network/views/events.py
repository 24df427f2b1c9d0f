"""Events, congresses and awards (revenue line «Eventos, congresos y premios»)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff
from hub.core.decorators import staff_required

from .. import access, selectors, services
from ..forms import NominationForm, RegistrationForm
from ..models import EVENTS_REVENUE_LINE, Award, AwardCategory, Event, Nomination, RegistrationStatus
from .common import add_errors, forbidden


def event_list(request):
    page = Paginator(selectors.event_list(), 20).get_page(request.GET.get("page"))
    return render(request, "network/event_list.html", {"page_obj": page, "revenue_line": EVENTS_REVENUE_LINE})


def _event(pk) -> Event:
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise Http404(_("No existe un evento con ese número."))
    return event


def event_detail(request, pk: int):
    event = _event(pk)
    own = access.registrations_for_user(request.user).filter(event=event) if request.user.is_authenticated else []
    context = {
        "event": event,
        "counts": selectors.event_counts(event),
        "registrations": own,
        "can_register": access.can_register_for_event(request.user),
        "is_staff": is_hub_staff(request.user),
        "awards": event.awards.all(),
    }
    return render(request, "network/event_detail.html", context)


@login_required
def registration_create(request, pk: int):
    event = _event(pk)
    if not access.can_register_for_event(request.user):
        return forbidden(request, _("Inscriben personas los funcionarios municipales, las organizaciones socias "
                                    "y el equipo del Hub."))
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = None if data.get("comuna") else request.user.organization
        try:
            registration = services.registration_create(
                acting_user=request.user, event=event, name=data["name"], email=data["email"],
                comuna=data.get("comuna"), organization=organization,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            return forbidden(request, _("Solo puede inscribir personas de su propia comuna u organización."))
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.warning(request, _("El evento está lleno: %(name)s quedó en lista de espera y tendrá cupo "
                                            "si alguien cancela.") % {"name": registration.name})
            else:
                messages.success(request, _("%(name)s quedó inscrita.") % {"name": registration.name})
            return redirect(event)
    return render(request, "network/registration_form.html", {"form": form, "event": event, "registration": None})


@login_required
def registration_edit(request, pk: int):
    registration = access.access_registration(request.user, pk)
    form = RegistrationForm(request.POST or None, instance=registration, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(
                acting_user=request.user, registration=registration,
                name=form.cleaned_data["name"], email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Inscripción actualizada."))
            return redirect(registration.event)
    context = {"form": form, "event": registration.event, "registration": registration}
    return render(request, "network/registration_form.html", context)


@require_POST
@login_required
def registration_cancel(request, pk: int):
    registration = access.access_registration(request.user, pk)
    try:
        promoted = services.registration_cancel(acting_user=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Inscripción cancelada."))
        if promoted is not None:
            messages.info(request, _("Se liberó un cupo: la primera persona en lista de espera quedó confirmada."))
    return redirect(registration.event)


@require_POST
@staff_required
def registration_attendance(request, pk: int):
    registration = access.access_registration(request.user, pk)
    try:
        services.registration_mark_attendance(
            acting_user=request.user, registration=registration, attended=request.POST.get("attended") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(registration.event)


# Awards


def award_list(request):
    return render(request, "network/award_list.html", {"awards": selectors.award_list()})


def award_detail(request, pk: int):
    award = get_object_or_404(Award.objects.prefetch_related("categories__nominations__practice__comuna"), pk=pk)
    context = {"award": award, "is_staff": is_hub_staff(request.user), "nomination_form": NominationForm()}
    return render(request, "network/award_detail.html", context)


@require_POST
@staff_required
def nomination_create(request, pk: int):
    category = get_object_or_404(AwardCategory, pk=pk)
    form = NominationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elija una experiencia publicada para nominar."))
    else:
        try:
            services.nomination_create(
                acting_user=request.user, category=category, practice=form.cleaned_data["practice"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Experiencia nominada."))
    return redirect(category.award)


@require_POST
@staff_required
def nomination_winner(request, pk: int):
    nomination = get_object_or_404(Nomination.objects.select_related("category__award"), pk=pk)
    services.nomination_choose_winner(acting_user=request.user, nomination=nomination)
    messages.success(request, _("Ganadora de la categoría registrada."))
    return redirect(nomination.category.award)
