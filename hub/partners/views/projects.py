"""Collaborative projects."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required
from hub.core.listing import cleaned_filters, render_listing

from .. import access, selectors, services
from ..forms import ProjectFilterForm, ProjectForm
from ..models import Project
from .common import _form_page, _save_form


def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    qs = selectors.project_search(**cleaned_filters(form))
    return render_listing(request, qs, template="partners/project_list.html", context={"form": form})


def project_detail(request, pk: int):
    project = access.access_project(request.user, pk)
    agreements = access.agreements_for_user(request.user).filter(projects=project)
    return render(request, "partners/project_detail.html", {"project": project, "agreements": agreements})


@staff_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    response = _save_form(
        request,
        form,
        lambda data: services.project_create(acting_user=request.user, **data),
        success=_("Proyecto creado."),
    )
    return response or _form_page(request, form, title=_("Nuevo proyecto"), back_url="partners:project_list")


@staff_required
def project_edit(request, pk: int):
    project = access.access_project(request.user, pk, write=True)
    form = ProjectForm(request.POST or None, instance=Project.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.project_update(acting_user=request.user, project=project, **data),
        success=_("Proyecto actualizado."),
    )
    return response or _form_page(request, form, title=_("Editar proyecto"), back_url="partners:project_list")
