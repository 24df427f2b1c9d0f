"""What formación gives other modules: evidence for «Cobertura», member value, the staff inbox, the comuna block,
notification kinds and the privacy inventory."""

import datetime

import pytest
from django.utils import timezone

from hub.core import privacy, registry
from hub.notifications.kinds import get_kind
from hub.territory.models import Comuna
from hub.training.models import Enrolment

from .factories import COMUNA_A, closed_cohort_with_certificate, enrol, make_cohort, make_staff

pytestmark = pytest.mark.django_db


def _source(sources, kind):
    return next(func for k, _label, func in sources if k == kind)


def test_certified_officials_count_as_coverage_evidence_for_their_comuna():
    certificate = closed_cohort_with_certificate()
    cohort = certificate.enrolment.cohort
    func = _source(registry.evidence_sources("cobertura"), "training_certified")
    records = func(cohort.end_date - datetime.timedelta(days=1), cohort.end_date)
    assert [(r.kind, r.cut, r.challenge) for r in records] == [("training_certified", COMUNA_A, "seguridad")]
    assert func(cohort.end_date + datetime.timedelta(days=1), cohort.end_date + datetime.timedelta(days=9)) == []


def test_member_value_counts_member_fee_seats_at_the_list_price():
    from hub.finance.testing import make_member

    make_member(Comuna.objects.get(cut=COMUNA_A))
    cohort = make_cohort()
    enrol(cohort)
    enrol(cohort)
    from hub.training.sections import training_member_value

    assert training_member_value in registry.member_value_sources()
    (item,) = training_member_value(Comuna.objects.get(cut=COMUNA_A), cohort.start_date, cohort.start_date)
    assert (item.quantity, item.unit_price_clp) == (2, 250_000)


def test_staff_inbox_lists_cohorts_to_close_and_enrolments_to_confirm(official_a):
    cohort = make_cohort()
    enrol(cohort)
    ended = make_cohort(status="en_curso", start=timezone.localdate() - datetime.timedelta(days=40))
    items = [item for func in registry.inbox_sources() for item in func(make_staff())]
    kinds = {item.kind for item in items}
    assert {"training_close", "training_confirm"} <= kinds
    assert any(str(ended) in item.title for item in items)
    assert not [i for func in registry.inbox_sources() for i in func(official_a) if i.kind.startswith("training")]


def test_comuna_page_shows_the_training_block(client):
    closed_cohort_with_certificate()
    html = client.get(f"/comunas/{COMUNA_A}/").content.decode()
    assert "Formación y certificación" in html and "funcionarios certificados por el Hub" in html


def test_notification_kinds_and_personal_data_are_registered():
    assert str(get_kind("seat_offered").label) != "seat_offered"
    entry = {e.label: e for e in privacy.inventory()}["training.Enrolment"]
    assert "rut" in entry.fields and entry.person_lookup == "user"


def test_personal_data_export_includes_the_learners_rut(official_a):
    enrolment = enrol(make_cohort(), official_a, rut="12345678-5")
    data = privacy.person_export(user=official_a)
    assert data["datos"]["training.Enrolment"][0]["rut"] == Enrolment.objects.get(pk=enrolment.pk).rut
