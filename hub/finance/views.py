"""Pages of membresía y finanzas: thin views over access → selector/service → template."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.csv_export import excel_csv_response
from hub.core.decorators import staff_required
from hub.core.taxonomy import RevenueLine

from . import access, forms, selectors, services
from .membership import GRACE_DAYS, NOTICE_MONTHS
from .models import MembershipPeriod, RevenueStatus

PAGE_SIZE = 25


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _apply_errors(form, exc: ValidationError) -> None:
    """A service refusal shown on the form: nothing was saved."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _run(request, form, save, *, success: str) -> bool:
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        _apply_errors(form, exc)
        return False
    messages.success(request, success)
    return True


def _year(request) -> int:
    form = forms.YearFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"]
    return timezone.localdate().year


# Public ----------------------------------------------------------------------------------------------------------


def index(request):
    scale = selectors.current_scale()
    return render(request, "finance/index.html", {
        "scale": scale, "is_staff": access.can_manage_finance(request.user), "lines": RevenueLine.choices,
    })


def transparency(request):
    rows = selectors.income_rows()
    summary = selectors.income_summary(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/transparency.html", {
        "summary": summary, "page_obj": page, "querystring": _querystring(request), "source": selectors.SOURCE,
    })


def transparency_csv(request):
    rows = selectors.income_rows()
    header = [_("Año"), _("Línea de ingreso"), _("Tipo de contraparte"), _("Contraparte"), _("Convenio N°"),
              _("Convenio"), _("Ingresos registrados"), _("Monto (CLP)"), _("Dato de demostración")]
    body = [[r["year"], r["line_label"], r["actor_type_label"], r["counterpart"], r["agreement_id"], r["agreement"],
             r["records"], r["total_clp"], r["is_demo"]] for r in rows]
    return excel_csv_response("ingresos-hub-local.csv", header, body,
                              preamble=[_("Fuente: %(s)s. Montos en pesos chilenos.") % {"s": selectors.SOURCE}])


def scale_list(request):
    scales = access.fee_scales_for_user(request.user)
    return render(request, "finance/scale_list.html", {
        "scales": scales, "is_staff": access.can_manage_finance(request.user),
    })


def scale_detail(request, pk: int):
    scale = access.access_fee_scale(request.user, pk)
    fees = selectors.scale_fees(scale)
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        fees = fees.filter(comuna__search_name__icontains=q.lower())
    page = Paginator(fees, PAGE_SIZE).get_page(request.GET.get("page"))
    approve_form = forms.ApproveForm() if access.can_manage_finance(request.user) and not scale.is_approved else None
    return render(request, "finance/scale_detail.html", {
        "scale": scale, "page_obj": page, "querystring": _querystring(request), "q": q,
        "approve_form": approve_form, "bands": scale.bands.all(), "factors": scale.factors.all(),
    })


@staff_required
@require_POST
def scale_approve(request, pk: int):
    scale = access.access_fee_scale(request.user, pk, write=True)
    form = forms.ApproveForm(request.POST)
    if _run(request, form, lambda d: services.fee_scale_approve(acting_user=request.user, scale=scale, **d),
            success=_("Escala aprobada: las cuotas del año quedan congeladas.")):
        return redirect(scale.get_absolute_url())
    fees = Paginator(selectors.scale_fees(scale), PAGE_SIZE).get_page(1)
    return render(request, "finance/scale_detail.html", {
        "scale": scale, "page_obj": fees, "approve_form": form, "bands": scale.bands.all(),
        "factors": scale.factors.all(),
    }, status=400)


@staff_required
def scale_simulator(request):
    """GET: simulate a proposal (no write). POST: save it as a draft scale to be approved."""
    data = request.POST if request.method == "POST" else (request.GET if "kind" in request.GET else None)
    current = selectors.current_scale()
    initial = {"year": timezone.localdate().year + 1}
    if current:
        initial.update(kind=current.kind, base_clp=current.base_clp, rate_per_inhabitant=current.rate_per_inhabitant,
                       minimum_clp=current.minimum_clp, maximum_clp=current.maximum_clp)
    form = forms.ScaleForm(data, initial=initial)
    result = None
    if data is not None and form.is_valid():
        rule = form.rule()
        if request.method == "POST":
            try:
                scale = services.fee_scale_create(
                    acting_user=request.user, year=form.cleaned_data["year"],
                    name=form.cleaned_data.get("name") or _("Propuesta %(y)s") % {"y": form.cleaned_data["year"]},
                    rule=rule,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Propuesta guardada como borrador: regístrela aprobada cuando la "
                                            "asamblea vote."))
                return redirect(scale.get_absolute_url())
        result = selectors.simulate(rule, against=current, members_only=form.cleaned_data.get("members_only"))
    status = 400 if data is not None and form.errors else 200
    return render(request, "finance/simulator.html", {
        "form": form, "result": result, "current": current,
    }, status=status)


# Staff dashboard -------------------------------------------------------------------------------------------------


@staff_required
def dashboard(request):
    year = _year(request)
    context = selectors.principle_checks(year=year)
    context.update(target_form=forms.TargetForm(initial={"year": year, "recurrent_share_pct": context["target"]}),
                   year_form=forms.YearFilterForm(initial={"year": year}),
                   licences_due=list(selectors.licences_due()), periods_to_issue=selectors.periods_to_issue())
    return render(request, "finance/dashboard.html", context)


@staff_required
def annual_summary(request):
    year = _year(request)
    context = selectors.principle_checks(year=year, today=min(timezone.localdate(), datetime.date(year, 12, 31)))
    rows = selectors.income_rows(year=year)
    context.update(summary=selectors.income_summary(rows), source=selectors.SOURCE)
    return render(request, "finance/annual_summary.html", context)


@staff_required
@require_POST
def target_set(request):
    form = forms.TargetForm(request.POST)
    if _run(request, form, lambda d: services.year_target_set(acting_user=request.user, **d),
            success=_("Meta anual registrada.")):
        return redirect(f"{_url('finance:dashboard')}?year={form.cleaned_data['year']}")
    messages.error(request, _("Revise la meta: %(e)s") % {"e": " ".join(e for errs in form.errors.values()
                                                                          for e in errs)})
    return redirect(_url("finance:dashboard"))


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


# Memberships -----------------------------------------------------------------------------------------------------


@staff_required
def membership_list(request):
    form = forms.MembershipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.membership_rows(
        state=filters.get("state") or "", region=filters["region"].pk if filters.get("region") else "",
        on=filters.get("on"),
    )
    counts = {}
    for row in selectors.membership_rows(on=filters.get("on")):
        counts[row["status"].label] = counts.get(row["status"].label, 0) + 1
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/membership_list.html", {
        "form": form, "page_obj": page, "querystring": _querystring(request), "counts": counts,
        "create_form": forms.MembershipForm(), "grace_days": GRACE_DAYS, "notice_months": NOTICE_MONTHS,
    })


@staff_required
@require_POST
def membership_create(request):
    form = forms.MembershipForm(request.POST)
    if _run(request, form, lambda d: services.membership_create(acting_user=request.user, **d),
            success=_("Membresía registrada: queda pendiente hasta el primer pago.")):
        return redirect(_url("finance:membership_detail", form.cleaned_data["comuna"].pk))
    return _membership_list_with(request, form)


def _membership_list_with(request, create_form):
    rows = selectors.membership_rows()
    return render(request, "finance/membership_list.html", {
        "form": forms.MembershipFilterForm(), "page_obj": Paginator(rows, PAGE_SIZE).get_page(1), "counts": {},
        "create_form": create_form, "grace_days": GRACE_DAYS, "notice_months": NOTICE_MONTHS,
    }, status=400)


@login_required
def membership_detail(request, cut: str, *, forms_override=None, status=200):
    comuna = access.access_membership_comuna(request.user, cut)
    context = selectors.membership_detail(comuna)
    context.update(comuna=comuna, is_staff=access.can_manage_finance(request.user), grace_days=GRACE_DAYS,
                   notice_months=NOTICE_MONTHS)
    if context["is_staff"]:
        context.update(
            period_form=forms.PeriodForm(), payment_form=forms.PaymentForm(periods=context["periods"]),
            notice_form=forms.NoticeForm(),
            suspend_form=forms.SuspendForm(), reinstate_form=forms.ReinstateForm(),
            create_form=forms.MembershipForm(initial={"comuna": comuna, "joined_on": timezone.localdate()}),
        )
        context.update(forms_override or {})
    return render(request, "finance/membership_detail.html", context, status=status)


def _membership_action(request, cut, form_name, form, save, success):
    comuna = access.access_membership_comuna(request.user, cut, write=True)
    membership = selectors.membership_detail(comuna)["membership"]
    if membership is None:
        messages.error(request, _("Registre primero la membresía de la comuna."))
        return redirect(_url("finance:membership_detail", cut))
    if _run(request, form, lambda d: save(membership, d), success=success):
        return redirect(_url("finance:membership_detail", cut))
    return membership_detail(request, cut, forms_override={form_name: form}, status=400)


@staff_required
@require_POST
def period_create(request, cut: str):
    return _membership_action(
        request, cut, "period_form", forms.PeriodForm(request.POST),
        lambda m, d: services.membership_period_create(acting_user=request.user, membership=m, **d),
        _("Cuota emitida y avisada a los funcionarios de la comuna."),
    )


@staff_required
@require_POST
def payment_create(request, cut: str):
    def save(membership, data):
        period = MembershipPeriod.objects.filter(pk=data.pop("period"), membership=membership).first()
        if period is None:
            raise ValidationError(_("Ese período no pertenece a la comuna."))
        return services.membership_payment_register(acting_user=request.user, period=period, **data)

    periods = selectors.membership_detail(access.access_membership_comuna(request.user, cut, write=True))["periods"]
    return _membership_action(request, cut, "payment_form", forms.PaymentForm(request.POST, periods=periods), save,
                              _("Pago registrado, con su ingreso en la línea Membresías."))


@staff_required
@require_POST
def membership_notice(request, cut: str):
    return _membership_action(
        request, cut, "notice_form", forms.NoticeForm(request.POST),
        lambda m, d: services.membership_notice(acting_user=request.user, membership=m, **d),
        _("Aviso de retiro registrado."),
    )


@staff_required
@require_POST
def membership_suspend(request, cut: str):
    return _membership_action(
        request, cut, "suspend_form", forms.SuspendForm(request.POST),
        lambda m, d: services.membership_suspend(acting_user=request.user, membership=m, **d),
        _("Suspensión registrada."),
    )


@staff_required
@require_POST
def membership_reinstate(request, cut: str):
    return _membership_action(
        request, cut, "reinstate_form", forms.ReinstateForm(request.POST),
        lambda m, d: services.membership_reinstate(acting_user=request.user, membership=m, **d),
        _("Comuna rehabilitada."),
    )


# Revenue ---------------------------------------------------------------------------------------------------------


@staff_required
def revenue_list(request):
    form = forms.RevenueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = access.revenue_for_user(request.user).select_related("client_comuna", "client_organization", "agreement")
    status = filters.get("status") or ""
    if status == "anulado":
        qs = qs.filter(status=RevenueStatus.ANULADO)
    elif status != "todos":
        qs = qs.filter(status=RevenueStatus.REGISTRADO)
    if filters.get("line"):
        qs = qs.filter(line=filters["line"])
    if filters.get("year"):
        qs = qs.filter(on__year=filters["year"])
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(client_comuna__name__icontains=q) | Q(client_organization__name__icontains=q)
                       | Q(description__icontains=q) | Q(document_number__icontains=q))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    from django.db.models import Sum

    return render(request, "finance/revenue_list.html", {
        "form": form, "page_obj": page, "querystring": _querystring(request),
        "total": qs.aggregate(t=Sum("amount_clp"))["t"] or 0, "count": qs.count(),
    })


@staff_required
def revenue_create(request):
    form = forms.RevenueForm(request.POST or None)
    if request.method == "POST":
        def save(d):
            return services.revenue_register(
                acting_user=request.user, line=d["line"], amount_clp=None, on=d["on"], agreement=d.get("agreement"),
                client_comuna=d.get("client_comuna"), client_organization=d.get("client_organization"),
                recurrent=d["recurrent"], restricted=d["restricted"],
                restriction_purpose=d.get("restriction_purpose") or "", currency=d["currency"],
                original_amount=d.get("original_amount"), exchange_rate=d.get("exchange_rate"),
                rate_date=d.get("rate_date"), rate_source=d.get("rate_source") or "",
                document_type=d.get("document_type") or "", document_number=d.get("document_number") or "",
                description=d.get("description") or "",
            )

        if _run(request, form, save, success=_("Ingreso registrado.")):
            return redirect(_url("finance:revenue_list"))
    return render(request, "finance/revenue_form.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
@require_POST
def revenue_void(request, pk: int):
    record = access.access_revenue(request.user, pk, write=True)
    form = forms.VoidForm(request.POST)
    if not _run(request, form, lambda d: services.revenue_void(acting_user=request.user, record=record, **d),
                success=_("Ingreso anulado: deja de contar en los totales.")):
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(_url("finance:revenue_list"))


@staff_required
def review_list(request):
    from .models import AgreementReview

    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and _run(
        request, form, lambda d: services.agreement_review_create(acting_user=request.user, **d),
        success=_("Revisión registrada."),
    ):
        return redirect(_url("finance:review_list"))
    reviews = AgreementReview.objects.select_related("agreement", "reviewer")
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/review_list.html", {
        "form": form, "page_obj": page, "querystring": _querystring(request),
    }, status=400 if form.errors else 200)


# SaaS ------------------------------------------------------------------------------------------------------------


@staff_required
def saas_list(request):
    form = forms.SaasForm(request.POST or None)
    if request.method == "POST" and _run(
        request, form, lambda d: services.saas_licence_create(acting_user=request.user, **d),
        success=_("Licencia registrada, con su ingreso en la línea SaaS."),
    ):
        return redirect(_url("finance:saas_list"))
    licences = access.licences_for_user(request.user).select_related("comuna", "agreement", "renewal")
    page = Paginator(licences, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/saas_list.html", {
        "form": form, "page_obj": page, "querystring": _querystring(request),
        "due": list(selectors.licences_due()), "today": timezone.localdate(),
    }, status=400 if form.errors else 200)


@staff_required
@require_POST
def saas_renew(request, pk: int):
    licence = access.access_licence(request.user, pk, write=True)
    try:
        services.saas_licence_renew(acting_user=request.user, licence=licence)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Licencia renovada."))
    return redirect(_url("finance:saas_list"))


