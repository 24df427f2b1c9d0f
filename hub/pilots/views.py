"""Pilot pages: public list, page and registration (once pre-registered); the team's workspace and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.transitions import state_history
from hub.territory.models import Comuna

from . import access, forms, registration, selectors, services
from .models import Selection


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _flash_errors(request, exc: ValidationError) -> None:
    for message in _errors(exc):
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for err in errs:
            messages.error(request, f"{label}: {err}" if label else err)


def index(request):
    form = forms.FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.pilot_list(access.pilots_for_user(request.user), status=filters.get("status", ""),
                              q=filters.get("q", ""))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    querystring = urlencode({k: v for k, v in filters.items() if v})
    return render(request, "pilots/index.html", {"form": form, "page_obj": page, "querystring": querystring,
                                                  "can_create": access.can_create_pilot(request.user)})


def detail(request, pk):
    pilot = access.access_pilot(request.user, pk)
    context = selectors.pilot_page(pilot)
    context["can_manage"] = access.can_manage_pilot(request.user, pilot)
    return render(request, "pilots/detail.html", context)


def registration_page(request, pk):
    pilot = access.access_pilot(request.user, pk)
    context = selectors.pilot_page(pilot)
    numbers = [v.number for v in context["versions"]]
    try:
        a = int(request.GET.get("a", numbers[0] if numbers else 0))
        b = int(request.GET.get("b", numbers[-1] if numbers else 0))
    except ValueError:
        a, b = (numbers[0], numbers[-1]) if numbers else (0, 0)
    context.update({"diff": selectors.version_diff(pilot, a, b) if a != b else [], "a": a, "b": b,
                    "numbers": numbers, "recompute": registration.RECOMPUTE_SNIPPET,
                    "pretty": registration.pretty_json(context["content"])})
    return render(request, "pilots/registration.html", context)


def registration_json(request, pk, number):
    pilot = access.access_pilot(request.user, pk)
    version = get_object_or_404(pilot.versions, number=number)
    response = HttpResponse(version.canonical_json.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="preregistro-{pilot.pk}-v{number}.json"'
    return response


def case_pdf(request, pk):
    pilot = access.access_pilot(request.user, pk)
    if not pilot.case_document:
        raise Http404(_("El piloto aún no tiene documento de caso."))
    return FileResponse(pilot.case_document.open("rb"), content_type="application/pdf",
                        filename=f"caso-piloto-{pilot.pk}.pdf")


# Team workspace -----------------------------------------------------------------------------------------------


@login_required
def create(request):
    if not access.can_create_pilot(request.user):
        raise PermissionDenied(_("Solo el equipo del Hub puede crear pilotos."))
    form = forms.PilotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pilot = services.pilot_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Piloto creado. Agregue las comunas candidatas."))
            return redirect("pilots:team", pk=pilot.pk)
    return render(request, "pilots/pilot_form.html", {"form": form})


@login_required
def edit(request, pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    form = forms.PilotForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(acting_user=request.user, pilot=pilot, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Piloto actualizado."))
            return redirect("pilots:team", pk=pilot.pk)
    return render(request, "pilots/pilot_form.html", {"form": form, "pilot": pilot})


def _workspace_forms(pilot, context):
    selected = [c for c in pilot.candidates.select_related("comuna") if c.selected]
    content = context["content"]
    indicator_names = [p.get("nombre") for p in content.get("indicadores_proceso") or []]
    indicator_names += [o.get("nombre") for o in content.get("resultados_primarios") or [] if not o.get("indicador")]
    return {
        "team_form": forms.TeamMemberForm(),
        "candidates_form": forms.CandidatesForm(),
        "draw_form": forms.DrawForm(),
        "manual_form": forms.ManualSelectionForm(),
        "commitment_form": forms.CommitmentForm(comunas=selected),
        "measurement_form": forms.MeasurementForm(indicators=[n for n in indicator_names if n],
                                                  comunas=context["comunas"]),
        "adjustment_form": forms.AdjustmentForm(),
        "close_form": forms.CloseForm(),
    }


@login_required
def team(request, pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    context = selectors.pilot_page(pilot)
    context.update(_workspace_forms(pilot, context))
    context.update({
        "members": list(pilot.team.select_related("user")),
        "candidates": list(pilot.candidates.select_related("comuna", "comuna__region")),
        "selection": Selection.objects.filter(pilot=pilot).first(),
        "balance": selectors.pilot_balance(pilot, context["content"]),
        "missing_commitments": services.missing_commitments(pilot),
        "commitments": list(pilot.commitments.select_related("comuna", "agreement")),
        "measurements": list(pilot.measurements.select_related("comuna", "recorded_by")),
        "history": state_history(pilot),
    })
    return render(request, "pilots/team.html", context)


def _action(request, pk, handler, *, form_class=None, form_kwargs=None, success=""):
    pilot = access.access_pilot(request.user, pk, write=form_class is not forms.CommitmentForm)
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES, **(form_kwargs(pilot) if form_kwargs else {}))
    back = "pilots:team" if access.can_manage_pilot(request.user, pilot) else "pilots:detail"
    if form is not None and not form.is_valid():
        _form_errors(request, form)
        return redirect(back, pk=pilot.pk)
    try:
        handler(pilot, form.cleaned_data if form is not None else {}, form)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        if success:
            messages.success(request, success)
    return redirect(back, pk=pilot.pk)


@require_POST
@login_required
def team_add(request, pk):
    return _action(request, pk, lambda p, d, f: services.team_member_add(
        acting_user=request.user, pilot=p, user=d["user"], role=d["role"]), form_class=forms.TeamMemberForm,
        success=_("Integrante agregado."))


@require_POST
@login_required
def candidates_add(request, pk):
    return _action(request, pk, lambda p, d, f: services.candidates_add(
        acting_user=request.user, pilot=p, cuts=forms.split_list(d["cuts"]), origin=d["origin"]),
        form_class=forms.CandidatesForm, success=_("Candidatas agregadas."))


@require_POST
@login_required
def draw(request, pk):
    return _action(request, pk, lambda p, d, f: services.selection_draw(
        acting_user=request.user, pilot=p, quotas=f.quotas(), seed=d.get("seed")), form_class=forms.DrawForm,
        success=_("Sorteo realizado y registrado con su semilla."))


@require_POST
@login_required
def manual_select(request, pk):
    return _action(request, pk, lambda p, d, f: services.selection_manual(
        acting_user=request.user, pilot=p, reasons=f.reasons()), form_class=forms.ManualSelectionForm,
        success=_("Selección registrada con sus razones."))


@require_POST
@login_required
def commitment_add(request, pk):
    def handle(pilot, data, form):
        comuna = get_object_or_404(Comuna, cut=data["comuna"])
        services.commitment_record(
            acting_user=request.user, pilot=pilot, comuna=comuna, counterpart=data["counterpart"],
            signed_on=data["signed_on"], document=data.get("document"), agreement=data.get("agreement"),
            data_to_deliver=data.get("data_to_deliver", ""))
    pilot = access.access_pilot(request.user, pk)
    if not access.can_record_any_commitment(request.user, pilot):
        raise PermissionDenied(_("Solo el equipo del piloto o funcionarios de una comuna seleccionada registran "
                                 "compromisos."))
    return _action(request, pk, handle, form_class=forms.CommitmentForm,
                   form_kwargs=lambda p: {"comunas": p.candidates.filter(selected=True).select_related("comuna")},
                   success=_("Compromiso registrado."))


@login_required
def commitment_file(request, pk, commitment_pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    commitment = get_object_or_404(pilot.commitments, pk=commitment_pk)
    if not commitment.document:
        raise Http404(_("Este compromiso se acredita con un convenio, no con un archivo."))
    return FileResponse(commitment.document.open("rb"), content_type="application/pdf",
                        filename=f"compromiso-{commitment.comuna_id}.pdf")


@login_required
def evidence_file(request, pk, measurement_pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    measurement = get_object_or_404(pilot.measurements, pk=measurement_pk)
    if not measurement.evidence:
        raise Http404(_("Esta medición no tiene archivo de evidencia."))
    return FileResponse(measurement.evidence.open("rb"), as_attachment=True,
                        filename=measurement.evidence.name.rsplit("/", 1)[-1])


def _registration_form_page(request, pilot, *, amend: bool):
    content = services.current_content(pilot)
    form_class = forms.AmendmentForm if amend else forms.RegistrationForm
    form = form_class(request.POST or None, initial=form_class.initial_from(content))
    if request.method == "POST" and form.is_valid():
        new_content = form.to_content(content)
        try:
            if amend:
                version = services.registration_amend(acting_user=request.user, pilot=pilot, content=new_content,
                                                      reason=form.cleaned_data["reason"],
                                                      timing=form.cleaned_data["timing"])
                messages.success(request, _("Versión %(n)s registrada.") % {"n": version.number})
            else:
                services.registration_save_draft(acting_user=request.user, pilot=pilot, content=new_content)
                messages.success(request, _("Borrador del preregistro guardado."))
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            return redirect("pilots:team", pk=pilot.pk)
    return render(request, "pilots/registration_form.html", {"form": form, "pilot": pilot, "amend": amend,
                                                              "content": content})


@login_required
def registration_edit(request, pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    if pilot.versions.exists():
        messages.warning(request, _("El preregistro está congelado: los cambios se registran como enmiendas."))
        return redirect("pilots:amend", pk=pilot.pk)
    return _registration_form_page(request, pilot, amend=False)


@login_required
def amend(request, pk):
    pilot = access.access_pilot(request.user, pk, write=True)
    if not pilot.versions.exists():
        return redirect("pilots:registration_edit", pk=pilot.pk)
    return _registration_form_page(request, pilot, amend=True)


@require_POST
@login_required
def freeze(request, pk):
    return _action(request, pk, lambda p, d, f: services.registration_freeze(acting_user=request.user, pilot=p),
                   success=_("Preregistro congelado: su huella SHA-256 es pública."))


@require_POST
@login_required
def start_implementation(request, pk):
    return _action(request, pk, lambda p, d, f: services.pilot_start_implementation(acting_user=request.user, pilot=p),
                   success=_("Implementación iniciada."))


@require_POST
@login_required
def start_measurement(request, pk):
    return _action(request, pk, lambda p, d, f: services.pilot_start_measurement(acting_user=request.user, pilot=p),
                   success=_("Medición iniciada."))


@require_POST
@login_required
def measurement_add(request, pk):
    def kwargs(pilot):
        page = selectors.pilot_page(pilot)
        content = page["content"]
        names = [p.get("nombre") for p in content.get("indicadores_proceso") or []]
        names += [o.get("nombre") for o in content.get("resultados_primarios") or [] if not o.get("indicador")]
        return {"indicators": [n for n in names if n], "comunas": page["comunas"]}

    return _action(request, pk, lambda p, d, f: services.measurement_record(
        acting_user=request.user, pilot=p, indicator=d["indicator"], comuna=get_object_or_404(Comuna, cut=d["comuna"]),
        period=d["period"], value=d["value"], evidence=d.get("evidence"), note=d.get("note", "")),
        form_class=forms.MeasurementForm, form_kwargs=kwargs, success=_("Medición registrada."))


@require_POST
@login_required
def analyse(request, pk):
    return _action(request, pk, lambda p, d, f: services.analysis_run(acting_user=request.user, pilot=p),
                   success=_("Resultados calculados. Desde ahora todo cambio al preregistro es una desviación."))


@require_POST
@login_required
def adjustment_add(request, pk):
    return _action(request, pk, lambda p, d, f: services.adjustment_record(
        acting_user=request.user, pilot=p, what=d["what"], why=d["why"], product=d["product"],
        evidence=d.get("evidence"), evidence_note=d.get("evidence_note", "")), form_class=forms.AdjustmentForm,
        success=_("Ajuste registrado."))


@require_POST
@login_required
def close(request, pk):
    return _action(request, pk, lambda p, d, f: services.pilot_close(
        acting_user=request.user, pilot=p, label=d["label"], learning_summary=d["learning_summary"]),
        form_class=forms.CloseForm, success=_("Piloto cerrado; el documento del caso está disponible."))

