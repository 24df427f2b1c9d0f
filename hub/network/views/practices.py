"""Pages of the network: practices, replications, the network overview and the staff review queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff, user_comuna_cuts
from hub.core.decorators import staff_required
from hub.core.listing import cleaned_filters, render_listing
from hub.core.transitions import allowed_next

from .. import access, selectors, services
from ..forms import PracticeFilterForm, PracticeForm, ReplicationForm, ReviewForm
from ..models import REPLICATION_TRANSITIONS, Practice, PracticeStatus, Replication, ReplicationStatus
from .common import add_errors, forbidden, official_required

# Public pages


def network_overview(request):
    context = {
        "totals": selectors.network_totals(),
        "top": selectors.most_replicated(10),
        "flows": selectors.replication_flows(),
    }
    return render(request, "network/overview.html", context)


def practice_list(request):
    form = PracticeFilterForm(request.GET or None)
    qs = selectors.practice_search(**cleaned_filters(form))
    return render_listing(
        request,
        qs,
        template="network/practice_list.html",
        fragment="network/_practice_results.html",
        context={"form": form},
    )


def practice_detail(request, pk: int):
    practice = access.access_practice(request.user, pk)
    replications = list(selectors.practice_replications(practice))
    context = {
        "practice": practice,
        "replications": replications,
        "can_edit": practice.is_editable and access.can_edit_practice(request.user, practice),
        "can_submit": practice.is_editable and access.can_edit_practice(request.user, practice),
        "can_replicate": access.can_replicate(request.user, practice),
    }
    return render(request, "network/practice_detail.html", context)


# My comuna


@official_required
def my_practices(request):
    cuts = user_comuna_cuts(request.user)
    practices = access.practices_for_user(request.user).filter(comuna_id__in=cuts).order_by("-updated_at")
    replications = access.replications_for_user(request.user).filter(comuna_id__in=cuts)
    context = {"practices": practices, "replications": replications, "is_staff_view": not cuts}
    return render(request, "network/my_practices.html", context)


@official_required
def practice_create(request):
    form = PracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comuna = data.pop("comuna")
        try:
            practice = services.practice_create(acting_user=request.user, comuna=comuna, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Experiencia guardada como borrador. Envíela a revisión cuando esté lista."))
            return redirect(practice)
    return render(request, "network/practice_form.html", {"form": form, "practice": None})


@official_required
def practice_edit(request, pk: int):
    practice = access.access_practice(request.user, pk, write=True)
    if not practice.is_editable and not is_hub_staff(request.user):
        messages.warning(request, _("La experiencia está «%(status)s» y no se puede editar ahora.")
                         % {"status": practice.get_status_display()})
        return redirect(practice)
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(
                acting_user=request.user, practice=Practice.objects.get(pk=pk), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Cambios guardados."))
            return redirect("network:practice_detail", pk=pk)
    return render(request, "network/practice_form.html", {"form": form, "practice": practice})


@require_POST
@official_required
def practice_submit(request, pk: int):
    practice = access.access_practice(request.user, pk)
    try:
        services.practice_submit(acting_user=request.user, practice=practice)
    except PermissionDenied:
        return forbidden(request, _("Solo los funcionarios de %(comuna)s pueden enviar esta experiencia.")
                         % {"comuna": practice.comuna})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Experiencia enviada a revisión del equipo del Hub."))
    return redirect(practice)


# Replications


@official_required
def replication_create(request, pk: int):
    practice = access.access_practice(request.user, pk)
    if not practice.is_published:
        messages.error(request, _("Solo se pueden replicar experiencias publicadas; «%(title)s» aún no lo está.")
                       % {"title": practice.title})
    form = ReplicationForm(request.POST or None, user=request.user, practice=practice)
    return _record_replication(request, form, {"practice": practice}, success=_("Replicación registrada."),
                               redirect_to=practice)


def _record_replication(request, form, origin: dict, *, success: str, redirect_to):
    """Validate the form, record the replication of ``origin`` (practice= or solution=), or show the form again."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comuna = data.pop("comuna")
        try:
            services.replication_record(acting_user=request.user, comuna=comuna, **origin, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            return forbidden(request, _("Solo puede registrar replicaciones de su propia comuna."))
        else:
            messages.success(request, success)
            return redirect(redirect_to)
    return render(request, "network/replication_form.html", {"form": form, **origin})


@official_required
def solution_replication_create(request, pk: int):
    """A comuna records that it replicates a solution of the Hub's portfolio (published ones only)."""
    from hub.portfolio.access import access_solution

    solution = access_solution(request.user, pk)
    if not solution.is_published:
        messages.error(request, _("Solo se pueden replicar soluciones publicadas del Hub; «%(title)s» no lo está.")
                       % {"title": solution.title})
    form = ReplicationForm(request.POST or None, user=request.user)
    return _record_replication(request, form, {"solution": solution},
                               success=_("Replicación de la solución registrada."), redirect_to="network:my_practices")


@official_required
def replication_edit(request, pk: int):
    replication = access.access_replication(request.user, pk, write=True)
    form = ReplicationForm(request.POST or None, instance=replication, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.replication_update(
                acting_user=request.user, replication=Replication.objects.get(pk=pk), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Replicación actualizada."))
            return redirect("network:my_practices")
    allowed = [replication.status, *allowed_next(replication, REPLICATION_TRANSITIONS)]
    context = {
        "form": form,
        "practice": replication.practice,
        "solution": replication.solution,
        "replication": replication,
        "allowed_statuses": [ReplicationStatus(s).label for s in allowed],
    }
    return render(request, "network/replication_form.html", context)


# Staff review


@staff_required
def review_queue(request):
    pending = Practice.objects.filter(status=PracticeStatus.IN_REVIEW).select_related("comuna", "author")
    return render(request, "network/review_queue.html", {"pending": pending.order_by("submitted_at")})


@staff_required
def practice_review(request, pk: int):
    practice = access.access_practice(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.practice_publish(acting_user=request.user, practice=practice)
                messages.success(request, _("Experiencia publicada."))
            else:
                services.practice_return(
                    acting_user=request.user, practice=practice, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("Experiencia devuelta a la comuna con sus observaciones."))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("network:review_queue")
    return render(request, "network/practice_review.html", {"form": form, "practice": practice})
