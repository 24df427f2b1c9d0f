"""Report, recommendations linked to indicators, computed statuses, publication, follow-up and closing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.assistance import selectors, services
from hub.assistance.models import Recommendation, RecommendationUpdate, add_months
from hub.core.transitions import TransitionRefused
from hub.observatory.models import Indicator, Observation, Source

from .factories import make_engagement, make_milestone

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def indicator(db):
    source = Source.objects.create(code="sinim", institution="SUBDERE", dataset="SINIM", attribution="SINIM")
    ind = Indicator.objects.create(code="autonomia_financiera", name_es="Autonomía financiera", name_en="x",
                                   definition="d", unit="percent", theme="contexto", source=source,
                                   periodicity="year", direction="higher_better", aggregation="none", decimals=1)
    Observation.objects.create(indicator=ind, comuna_id="13120", period="2022", year=2022, value=61.0)
    Observation.objects.create(indicator=ind, comuna_id="13120", period="2023", year=2023, value=63.5)
    return ind


def _rec(engagement, due_days=90, **kw):
    return Recommendation.objects.create(engagement=engagement, text="Implementar ventanilla", owner="DIDECO",
                                         due_date=TODAY + datetime.timedelta(days=due_days), **kw)


def test_recommendation_takes_baseline_value_and_period_from_the_observatory(staff_user, indicator):
    engagement = make_engagement(status="informe_borrador")
    rec = services.recommendation_add(acting_user=staff_user, engagement=engagement, text="Subir ingresos propios",
                                      owner="Finanzas", due_date=TODAY, indicator=indicator)
    assert (rec.baseline_value, rec.baseline_period) == (63.5, "2023")


def test_indicator_without_data_for_the_comuna_is_refused(staff_user, indicator):
    engagement = make_engagement(cut="09101", status="informe_borrador")
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(acting_user=staff_user, engagement=engagement, text="x", owner="y",
                                    due_date=TODAY, indicator=indicator)
    assert "no tiene datos" in str(exc.value)
    assert not Recommendation.objects.exists()


def test_recommendation_status_is_computed_from_dates_and_updates(official_a):
    engagement = make_engagement(status="en_seguimiento", final_report_on=TODAY)
    on_time, late, done, wont, na = (_rec(engagement, 30), _rec(engagement, -1), _rec(engagement, -5),
                                     _rec(engagement, 10), _rec(engagement, 10))
    assert on_time.status == "en_curso_a_tiempo" and late.status == "en_curso_atrasada"
    services.recommendation_update_add(acting_user=official_a, recommendation=done, kind="implementada")
    with pytest.raises(ValidationError):
        services.recommendation_update_add(acting_user=official_a, recommendation=wont, kind="no_se_implementara")
    services.recommendation_update_add(acting_user=official_a, recommendation=wont, kind="no_se_implementara",
                                       note="Sin presupuesto 2027")
    services.recommendation_update_add(acting_user=official_a, recommendation=na, kind="no_aplica",
                                       note="Se cerró el programa")
    services.recommendation_update_add(acting_user=official_a, recommendation=late, kind="avance", progress=40)
    labels = {r["obj"].pk: (r["status_label"], r["reason"], r["progress"])
              for r in selectors.recommendation_rows(engagement)}
    assert labels[done.pk][0] == "Implementada" and labels[done.pk][2] == 100
    assert labels[wont.pk][:2] == ("No se implementará", "Sin presupuesto 2027")
    assert labels[na.pk][0] == "No aplica"
    assert labels[late.pk] == ("En curso (atrasada)", "", 40)
    assert labels[on_time.pk][0] == "En curso (a tiempo)"
    # Time passes: the on-time one becomes late without anything being stored.
    assert on_time.status_on(TODAY + datetime.timedelta(days=31)) == "en_curso_atrasada"


def test_final_report_needs_summary_and_recommendations_and_fixes_the_review_date(staff_user):
    engagement = make_engagement(status="informe_borrador")
    with pytest.raises(TransitionRefused):
        services.engagement_transition(acting_user=staff_user, engagement=engagement, to="informe_final")
    services.report_update(acting_user=staff_user, engagement=engagement, summary="Hallazgos principales")
    _rec(engagement)
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="informe_final")
    engagement.refresh_from_db()
    assert engagement.final_report_on == TODAY
    assert engagement.review_due == add_months(TODAY, 6)
    assert not engagement.report_published
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="en_seguimiento")
    assert staff_user.notifications.filter(kind="assistance_review_due").exists()


def test_draft_report_waits_for_every_milestone(staff_user):
    engagement = make_engagement(status="en_ejecucion")
    make_milestone(engagement, status="en_revision_cliente")
    with pytest.raises(TransitionRefused) as exc:
        services.engagement_transition(acting_user=staff_user, engagement=engagement, to="informe_borrador")
    assert "faltan" in str(exc.value)


def test_report_pdf_is_a_pdf_private_until_the_client_publishes(login, official_a, official_b, indicator):
    engagement = make_engagement(status="informe_final", final_report_on=TODAY, report_summary="Resumen",
                                 is_demo=True)
    _rec(engagement, indicator=indicator, baseline_value=63.5, baseline_period="2023")
    response = login(official_a).get(f"/asistencia/{engagement.pk}/informe.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert login(official_b).get(f"/asistencia/{engagement.pk}/informe.pdf").status_code == 404
    assert login(None).get(f"/asistencia/publicas/{engagement.pk}/").status_code == 404
    login(official_a).post(f"/asistencia/{engagement.pk}/publicar/", {"publish": "1"})
    public = login(None).get(f"/asistencia/publicas/{engagement.pk}/")
    assert public.status_code == 200 and "Implementar ventanilla" in public.text
    assert login(None).get(f"/asistencia/publicas/{engagement.pk}/informe.pdf").content.startswith(b"%PDF-")


def test_report_cannot_be_published_before_it_is_final(official_a):
    engagement = make_engagement(status="informe_borrador")
    with pytest.raises(ValidationError):
        services.report_publish(acting_user=official_a, engagement=engagement, publish=True)
    engagement.refresh_from_db()
    assert not engagement.report_published


def test_review_records_progress_and_the_indicator_new_value_against_baseline(staff_user, indicator):
    engagement = make_engagement(status="en_seguimiento", final_report_on=add_months(TODAY, -7))
    rec = _rec(engagement, indicator=indicator, baseline_value=61.0, baseline_period="2022")
    row = selectors.recommendation_rows(engagement)[0]
    assert (row["current_value"], row["current_period"], row["change"]) == (63.5, "2023", 2.5)
    items = selectors.inbox_items(staff_user)
    assert [i.kind for i in items] == ["assistance_review_due"] and items[0].overdue
    review = services.review_record(acting_user=staff_user, engagement=engagement, held_on=TODAY,
                                    summary="Avance parcial")
    assert review.snapshot[0]["id"] == rec.pk and review.snapshot[0]["current_value"] == 63.5
    assert selectors.inbox_items(staff_user) == []


def test_review_due_is_shown_to_the_client_too(official_a, official_b):
    make_engagement(status="en_seguimiento", final_report_on=add_months(TODAY, -2))
    items = selectors.inbox_items(official_a)
    assert len(items) == 1 and not items[0].overdue and items[0].due == add_months(TODAY, 4)
    assert selectors.inbox_items(official_b) == []


def test_closing_requires_the_satisfaction_survey_from_1_to_7(staff_user, official_a):
    engagement = make_engagement(status="en_seguimiento", final_report_on=TODAY)
    with pytest.raises(TransitionRefused) as exc:
        services.engagement_transition(acting_user=staff_user, engagement=engagement, to="cerrada")
    assert "encuesta" in str(exc.value)
    with pytest.raises(ValidationError):
        services.survey_submit(acting_user=official_a, engagement=engagement, satisfaction=8, would_recommend=True)
    services.survey_submit(acting_user=official_a, engagement=engagement, satisfaction=6, would_recommend=True)
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="cerrada")
    engagement.refresh_from_db()
    assert engagement.status == "cerrada" and engagement.satisfaction == 6


def test_evidence_counts_closed_engagements_and_implemented_recommendations(staff_user, official_a):
    engagement = make_engagement(status="en_seguimiento", final_report_on=TODAY, satisfaction=7)
    rec = _rec(engagement)
    services.recommendation_update_add(acting_user=official_a, recommendation=rec, kind="implementada")
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="cerrada")
    start, end = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)
    closed = selectors.evidence_closed(start, end)
    assert [(e.kind, e.cut) for e in closed] == [("assistance_closed", "13120")]
    implemented = selectors.evidence_implemented(start, end)
    assert [(e.kind, e.cut) for e in implemented] == [("recommendation_implemented", "13120")]
    RecommendationUpdate.objects.create(recommendation=rec, kind="no_aplica", note="Cambió la ley", on=TODAY)
    assert selectors.evidence_implemented(start, end) == []


def test_registry_hooks_are_registered():
    from hub.core import registry

    assert any(kind == "assistance_closed" for kind, _l, _f in registry.evidence_sources("cobertura"))
    assert any(kind == "recommendation_implemented" for kind, _l, _f in registry.evidence_sources("impacto"))
    assert selectors.inbox_items in registry.inbox_sources()
    assert selectors.member_value in registry.member_value_sources()


def test_only_the_comuna_publishes_its_report(staff_user, official_a):
    from django.core.exceptions import PermissionDenied

    engagement = make_engagement(status="informe_final", final_report_on=TODAY)
    with pytest.raises(PermissionDenied):
        services.report_publish(acting_user=staff_user, engagement=engagement, publish=True)
    engagement.refresh_from_db()
    assert not engagement.report_published
    services.report_publish(acting_user=official_a, engagement=engagement, publish=True)
    engagement.refresh_from_db()
    assert engagement.report_published


@pytest.mark.parametrize(("day", "months", "expected"), [
    (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
    (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
    (datetime.date(2026, 12, 1), 6, datetime.date(2027, 6, 1)),
    (datetime.date(2026, 3, 15), -5, datetime.date(2025, 10, 15)),
])
def test_review_date_adds_calendar_months(day, months, expected):
    assert add_months(day, months) == expected
