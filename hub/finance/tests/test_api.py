"""Finance API: public aggregates, staff-only records; queries do not grow with the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.core.taxonomy import RevenueLine
from hub.finance import services
from hub.finance.fees import ScaleRule
from hub.finance.models import Membership, MembershipPayment, MembershipPeriod
from hub.territory.models import Comuna

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/finance/income", "/api/v1/finance/fee-scales", "/api/v1/finance/fee-scales/2026/fees",
        "/api/v1/finance/revenue", "/api/v1/finance/memberships", "/api/v1/finance/principles"]


def _build(staff, agreement, org, n):
    comunas = list(Comuna.objects.order_by("cut")[:n])
    for i, comuna in enumerate(comunas):
        m = Membership.objects.create(comuna=comuna, joined_on=datetime.date(2026, 1, 1), agreement=agreement)
        p = MembershipPeriod.objects.create(membership=m, starts_on=datetime.date(2026, 1, 1),
                                            ends_on=datetime.date(2026, 12, 31), due_on=datetime.date(2026, 3, 31),
                                            fee_clp=1000)
        MembershipPayment.objects.create(period=p, paid_on=datetime.date(2026, 1, 5), amount_clp=1000)
        services.revenue_register(acting_user=staff, line=RevenueLine.FORMACION, amount_clp=1000 + i,
                                  on=datetime.date(2026, 1 + i % 12, 1), agreement=agreement,
                                  client_comuna=comuna)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_rows(login, staff_user, agreement, org):
    scale = services.fee_scale_create(acting_user=staff_user, year=2026, name="E",
                                      rule=ScaleRule(base_clp=1000, minimum_clp=1000))
    services.fee_scale_approve(acting_user=staff_user, scale=scale, decision_body="A", decision_reference="B",
                               decision_date=datetime.date(2025, 12, 1))
    client = login(staff_user)
    _build(staff_user, agreement, org, 3)
    small = {url: _count(client, url) for url in URLS}
    more = list(Comuna.objects.order_by("cut")[3:40])
    for i, comuna in enumerate(more):
        services.revenue_register(acting_user=staff_user, line=RevenueLine.EVENTOS, amount_clp=5 + i,
                                  on=datetime.date(2026, 2, 1), agreement=agreement, client_comuna=comuna)
        m = Membership.objects.create(comuna=comuna, joined_on=datetime.date(2026, 1, 1))
        MembershipPeriod.objects.create(membership=m, starts_on=datetime.date(2026, 1, 1),
                                        ends_on=datetime.date(2026, 12, 31), due_on=datetime.date(2026, 3, 31),
                                        fee_clp=1000)
    large = {url: _count(client, url) for url in URLS}
    assert large == small
    assert max(small.values()) <= 25, small


def test_staff_endpoints_answer_401_to_anonymous_and_403_to_officials(client, login, official_a):
    assert client.get("/api/v1/finance/revenue").status_code == 401
    assert login(official_a).get("/api/v1/finance/principles").status_code == 403
    assert client.get("/api/v1/finance/income").status_code == 200


def test_fees_of_a_year_without_approved_scale_is_404_and_bad_year_is_422(client):
    assert client.get("/api/v1/finance/fee-scales/2031/fees").status_code == 404
    assert client.get("/api/v1/finance/fee-scales/99999/fees").status_code == 422
