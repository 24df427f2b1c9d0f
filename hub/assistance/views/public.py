"""Public pages (counts, published engagements and reports) and the lists of engagements."""


from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff
from hub.core.decorators import staff_required

from .. import access, selectors, services
from ..forms import (
    RequestForm,
)
from .common import S, _report_pdf

# --- public ---------------------------------------------------------------------------------------------------


def index(request):
    published = access.published_engagements().select_related("comuna__region", "client_organization") \
        .order_by("-final_report_on", "-pk")
    page = Paginator(published, 20).get_page(request.GET.get("page"))
    return render(request, "assistance/index.html", {"counts": selectors.public_counts(), "page_obj": page})


def public_detail(request, pk: int):
    engagement = access.access_published_engagement(pk)
    engagement = selectors.engagement_detail_qs().get(pk=engagement.pk)
    return render(request, "assistance/public_detail.html", {
        "e": engagement, "rows": selectors.recommendation_rows(engagement),
    })




def public_report_pdf(request, pk: int):
    return _report_pdf(access.access_published_engagement(pk), public=True)


# --- lists ----------------------------------------------------------------------------------------------------


@login_required
def engagement_list(request):
    if not (is_hub_staff(request.user) or request.user.is_official):
        raise PermissionDenied(_("Las asistencias técnicas las ven los municipios clientes y el equipo del Hub."))
    qs = access.engagements_for_user(request.user).select_related("comuna", "client_organization")
    status = request.GET.get("status", "")
    if status in S.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-created_at", "-pk"), 25).get_page(request.GET.get("page"))
    return render(request, "assistance/engagement_list.html", {
        "page_obj": page, "status": status, "statuses": S.choices,
        "querystring": f"status={status}" if status else "",
    })


@staff_required
def board(request):
    return render(request, "assistance/board.html", {"columns": selectors.board()})


@login_required
def request_create(request):
    if not (is_hub_staff(request.user) or request.user.is_official):
        raise PermissionDenied(_("Solicitan asistencia técnica los funcionarios municipales y el equipo del Hub."))
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            engagement = services.request_create(
                acting_user=request.user, comuna=data.get("comuna"),
                client_organization=data.get("client_organization"), client_kind=data.get("client_kind", ""),
                data=data,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Solicitud recibida. El equipo del Hub la revisará y le propondrá un alcance."))
            return redirect(engagement)
    return render(request, "assistance/request_form.html", {"form": form})
