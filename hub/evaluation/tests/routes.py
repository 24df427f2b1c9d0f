"""Who may use each URL of evaluación.

The four indicators, their methodology and the annual reports are public. Periods, targets, corrections,
the agreement rubric and report generation are Hub staff. A comuna's value report: its officials and staff
(anyone else gets a 404); the list of value reports is for officials (their comunas) and staff.
"""

import datetime

from testkit.routes import COMUNA_A_OWNER, OFFICIALS, PUBLIC, STAFF_ONLY, Route

YEAR = 2025


def _period(personas=None, *, closed=False):
    from hub.evaluation import services
    from hub.evaluation.models import Period

    period, _ = Period.objects.get_or_create(
        year=YEAR, defaults={"start": datetime.date(YEAR, 1, 1), "end": datetime.date(YEAR, 12, 31)}
    )
    if closed and not period.is_closed:
        services.period_close(acting_user=personas["staff"], period=period, cutoff=datetime.date(YEAR, 12, 31))
    return period


def open_period(personas):
    from hub.evaluation.models import Period

    Period.objects.filter(year=YEAR).delete()
    return {"pk": _period().pk}


def closed_period(personas):
    return {"pk": _period(personas, closed=True).pk}


def signed_agreement(personas):
    from hub.partners.models import ActorType, Agreement, AgreementParty, Organization

    org = Organization.objects.create(name="Organización rúbrica", actor_type=ActorType.ACADEMIA)
    a = Agreement.objects.create(
        title="Convenio rúbrica",
        purpose="Objeto",
        status="firmado",
        start_date=datetime.date(YEAR, 1, 1),
        end_date=datetime.date(YEAR + 1, 1, 1),
        signed_on=datetime.date(YEAR, 1, 1),
    )
    AgreementParty.objects.create(agreement=a, organization=org)
    return {"pk": a.pk}


def _report():
    from hub.evaluation.models import AnnualReport
    from hub.evaluation.reports import annual_report_data, freeze

    report = AnnualReport.objects.filter(year=YEAR).first()
    if report is None:
        text, digest = freeze(annual_report_data(YEAR, datetime.date(YEAR + 1, 1, 15)))
        report = AnnualReport.objects.create(year=YEAR, cutoff=datetime.date(YEAR + 1, 1, 15), data=text, sha256=digest)
    return report


def report(personas):
    return {"pk": _report().pk}


def api_report(personas):
    return {"report_id": _report().pk}


def batch(personas):
    from hub.evaluation.models import ValueReportBatch

    return {"pk": ValueReportBatch.objects.create(year=YEAR, status="terminado").pk}


def _correction_data(personas):
    return {"indicator": "cobertura", "reason": "Dato tardío de la matriz de acceso"}


MATRIX = [
    Route("evaluation:index"),
    Route("evaluation:index", query={"year": "abc"}, note="A bad year falls back to the current one."),
    Route("evaluation:indicator_detail", kwargs={"code": "cobertura"}),
    Route("evaluation:indicator_detail", kwargs={"code": "cartera"}),
    Route("evaluation:indicator_detail", kwargs={"code": "impacto"}),
    Route("evaluation:indicator_detail", kwargs={"code": "articulacion"}),
    Route("evaluation:method", kwargs={"code": "cobertura"}),
    Route("evaluation:periods", access=STAFF_ONLY),
    Route("evaluation:periods", access=STAFF_ONLY, method="POST", data={"year": YEAR}),
    Route("evaluation:period_close", access=STAFF_ONLY, method="POST", kwargs=open_period),
    Route("evaluation:period_correct", access=STAFF_ONLY, method="POST", kwargs=closed_period, data=_correction_data),
    Route(
        "evaluation:target_set",
        access=STAFF_ONLY,
        method="POST",
        data={"indicator": "cartera", "year": YEAR + 1, "value": "10"},
    ),
    Route("evaluation:agreement_quality", access=STAFF_ONLY),
    Route(
        "evaluation:agreement_quality_set",
        access=STAFF_ONLY,
        method="POST",
        kwargs=signed_agreement,
        data={"is_active": "on", "evidence_note": "Informe"},
    ),
    Route("evaluation:report_list"),
    Route(
        "evaluation:report_create", access=STAFF_ONLY, method="POST", data={"year": YEAR, "cutoff": f"{YEAR + 1}-01-10"}
    ),
    Route("evaluation:report_detail", kwargs=report),
    Route("evaluation:report_pdf", kwargs=report),
    Route("evaluation:report_csv", kwargs=report),
    Route("evaluation:report_json", kwargs=report),
    Route("evaluation:value_index", access=OFFICIALS, note="Officials see their own comunas; partners have none."),
    Route("evaluation:value_batch_start", access=STAFF_ONLY, method="POST", data={"year": YEAR}),
    Route("evaluation:value_batch", access=STAFF_ONLY, kwargs=batch),
    Route("evaluation:value_report", access=COMUNA_A_OWNER, kwargs={"cut": "13120"}),
    Route("evaluation:value_report_pdf", access=COMUNA_A_OWNER, kwargs={"cut": "13120"}),
    Route("api:evaluation_indicators", access=PUBLIC),
    Route("api:evaluation_indicator", access=PUBLIC, kwargs={"code": "cartera"}),
    Route("api:evaluation_periods", access=PUBLIC),
    Route("api:evaluation_reports", access=PUBLIC),
    Route("api:evaluation_report", access=PUBLIC, kwargs=api_report),
]
