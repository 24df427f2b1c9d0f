"""Organisations: public directory, staff create and edit."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required
from hub.core.listing import cleaned_filters, render_listing

from .. import access, selectors, services
from ..forms import OrganizationFilterForm, OrganizationForm
from ..models import Organization
from .common import _form_page, _save_form


def organization_list(request):
    form = OrganizationFilterForm(request.GET or None)
    qs = selectors.organization_search(**cleaned_filters(form))
    return render_listing(
        request,
        qs,
        template="partners/organization_list.html",
        fragment="partners/_organization_results.html",
        context={"form": form},
    )


def organization_detail(request, pk: int):
    organization = access.access_organization(request.user, pk)
    agreements = selectors.agreement_filter(access.agreements_for_user(request.user), organization=pk)
    context = {
        "organization": organization,
        "agreements": agreements,
        "projects": organization.projects.all(),
        "show_contact": access.can_see_contact(request.user, organization),
    }
    return render(request, "partners/organization_detail.html", context)


@staff_required
def organization_create(request):
    form = OrganizationForm(request.POST or None)
    response = _save_form(
        request,
        form,
        lambda data: services.organization_create(acting_user=request.user, **data),
        success=_("Organización creada."),
    )
    return response or _form_page(request, form, title=_("Nueva organización"), back_url="partners:organization_list")


@staff_required
def organization_edit(request, pk: int):
    organization = access.access_organization(request.user, pk, write=True)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=pk))
    response = _save_form(
        request,
        form,
        lambda data: services.organization_update(acting_user=request.user, organization=organization, **data),
        success=_("Organización actualizada."),
    )
    return response or _form_page(
        request, form, title=_("Editar %(name)s") % {"name": organization}, back_url="partners:organization_list"
    )
