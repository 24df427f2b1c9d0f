"""Public catalogue, iCalendar feed, enrolment, «Mi formación» and the comuna coordinator's view."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.models import User
from hub.core.access import is_hub_staff, user_comuna_cuts
from hub.core.taxonomy import Challenge
from hub.territory.models import Comuna, Region

from . import access, ical, selectors, services
from .models import Modality


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> tuple[selectors.CatalogueFilters, dict, list[str]]:
    get = request.GET
    raw = {k: get.get(k, "").strip()[:20] for k in ("challenge", "modality", "region", "desde", "hasta")}
    errors = []
    date_from, date_to = _date(raw["desde"]), _date(raw["hasta"])
    if raw["desde"] and date_from is None:
        errors.append(_("La fecha «desde» debe tener el formato aaaa-mm-dd."))
    if raw["hasta"] and date_to is None:
        errors.append(_("La fecha «hasta» debe tener el formato aaaa-mm-dd."))
    filters = selectors.CatalogueFilters(challenge=raw["challenge"], modality=raw["modality"], region=raw["region"],
                                         date_from=date_from, date_to=date_to, include_past=get.get("pasadas") == "1")
    return filters, raw, errors


def index(request):
    filters, raw, errors = _filters(request)
    cohorts = selectors.cohort_catalogue(request.user, filters)
    page = Paginator(cohorts, 12).get_page(request.GET.get("page"))
    querystring = urlencode({k: v for k, v in raw.items() if v})
    context = {
        "page_obj": page, "raw": raw, "errors": errors, "querystring": querystring,
        "challenges": Challenge.choices, "modalities": Modality.choices, "regions": Region.objects.all(),
        "programmes": access.programmes_for_user(request.user),
        "is_staff": is_hub_staff(request.user),
        "ics_url": request.build_absolute_uri(_ics_path(querystring)),
    }
    return render(request, "training/index.html", context)


def _ics_path(querystring: str) -> str:
    from django.urls import reverse

    return reverse("training:calendar") + (f"?{querystring}" if querystring else "")


def programme_detail(request, pk: int):
    programme = access.access_programme(request.user, pk)
    cohorts = access.cohorts_for_user(request.user).filter(programme=programme)
    return render(request, "training/programme_detail.html", {"programme": programme, "cohorts": cohorts})


def cohort_detail(request, pk: int):
    cohort = access.access_cohort(request.user, pk)
    user = request.user
    own = access.enrolments_for_user(user).filter(cohort=cohort) if user.is_authenticated else []
    colleagues = []
    if access.is_coordinator(user):
        colleagues = (User.objects.filter(comunas__cut__in=access.coordinated_cuts(user), is_active=True,
                                          role="official").exclude(pk=user.pk).distinct()
                      .order_by("last_name", "first_name"))
    context = {
        "cohort": cohort,
        "sessions": cohort.sessions.all(),
        "rule": services.current_rule(cohort),
        "own": own,
        "colleagues": colleagues,
        "my_comunas": Comuna.objects.filter(cut__in=user_comuna_cuts(user)),
        "waiting": selectors.waiting_list(cohort).count(),
        "fee": services.fee_for(cohort, user, None) if user.is_authenticated else None,
        "is_staff": is_hub_staff(user),
    }
    return render(request, "training/cohort_detail.html", context)


def calendar(request):
    filters, _raw, _errors = _filters(request)
    cohorts = selectors.cohort_catalogue(request.user, filters)
    if request.GET.get("cohort", "").isdigit():
        cohorts = access.cohorts_for_user(request.user).filter(pk=int(request.GET["cohort"][:18]))
    cohorts = cohorts.values("pk")
    sessions = access.sessions_for_user(request.user).filter(cohort__in=cohorts).order_by("starts_at")[:2000]
    body = ical.calendar(sessions, name=_("Hub Local · Formación"), now=timezone.now())
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="formacion-hub-local.ics"'
    return response


@login_required
@require_POST
def enrol(request, pk: int):
    cohort = access.access_cohort(request.user, pk)
    learner = request.user
    if request.POST.get("learner"):
        learner = User.objects.filter(pk=request.POST["learner"]).first() if request.POST["learner"].isdigit() else None
        if learner is None:
            messages.error(request, _("Elija a una colega de la lista."))
            return redirect(cohort.get_absolute_url())
    comuna = Comuna.objects.filter(cut=request.POST.get("comuna", "")[:5]).first()
    if comuna is None and not is_hub_staff(request.user):
        mine = user_comuna_cuts(request.user) | access.coordinated_cuts(request.user)
        cuts = sorted(user_comuna_cuts(learner) & mine)
        comuna = Comuna.objects.filter(cut=cuts[0]).first() if cuts else None
    try:
        enrolment = services.enrolment_request(acting_user=request.user, cohort=cohort, learner=learner,
                                               comuna=comuna, rut=request.POST.get("rut", "")[:20])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(cohort.get_absolute_url())
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect(cohort.get_absolute_url())
    if enrolment.status == "en_espera":
        position = selectors.waiting_list(cohort).filter(waitlisted_at__lte=enrolment.waitlisted_at).count()
        messages.warning(request, _("No quedan cupos: quedó en la lista de espera (lugar %(n)s). Le avisaremos si se "
                                    "libera uno.") % {"n": position})
    else:
        messages.success(request, _("Inscripción solicitada. El equipo del Hub la confirmará."))
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def enrolment_withdraw(request, pk: int):
    enrolment = access.access_enrolment(request.user, pk, write=True)
    try:
        services.enrolment_withdraw(acting_user=request.user, enrolment=enrolment,
                                    reason=request.POST.get("reason", "")[:500])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Inscripción retirada. Si había lista de espera, el cupo pasó a la primera "
                                    "persona."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/formacion/")
                    else "training:my_training")


@login_required
def my_training(request):
    rows = selectors.my_enrolments(request.user)
    return render(request, "training/my_training.html", {"rows": rows,
                                                         "is_coordinator": access.is_coordinator(request.user)})


@login_required
def coordinator(request):
    if not access.is_coordinator(request.user):
        raise PermissionDenied(_("Esta vista es de la coordinación comunal de formación, que designa el equipo "
                                 "del Hub."))
    return render(request, "training/coordinator.html", {"groups": selectors.coordinator_overview(request.user)})
