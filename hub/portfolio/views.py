from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required
from hub.core.listing import page_querystring, render_listing
from hub.core.transitions import allowed_next

from . import access, ecosystem, selectors, services
from .forms import LibraryFilterForm, LibraryItemForm, ReviewForm, SolutionFilterForm, SolutionForm, SubThemeForm
from .models import EcosystemUnit, QualityCriterion, SolutionStatus, SubTheme
from .search import library_search


def _errors(exc: ValidationError) -> list[str]:
    return exc.messages


# --- Solutions: public catalogue and detail --------------------------------------------------------------


def solution_list(request):
    form = SolutionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.solution_catalogue(filters=filters)
    return render_listing(
        request,
        qs,
        template="portfolio/solution_list.html",
        fragment="portfolio/_solution_results.html",
        context={"form": form},
    )


def solution_detail(request, pk: int):
    solution = access.access_solution(request.user, pk)
    context = {
        "solution": solution,
        "reviews": selectors.solution_reviews(solution),
        "pending": services.pending_criteria(solution) if solution.status == SolutionStatus.IN_REVIEW else [],
        "transitions": sorted(allowed_next(solution, services.SOLUTION_TRANSITIONS)),
    }
    return render(request, "portfolio/solution_detail.html", context)


# --- Solutions: staff workflow ---------------------------------------------------------------------------


@staff_required
def solution_manage(request):
    form = SolutionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    status = request.GET.get("status", "")
    if status in SolutionStatus.values:
        filters = {**filters, "status": status}
    qs = selectors.solution_catalogue(filters=filters, queryset=access.solutions_for_user(request.user))
    return render_listing(
        request,
        qs,
        template="portfolio/solution_manage.html",
        per_page=30,
        context={"form": form, "statuses": SolutionStatus, "status": status},
    )


@staff_required
def solution_create(request):
    form = SolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            solution = services.solution_create(
                acting_user=request.user, data=form.cleaned_data, service_models=form.service_models()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Solución creada en borrador."))
            return redirect(solution)
    return render(request, "portfolio/solution_form.html", {"form": form, "solution": None})


@staff_required
def solution_edit(request, pk: int):
    solution = access.access_solution(request.user, pk, write=True)
    form = SolutionForm(request.POST or None, instance=solution)
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_update(
                acting_user=request.user,
                solution=solution,
                data=form.cleaned_data,
                service_models=form.service_models(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Cambios guardados."))
            return redirect(solution)
    return render(request, "portfolio/solution_form.html", {"form": form, "solution": solution})


def _transition_view(request, pk: int, service, success: str):
    solution = access.access_solution(request.user, pk, write=True)
    try:
        service(acting_user=request.user, solution=solution)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(solution)


@staff_required
@require_POST
def solution_submit(request, pk: int):
    return _transition_view(request, pk, services.solution_submit, _("Solución enviada a revisión."))


@staff_required
@require_POST
def solution_publish(request, pk: int):
    return _transition_view(request, pk, services.solution_publish, _("Solución publicada en el catálogo."))


@staff_required
@require_POST
def solution_retire(request, pk: int):
    return _transition_view(request, pk, services.solution_retire, _("Solución retirada del catálogo."))


@staff_required
def solution_review(request, pk: int):
    solution = access.access_solution(request.user, pk, write=True)
    criteria = list(QualityCriterion.objects.filter(is_active=True))
    form = ReviewForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_review(acting_user=request.user, solution=solution, verdicts=form.verdicts())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Revisión registrada."))
            return redirect(solution)
    status = 400 if form.errors else 200
    return render(request, "portfolio/solution_review.html", {"form": form, "solution": solution}, status=status)


@staff_required
def subtheme_manage(request):
    form = SubThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subtheme_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Subtema agregado."))
            return redirect("portfolio:subtheme_manage")
    return render(request, "portfolio/subtheme_manage.html", {"form": form, "subthemes": SubTheme.objects.all()})


# --- Library ---------------------------------------------------------------------------------------------


def library_list(request):
    form = LibraryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    result = library_search(filters.get("q", ""), filters)
    page = Paginator(result.items, 20).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "result": result,
        "page_obj": page,
        "querystring": page_querystring(request),
        "facets": _facet_links(request, result.facets),
    }
    template = "portfolio/_library_results.html" if request.htmx else "portfolio/library_list.html"
    return render(request, template, context)


FACET_TITLES = {
    "work_line": _lazy("Línea de trabajo"),
    "challenge": _lazy("Desafío"),
    "kind": _lazy("Tipo de documento"),
    "typology": _lazy("Tipología comunal"),
    "year": _lazy("Año"),
}


def _facet_links(request, facets: dict) -> list[dict]:
    """Each facet value as a link that keeps the other filters and the query (and drops the page)."""
    out = []
    for key, title in FACET_TITLES.items():
        items = []
        for code, label, count in facets.get(key, []):
            params = request.GET.copy()
            params.pop("page", None)
            active = params.get(key) == str(code)
            params[key] = code
            clear = request.GET.copy()
            clear.pop("page", None)
            clear.pop(key, None)
            items.append({"label": label, "count": count, "active": active,
                          "url": f"?{params.urlencode()}", "clear": f"?{clear.urlencode()}"})
        out.append({"key": key, "label": title, "items": items})
    return out


def library_detail(request, pk: int):
    item = access.access_library_item(request.user, pk)
    context = {"item": item, "can_download": access.can_download(request.user, item)}
    return render(request, "portfolio/library_detail.html", context)


def library_download(request, pk: int):
    item = access.access_library_item(request.user, pk)
    if not item.file:
        raise Http404(_("Este documento no tiene archivo adjunto."))
    if not access.can_download(request.user, item):
        return render(request, "portfolio/library_premium.html", {"item": item}, status=403)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("El archivo de este documento no está disponible.")) from None
    return FileResponse(handle, content_type="application/pdf", filename=f"biblioteca-{item.pk}.pdf")


@staff_required
def library_create(request):
    form = LibraryItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.library_item_create(
                acting_user=request.user, data=data, upload=data.get("upload"),
                comunas=data.get("comunas") or [], regions=data.get("regions") or [],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Documento agregado a la biblioteca."))
            return redirect(item)
    status = 400 if form.errors else 200
    return render(request, "portfolio/library_form.html", {"form": form}, status=status)


# --- Ecosystem -------------------------------------------------------------------------------------------


def unit_list(request):
    units = EcosystemUnit.objects.prefetch_related("products", "relations_out__target")
    return render(request, "portfolio/unit_list.html", {"units": units})


def unit_detail(request, slug: str):
    unit = get_object_or_404(EcosystemUnit, slug=slug)
    context = {
        "unit": unit,
        "products": unit.products.all(),
        "relations_out": unit.relations_out.select_related("target"),
        "relations_in": unit.relations_in.select_related("source"),
        "solutions": access.solutions_for_user(request.user).filter(owner_unit=unit),
    }
    return render(request, "portfolio/unit_detail.html", context)


def ecosystem_map(request):
    has_demo = EcosystemUnit.objects.filter(is_demo=True).exists()
    context = {"diagram": ecosystem.ecosystem_diagram(), "has_demo": has_demo}
    return render(request, "portfolio/ecosystem_map.html", context)


def ecosystem_matrix(request):
    has_demo = EcosystemUnit.objects.filter(is_demo=True).exists()
    context = {"matrix": ecosystem.ecosystem_matrix(), "has_demo": has_demo}
    return render(request, "portfolio/ecosystem_matrix.html", context)
