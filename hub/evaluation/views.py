"""Thin views of evaluation: access → selector/service → template. All figures come from results.indicator_values."""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.csv_export import excel_csv_response
from hub.core.decorators import staff_required
from hub.core.documents import render_pdf

from . import access, services
from .models import RUBRIC_ITEMS, AgreementQuality, Period, ResultsIndicator, ValueReport, ValueReportBatch
from .reports import annual_charts, bar_chart_svg, member_value_data, report_bytes, report_csv_rows
from .results import INDICATORS, headline, indicator_values


def _year(request) -> int:
    today = datetime.date.today()
    try:
        year = int(request.GET.get("year", today.year))
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _years() -> list[int]:
    this = datetime.date.today().year
    years = set(Period.objects.values_list("year", flat=True)) | {this, this - 1}
    return sorted(years, reverse=True)


def _indicators() -> dict[str, ResultsIndicator]:
    return {i.code: i for i in ResultsIndicator.objects.prefetch_related("targets")}


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def index(request):
    year = _year(request)
    data = indicator_values(year)
    return render(
        request,
        "evaluation/index.html",
        {
            "year": year,
            "years": _years(),
            "data": data,
            "head": headline(data),
            "defs": _indicators(),
            "codes": INDICATORS,
            "can_manage": access.can_manage_evaluation(request.user),
        },
    )


def indicator_detail(request, code: str):
    if code not in INDICATORS:
        raise Http404
    year = _year(request)
    data = indicator_values(year)
    row = data["indicators"][code]
    chart = ""
    if code == "cobertura":
        chart = bar_chart_svg(
            [(t["label"], t["rate"]) for t in row["by_typology"]],
            title=_("Cobertura por tipología"),
            max_value=1,
            fmt=lambda v: f"{v * 100:.1f} %".replace(".", ","),
        )
    return render(
        request,
        f"evaluation/indicator_{code}.html",
        {
            "year": year,
            "years": _years(),
            "data": data,
            "row": row,
            "head": headline(data)[code],
            "definition": _indicators().get(code),
            "code": code,
            "chart": chart,
            "corrections": [c for c in data["corrections"] if c["indicator"] == code],
        },
    )


def method(request, code: str):
    if code not in INDICATORS:
        raise Http404
    definition = _indicators().get(code)
    if definition is None:
        raise Http404
    return render(request, "evaluation/method.html", {"definition": definition, "code": code})


# --- staff: periods, corrections, targets ------------------------------------------------------------------


@staff_required
def periods(request):
    errors = []
    if request.method == "POST":
        try:
            period = services.period_open(acting_user=request.user, year=int(request.POST.get("year", "0") or 0))
            messages.success(request, _("Periodo {y} abierto.").format(y=period.year))
            return redirect("evaluation:periods")
        except (ValueError, ValidationError) as exc:
            errors = _errors(exc) if isinstance(exc, ValidationError) else [_("Indique un año válido.")]
    rows = Period.objects.select_related("snapshot").prefetch_related("corrections")
    return render(
        request,
        "evaluation/periods.html",
        {
            "periods": rows,
            "errors": errors,
            "codes": INDICATORS,
            "defs": _indicators(),
            "this_year": datetime.date.today().year,
        },
    )


@staff_required
@require_POST
def period_close(request, pk: int):
    period = access.access_period(request.user, pk, write=True)
    try:
        services.period_close(acting_user=request.user, period=period)
        messages.success(request, _("Periodo {y} cerrado: valores congelados.").format(y=period.year))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("evaluation:periods")


@staff_required
@require_POST
def period_correct(request, pk: int):
    period = access.access_period(request.user, pk, write=True)
    try:
        services.period_correct(
            acting_user=request.user,
            period=period,
            indicator=request.POST.get("indicator", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Corrección posterior registrada; el valor original se conserva."))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("evaluation:periods")


@staff_required
@require_POST
def target_set(request):
    indicator = get_object_or_404(ResultsIndicator, code=request.POST.get("indicator", ""))
    try:
        year = int(request.POST.get("year", ""))
        value = float(request.POST.get("value", "").replace(",", "."))
        services.target_set(
            acting_user=request.user, indicator=indicator, year=year, value=value, note=request.POST.get("note", "")
        )
        messages.success(request, _("Meta guardada."))
    except ValueError:
        messages.error(request, _("Indique el año y la meta como números."))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("evaluation:periods")


# --- staff: agreement quality rubric --------------------------------------------------------------------------


@staff_required
def agreement_quality(request):
    from hub.partners.access import published_agreements

    agreements = list(published_agreements().select_related("quality").order_by("-signed_on", "title"))
    for a in agreements:
        try:
            a.rubric = a.quality
        except AgreementQuality.DoesNotExist:
            a.rubric = None
        a.checks = [(name, label, bool(a.rubric and getattr(a.rubric, name))) for name, label in RUBRIC_ITEMS]
    return render(request, "evaluation/agreement_quality.html", {"agreements": agreements, "items": RUBRIC_ITEMS})


@staff_required
@require_POST
def agreement_quality_set(request, pk: int):
    from hub.partners.access import access_agreement

    agreement = access_agreement(request.user, pk)
    try:
        services.agreement_quality_set(
            acting_user=request.user,
            agreement=agreement,
            evidence_note=request.POST.get("evidence_note", ""),
            **{name: request.POST.get(name) == "on" for name, _label in RUBRIC_ITEMS},
        )
        messages.success(request, _("Rúbrica de «{t}» guardada.").format(t=agreement.title))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("evaluation:agreement_quality")


# --- annual reports -------------------------------------------------------------------------------------------


def report_list(request):
    reports = access.reports_for_user(request.user).select_related("created_by")
    return render(
        request,
        "evaluation/report_list.html",
        {
            "reports": reports,
            "can_manage": access.can_manage_evaluation(request.user),
            "years": _years(),
            "today": datetime.date.today(),
        },
    )


@staff_required
@require_POST
def report_create(request):
    try:
        year = int(request.POST.get("year", ""))
        cutoff = datetime.date.fromisoformat(request.POST.get("cutoff", ""))
        report = services.annual_report_create(acting_user=request.user, year=year, cutoff=cutoff)
    except ValueError:
        messages.error(request, _("Indique el año y la fecha de corte (AAAA-MM-DD)."))
        return redirect("evaluation:report_list")
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
        return redirect("evaluation:report_list")
    messages.success(request, _("Memoria generada con huella {h}.").format(h=report.sha256[:12]))
    return redirect(report)


def _report_context(report):
    data = json.loads(report.data)
    return {
        "report": report,
        "data": data,
        "head": data["headline"],
        "charts": annual_charts(data),
        "demo": report.is_demo or settings.HUB_DEMO_MODE,
    }


def report_detail(request, pk: int):
    report = access.access_report(request.user, pk)
    return render(request, "evaluation/report_detail.html", _report_context(report))


def report_pdf(request, pk: int):
    report = access.access_report(request.user, pk)
    pdf = render_pdf("evaluation/report_pdf.html", _report_context(report))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="memoria-{report.year}-{report.sha256[:8]}.pdf"'
    return response


def report_csv(request, pk: int):
    report = access.access_report(request.user, pk)
    data = json.loads(report.data)
    return excel_csv_response(
        f"memoria-{report.year}-{report.sha256[:8]}.csv",
        ["indicador", "desagregacion", "medida", "valor"],
        report_csv_rows(data),
        preamble=[f"Memoria anual {report.year}; fecha de corte {report.cutoff.isoformat()}; SHA-256 {report.sha256}"],
    )


def report_json(request, pk: int):
    report = access.access_report(request.user, pk)
    response = HttpResponse(report_bytes(report.data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="memoria-{report.year}-{report.sha256[:8]}.json"'
    response["X-Content-SHA256"] = report.sha256
    return response


# --- value reports per member comuna ------------------------------------------------------------------------


@login_required
def value_index(request):
    from hub.core.access import user_comuna_cuts
    from hub.territory.models import Comuna

    year = _year(request)
    if access.can_manage_evaluation(request.user):
        comunas = services.member_comunas(year)
        reports = {
            r.comuna_id: r for r in ValueReport.objects.filter(year=year).only("comuna_id", "sha256", "generated_at")
        }
        batch = ValueReportBatch.objects.filter(year=year).first()
    else:
        comunas = list(Comuna.objects.filter(cut__in=user_comuna_cuts(request.user)).order_by("name"))
        reports, batch = {}, None
        if not comunas:
            raise PermissionDenied(_("El reporte de valor es para funcionarios de comunas socias y el equipo del Hub."))
    for c in comunas:
        c.report = reports.get(c.cut)
    return render(
        request,
        "evaluation/value_index.html",
        {
            "comunas": comunas,
            "year": year,
            "years": _years(),
            "batch": batch,
            "can_manage": access.can_manage_evaluation(request.user),
        },
    )


def _value_data(comuna, year: int) -> dict:
    stored = ValueReport.objects.filter(comuna=comuna, year=year).first()
    return json.loads(stored.data) if stored else member_value_data(comuna, year)


def _value_context(request, cut: str):
    comuna = access.access_value_report(request.user, cut)
    year = _year(request)
    data = _value_data(comuna, year)
    chart = bar_chart_svg(
        [(i["label"][:42], i["value_clp"]) for i in data["items"]] or [(_("Sin servicios"), None)],
        title=_("Valor estimado por servicio"),
        fmt=lambda v: "$" + f"{int(v):,}".replace(",", "."),
    )
    return {
        "comuna": comuna,
        "year": year,
        "years": _years(),
        "data": data,
        "chart": chart,
        "demo": settings.HUB_DEMO_MODE,
    }


def value_report(request, cut: str):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return render(request, "evaluation/value_report.html", _value_context(request, cut))


def value_report_pdf(request, cut: str):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    context = _value_context(request, cut)
    pdf = render_pdf("evaluation/value_report_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="reporte-valor-{cut}-{context["year"]}.pdf"'
    return response


@staff_required
@require_POST
def value_batch_start(request):
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Indique el año."))
        return redirect("evaluation:value_index")
    batch = services.value_batch_start(acting_user=request.user, year=year)
    return redirect("evaluation:value_batch", pk=batch.pk)


@staff_required
def value_batch(request, pk: int):
    batch = get_object_or_404(ValueReportBatch, pk=pk)
    template = "evaluation/_batch_progress.html" if request.headers.get("HX-Request") else "evaluation/value_batch.html"
    return render(request, template, {"batch": batch})
