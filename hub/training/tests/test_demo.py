"""The demo content loads, is idempotent, and gives the three cohorts the issue asks for, all marked Demo."""

import io

import pytest

from hub.training.models import Certificate, Cohort, EnrolmentStatus, Programme

pytestmark = pytest.mark.django_db


def _load():
    from hub.demo import accounts, partners, portfolio, training

    out = io.StringIO()
    for module in (accounts, portfolio, partners, training):
        module.load(stdout=out)
    return out.getvalue()


def test_demo_gives_two_programmes_and_a_finished_a_running_and_an_open_cohort_with_waiting_list(client):
    _load()
    _load()  # idempotent
    assert Programme.objects.filter(is_demo=True).count() == 2
    statuses = sorted(Cohort.objects.filter(is_demo=True).values_list("status", flat=True))
    assert statuses == ["abierta", "cerrada", "en_curso"]
    upcoming = Cohort.objects.get(status="abierta")
    assert upcoming.enrolments.filter(status=EnrolmentStatus.EN_ESPERA).count() == 2
    assert Certificate.objects.filter(is_demo=True).count() == 2
    certificate = Certificate.objects.filter(kind="aprobacion").get()
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Demo" in html and "Vigente" in html
    assert "Demo" in client.get("/formacion/").content.decode()
