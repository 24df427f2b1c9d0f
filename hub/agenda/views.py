"""Pages of incidencia y posicionamiento: the public agenda, participation and presence; staff forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required
from hub.core.taxonomy import Challenge
from hub.core.transitions import allowed_next

from . import access, selectors, services
from .forms import (
    EvidenceForm,
    ItemFilterForm,
    ItemForm,
    MentionForm,
    MoveForm,
    NetworkActivityForm,
    NetworkForm,
    ParticipationForm,
    PositionForm,
)
from .models import STAGE_TRANSITIONS, InternationalNetwork, ItemStage, Participation


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def index(request):
    form = ItemFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.item_search(
        q=filters.get("q", ""), kind=filters.get("kind", ""), stage=filters.get("stage", ""),
        challenge=filters.get("challenge", ""),
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "querystring": _querystring(request), "total": page.paginator.count,
               "can_edit": access.can_edit_agenda(request.user)}
    template = "agenda/_item_results.html" if getattr(request, "htmx", False) else "agenda/index.html"
    return render(request, template, context)


def _move_form(item, data=None):
    labels = dict(ItemStage.choices)
    choices = [(s, labels[s]) for s in sorted(allowed_next(item, STAGE_TRANSITIONS[item.kind], field="stage"))]
    return MoveForm(data, choices=choices)


def item_detail(request, pk: int, move_form=None):
    item = access.access_item(request.user, pk)
    can_edit = access.can_edit_agenda(request.user)
    context = {
        "item": item,
        "history": selectors.item_history(item),
        "can_edit": can_edit,
        "move_form": move_form or (_move_form(item) if can_edit and not item.is_closed else None),
    }
    return render(request, "agenda/item_detail.html", context, status=400 if move_form else 200)


def _staff_form(request, form, save, *, title: str, back: str):
    """One staff form page: GET shows it; POST calls the service and redirects (to the saved object's page or
    ``back``); a service refusal comes back on the form, with nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(dict(form.cleaned_data))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Guardado."))
            return redirect(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else back)
    status = 400 if request.method == "POST" else 200
    return render(request, "agenda/form.html", {"form": form, "title": title, "back": back}, status=status)


@staff_required
def item_create(request):
    def save(data):
        fields = {k: v for k, v in data.items() if k not in ("challenges", "stage_since")}
        return services.item_create(
            acting_user=request.user, challenges=data["challenges"], stage_since=data.get("stage_since"), **fields
        )

    return _staff_form(request, ItemForm(request.POST or None), save, title=_("Nuevo tema de la agenda"),
                       back=reverse("agenda:index"))


@staff_required
def item_edit(request, pk: int):
    item = access.access_item(request.user, pk, write=True)

    def save(data):
        fields = {k: v for k, v in data.items() if k != "challenges"}
        return services.item_update(acting_user=request.user, item_id=item.pk, challenges=data["challenges"], **fields)

    return _staff_form(request, ItemForm(request.POST or None, instance=item), save,
                       title=_("Editar tema de la agenda"), back=item.get_absolute_url())


@staff_required
@require_POST
def item_move(request, pk: int):
    item = access.access_item(request.user, pk, write=True)
    form = _move_form(item, request.POST)
    if form.is_valid():
        try:
            services.item_move(acting_user=request.user, item_id=item.pk, to=form.cleaned_data["to"],
                               on=form.cleaned_data["on"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Etapa actualizada."))
            return redirect(item.get_absolute_url())
    return item_detail(request, pk, move_form=form)


@staff_required
def position_add(request, pk: int):
    item = access.access_item(request.user, pk, write=True)
    def save(data):
        services.position_add(acting_user=request.user, item_id=item.pk, **data)
        return item

    return _staff_form(
        request, PositionForm(request.POST or None), save,
        title=_("Nueva posición del Hub sobre «%(t)s»") % {"t": item.title}, back=item.get_absolute_url(),
    )


@staff_required
def evidence_add(request, pk: int):
    item = access.access_item(request.user, pk, write=True)
    def save(data):
        services.evidence_add(acting_user=request.user, item_id=item.pk, **data)
        return item

    return _staff_form(
        request, EvidenceForm(request.POST or None), save,
        title=_("Nueva evidencia para «%(t)s»") % {"t": item.title}, back=item.get_absolute_url(),
    )


# Participation in public agendas


def participation_list(request):
    challenge = request.GET.get("challenge", "")
    qs = Participation.objects.select_related("network", "agenda_item")
    if challenge in Challenge.values:
        qs = qs.filter(challenge=challenge)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    context = {"page_obj": page, "querystring": _querystring(request), "challenge": challenge,
               "challenges": Challenge.choices, "can_edit": access.can_edit_agenda(request.user)}
    return render(request, "agenda/participation_list.html", context)


@staff_required
def participation_create(request):
    def save(data):
        return services.participation_create(acting_user=request.user, **data)

    return _staff_form(request, ParticipationForm(request.POST or None), save,
                       title=_("Nueva participación en agenda pública"), back=reverse("agenda:participation_list"))


# Public positioning


def presence(request):
    challenge = request.GET.get("challenge", "")
    challenge = challenge if challenge in Challenge.values else ""
    context = {
        "years": selectors.presence_by_year(challenge=challenge),
        "networks": InternationalNetwork.objects.all(),
        "challenge": challenge,
        "challenges": Challenge.choices,
        "can_edit": access.can_edit_agenda(request.user),
    }
    return render(request, "agenda/presence.html", context)


@staff_required
def mention_create(request):
    def save(data):
        return services.mention_create(acting_user=request.user, **data)

    return _staff_form(request, MentionForm(request.POST or None), save,
                       title=_("Nueva publicación o mención en prensa"), back=reverse("agenda:presence"))


@staff_required
def network_create(request):
    def save(data):
        return services.network_create(acting_user=request.user, **data)

    return _staff_form(request, NetworkForm(request.POST or None), save, title=_("Nueva red internacional"),
                       back=reverse("agenda:presence"))


@staff_required
def activity_create(request):
    def save(data):
        network = data.pop("network")
        return services.network_activity_create(acting_user=request.user, network_id=network.pk, **data)

    return _staff_form(request, NetworkActivityForm(request.POST or None), save,
                       title=_("Nueva actividad en red internacional"), back=reverse("agenda:presence"))
