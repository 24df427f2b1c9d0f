"""Pages: the comuna page block, the staff board with overdue flags, the public counts without client detail."""

import datetime

import pytest
from django.utils import timezone

from hub.assistance.models import Engagement

from .factories import make_engagement, make_milestone, make_published

pytestmark = pytest.mark.django_db


def test_comuna_page_lists_engagements_to_its_officials_and_only_published_ones_to_others(login, official_a,
                                                                                          official_b):
    private = make_engagement()
    published = make_published()
    mine = login(official_a).get("/comunas/13120/").text
    assert private.title in mine and published.title in mine
    other = login(official_b).get("/comunas/13120/").text
    assert private.title not in other and published.title in other
    assert private.title not in login(None).get("/comunas/13120/").text


def test_board_groups_by_state_and_flags_overdue(login, staff_user):
    stale = make_engagement()
    Engagement.objects.filter(pk=stale.pk).update(status_changed_at=timezone.now() - datetime.timedelta(days=30))
    fresh = make_engagement()
    executing = make_engagement(status="en_ejecucion")
    late = make_milestone(executing)
    type(late).objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    page = login(staff_user).get("/asistencia/tablero/").text
    assert stale.title in page and fresh.title in page and executing.title in page
    assert page.count('class="board-card is-overdue"') == 2


def test_public_page_counts_without_client_detail(login):
    hidden = make_engagement()
    make_engagement(cut="09101", status="en_alcance")
    published = make_published()
    page = login(None).get("/asistencia/").text
    assert hidden.title not in page and published.title in page
    assert "Transformación digital" in page and "La Araucanía" in page


def test_request_form_has_an_error_summary(login, official_a):
    response = login(official_a).post("/asistencia/solicitar/", {"comuna": "13120"})
    assert response.status_code == 200 and "Revise lo siguiente" in response.text
    assert not Engagement.objects.exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_board_and_detail_query_counts_do_not_grow_with_rows(login, staff_user):
    from hub.assistance.models import Recommendation

    client = login(staff_user)
    engagement = make_engagement(status="en_ejecucion")

    def add(n):
        for _ in range(n):
            make_engagement(status="en_ejecucion")
            make_milestone(engagement, with_file=True)
            Recommendation.objects.create(engagement=engagement, text="r", owner="o", due_date=timezone.localdate())

    add(2)
    small = (_queries(client, "/asistencia/tablero/"), _queries(client, engagement.get_absolute_url()))
    add(8)
    assert (_queries(client, "/asistencia/tablero/"), _queries(client, engagement.get_absolute_url())) == small
