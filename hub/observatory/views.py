from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub.territory.models import Comuna, Region, Typology
from hub.territory.selectors import comuna_search

from . import downloads, maps, selectors, similar
from .templatetags.observatory_tags import missing_label

MAX_COMPARE = 4
RANKING_PAGE_SIZE = 50


def indicator_list(request):
    return render(request, "observatory/indicator_list.html", {"groups": selectors.indicator_catalogue()})


@dataclass
class Filters:
    period: str
    region: Region | None
    typology: str
    sort: str

    @property
    def region_code(self) -> str:
        return self.region.code if self.region else ""


def _indicator_or_404(code: str):
    indicator = selectors.indicator_get(code)
    if indicator is None:
        raise Http404(_("No existe un indicador público con el código «%(code)s».") % {"code": code})
    return indicator


def _filters(request, periods: list[str], regions: list[Region]) -> Filters:
    """Unknown values fall back to the default instead of failing: these are shareable links."""
    period = request.GET.get("period", "")
    region_code = request.GET.get("region", "")
    typology = request.GET.get("typology", "")
    sort = request.GET.get("sort", "value")
    return Filters(
        period=period if period in periods else selectors.default_period(periods),
        region=next((r for r in regions if r.code == region_code), None),
        typology=typology if typology in Typology.values else "",
        sort=sort if sort in selectors.SORTS else "value",
    )


def indicator_detail(request, code: str):
    indicator = _indicator_or_404(code)
    periods = selectors.indicator_periods(indicator)
    regions = list(selectors.regions())
    filters = _filters(request, periods, regions)
    rows = selectors.period_rows(indicator, filters.period) if filters.period else []
    shown = selectors.filter_rows(rows, region=filters.region_code, typology=filters.typology)
    page = Paginator(selectors.sort_rows(shown, filters.sort), RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    sort_params = params.copy()
    sort_params.pop("sort", None)
    missing = selectors.period_missing(indicator, filters.period) if filters.period else []
    national_missing, national_flagged = len(missing), sum(1 for r in rows if r.flag)
    missing = [m for m in missing if not filters.region_code or m[0][:2] == filters.region_code]
    context = {
        "indicator": indicator,
        "filters": filters,
        "page_obj": page,
        "missing": missing,
        "missing_reasons": selectors.missing_summary(missing),
        "missing_label": missing_label(indicator),
        "flagged_total": sum(1 for r in shown if r.flag),
        "national_flagged": national_flagged,
        "national_missing": national_missing,
        "ranks_are_ranges": any(r.rank_range for r in shown),
        "querystring": params.urlencode(),
        "sort_querystring": sort_params.urlencode(),
        "sorts": selectors.SORTS,
        "total": len(rows),
        "shown_total": len(shown),
        "source": selectors.source_line(indicator, filters.period),
        # One reverse() instead of fifty: the ranking links every row to its comuna page.
        "comuna_url_prefix": reverse("territory:comuna_detail", args=["00000"]).removesuffix("00000/"),
    }
    if request.htmx and request.htmx.target == "ranking":
        return render(request, "observatory/_ranking.html", context)
    # Map, charts and distribution only change with the data: cached with the data version (the map alone is
    # ~200 KB of SVG), so a warm indicator page renders just the ranking page.
    context.update(
        selectors.cached(
            "figures",
            indicator.pk,
            filters.period,
            filters.region_code,
            filters.typology,
            translation.get_language(),
            compute=lambda: _indicator_figures(indicator, rows, filters),
        )
    )
    context.update({"periods": periods, "regions": regions, "typologies": Typology.choices})
    return render(request, "observatory/indicator_detail.html", context)


def _indicator_figures(indicator, rows, filters: Filters) -> dict:
    region = filters.region_code
    map_rows = selectors.filter_rows(rows, region=region, typology=filters.typology)
    place = filters.region.name if filters.region else _("Chile")
    national = selectors.aggregate_series(indicator)
    regional = selectors.aggregate_series(indicator, region=region) if region else []
    monthly = selectors.monthly_companion(indicator)
    monthly_series = selectors.aggregate_series(monthly, region=region) if monthly else []
    distribution = selectors.typology_distribution(selectors.filter_rows(rows, region=region))
    return {
        "map": maps.choropleth(
            {r.cut: r.value for r in map_rows},
            indicator=indicator,
            region=region,
            label=_("Mapa de %(name)s por comuna, %(place)s, %(period)s")
            % {"name": indicator.name_es, "place": place, "period": filters.period},
        ),
        "national_value": selectors.aggregate_at(national, filters.period),
        "regional_value": selectors.aggregate_at(regional, filters.period) if region else None,
        "national_chart": maps.line_chart(national, indicator=indicator, label=_("Serie nacional")),
        "regional_chart": maps.line_chart(regional, indicator=indicator, label=_("Serie regional")),
        "monthly": monthly,
        "monthly_chart": maps.line_chart(
            monthly_series, indicator=monthly, label=_("Serie mensual") + f" · {place}"
        ) if monthly else "",
        "monthly_source": selectors.source_line(monthly) if monthly else "",
        "distribution": distribution,
        "distribution_chart": maps.range_bars(distribution, indicator=indicator, label=_("Distribución por tipología")),
        "place": place,
    }


def _download_rows(request, code: str):
    indicator = _indicator_or_404(code)
    periods = selectors.indicator_periods(indicator)
    filters = _filters(request, periods, list(selectors.regions()))
    rows = selectors.period_rows(indicator, filters.period) if filters.period else []
    rows = selectors.filter_rows(rows, region=filters.region_code, typology=filters.typology)
    return indicator, filters.period, selectors.sort_rows(rows, filters.sort)


def indicator_csv(request, code: str):
    indicator, period, rows = _download_rows(request, code)
    return downloads.csv_response(rows, indicator, period, excel=True)


def indicator_xlsx(request, code: str):
    indicator, period, rows = _download_rows(request, code)
    return downloads.xlsx_response(rows, indicator, period)


def _comuna_or_404(cut: str) -> Comuna:
    from hub.territory.selectors import comuna_get

    return comuna_get(cut)


def comuna_similar(request, cut: str):
    comuna = _comuna_or_404(cut)
    context = {
        "comuna": comuna,
        "neighbours": similar.similar_comunas(cut),
        "features": similar.features_used(cut),
        "k": similar.K,
        "total_features": len(similar.FEATURES),
        "excluded": similar.is_excluded(cut),
    }
    return render(request, "observatory/comuna_similar.html", context)


def compare(request):
    wanted = list(dict.fromkeys(c.strip() for c in request.GET.getlist("cut") if c.strip()))
    found = {c.cut: c for c in Comuna.objects.select_related("region").filter(cut__in=wanted[:50])}
    comunas = [found[c] for c in wanted if c in found]
    unknown = [c for c in wanted if c not in found]
    error = ""
    status = 200
    if len(comunas) > MAX_COMPARE:
        error = _(
            "Se pueden comparar hasta cuatro comunas a la vez y eligió %(n)d. Quite alguna para ver la comparación."
        ) % {"n": len(comunas)}
        status = 400
    q = request.GET.get("q", "").strip()
    results = [c for c in comuna_search(q=q)[:12] if c.cut not in found] if q else []
    keep = [("cut", c.cut) for c in comunas]
    context = {
        "comunas": [(c, urlencode([pair for pair in keep if pair[1] != c.cut], doseq=True)) for c in comunas],
        "results": [(c, urlencode([*keep, ("cut", c.cut)])) for c in results],
        "current": urlencode(keep),
        "unknown": unknown,
        "error": error,
        "columns": comunas,
        "rows": selectors.cached(
            "compare", *[c.cut for c in comunas], compute=lambda: selectors.comparison(comunas)
        ) if comunas and not error else [],
        "q": q,
        "can_add": len(comunas) < MAX_COMPARE,
        "max_compare": MAX_COMPARE,
    }
    return render(request, "observatory/compare.html", context, status=status)


def comuna_section(request, comuna):
    """The observatory's block on the comuna page (registered in apps.py)."""

    def compute() -> dict:
        peers = similar.similar_comunas(comuna.cut)
        return {"groups": selectors.comuna_dashboard(comuna, [p.cut for p in peers]), "peers": peers}

    data = selectors.cached("comuna_section", comuna.cut, translation.get_language(), compute=compute)
    return {
        "title": _("Indicadores del observatorio"),
        "template": "observatory/_comuna_dashboard.html",
        "context": {"comuna": comuna, **data},
    }


def comuna_report_page(request, cut: str):
    """The comuna report: each challenge's headline indicators as series against region, typology, peers."""
    from .report import comuna_report

    comuna = _comuna_or_404(cut)
    return render(request, "observatory/comuna_report.html", {"comuna": comuna, "sections": comuna_report(comuna)})


def comuna_report_pdf(request, cut: str):
    from django.http import HttpResponse
    from django.utils import timezone

    from hub.core.documents import render_pdf

    from .report import comuna_report

    comuna = _comuna_or_404(cut)
    pdf = render_pdf("observatory/comuna_report_pdf.html",
                     {"comuna": comuna, "sections": comuna_report(comuna), "generated": timezone.localdate()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="informe-comunal-{comuna.cut}.pdf"'
    return response
