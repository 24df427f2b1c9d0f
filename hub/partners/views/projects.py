"""Collaborative projects."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required

from .. import selectors, services
from ..forms import (
    ProjectFilterForm,
    ProjectForm,
)
from ..models import (
    Project,
)
from .common import PAGE_SIZE, _form_page, _querystring, _save_form


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
