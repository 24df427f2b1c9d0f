"""Organisations: public directory, staff create and edit."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required

from .. import selectors, services
from ..forms import (
    OrganizationFilterForm,
    OrganizationForm,
)
from ..models import (
    Organization,
)
from .common import PAGE_SIZE, _form_page, _querystring, _save_form


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
