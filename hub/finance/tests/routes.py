"""Who may use each URL of membresía y finanzas.

Public: the landing page, the income transparency page and CSV, approved fee scales (each comuna's fee) and
the public API aggregates. A draft scale is staff-only (404 for others: drafts do not reveal they exist).
A comuna's membership page: staff and that comuna's officials. Everything else, and every write: Hub staff.
"""

import datetime
import itertools

from testkit.routes import COMUNA_A_OWNER, PERSONAS, PUBLIC, STAFF_ONLY, Route

_seq = itertools.count(1)
STAFF_OR_404 = {**{p: "deny" for p in PERSONAS}, "staff": "allow"}


def _scale(status):
    from decimal import Decimal

    from hub.finance.models import FeeScale

    return FeeScale.objects.create(year=2000 + next(_seq), name="Escala de prueba", base_clp=1000,
                                   rate_per_inhabitant=Decimal("1"), minimum_clp=1000, status=status)


def approved_scale(personas):
    return {"pk": _scale("aprobada").pk}


def draft_scale(personas):
    return {"pk": _scale("borrador").pk}


def _licence(personas):
    from hub.finance.models import SaasLicence
    from hub.partners.models import Agreement
    from hub.territory.models import Comuna

    agreement = Agreement.objects.create(title="Convenio SaaS de prueba", purpose="x", status="vigente",
                                         start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2027, 1, 1))
    licence = SaasLicence.objects.create(
        comuna=Comuna.objects.get(cut="13120"), tool="observatorio", starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31), price_clp=1000, agreement=agreement)
    return {"pk": licence.pk}


def _record(personas):
    from hub.finance.models import RevenueRecord
    from hub.partners.models import Agreement
    from hub.territory.models import Comuna

    agreement = Agreement.objects.create(title="Convenio de prueba", purpose="x", status="vigente",
                                         start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2027, 1, 1))
    record = RevenueRecord.objects.create(line=2, client_comuna=Comuna.objects.get(cut="13120"), agreement=agreement,
                                          amount_clp=1000, original_amount=1000, on=datetime.date(2026, 3, 1))
    return {"pk": record.pk}


COMUNA_A = {"cut": "13120"}
API_STAFF = {"anonymous": "login", "staff": "allow", "official_a": "deny", "official_b": "deny", "partner": "deny"}

MATRIX = [
    Route("finance:index"),
    Route("finance:transparency"),
    Route("finance:transparency_csv"),
    Route("finance:scale_list"),
    Route("finance:scale_detail", kwargs=approved_scale, note="Una escala aprobada es pública."),
    Route("finance:scale_detail", STAFF_OR_404, kwargs=draft_scale, note="Un borrador no revela que existe."),
    Route("finance:scale_simulator", STAFF_ONLY),
    Route("finance:scale_approve", STAFF_ONLY, kwargs=draft_scale, method="POST", data={}),
    Route("finance:dashboard", STAFF_ONLY),
    Route("finance:target_set", STAFF_ONLY, method="POST", data={}),
    Route("finance:annual_summary", STAFF_ONLY),
    Route("finance:membership_list", STAFF_ONLY),
    Route("finance:membership_create", STAFF_ONLY, method="POST", data={}),
    Route("finance:membership_detail", {**COMUNA_A_OWNER, "anonymous": "login"}, kwargs=COMUNA_A,
          note="Staff y funcionarios de la comuna ven su estado de membresía."),
    Route("finance:period_create", STAFF_ONLY, kwargs=COMUNA_A, method="POST", data={}),
    Route("finance:payment_create", STAFF_ONLY, kwargs=COMUNA_A, method="POST", data={}),
    Route("finance:membership_notice", STAFF_ONLY, kwargs=COMUNA_A, method="POST", data={}),
    Route("finance:membership_suspend", STAFF_ONLY, kwargs=COMUNA_A, method="POST", data={}),
    Route("finance:membership_reinstate", STAFF_ONLY, kwargs=COMUNA_A, method="POST", data={}),
    Route("finance:revenue_list", STAFF_ONLY),
    Route("finance:revenue_create", STAFF_ONLY),
    Route("finance:revenue_void", STAFF_ONLY, kwargs=_record, method="POST", data={}),
    Route("finance:review_list", STAFF_ONLY),
    Route("finance:saas_list", STAFF_ONLY),
    Route("finance:saas_renew", STAFF_ONLY, kwargs=_licence, method="POST", data={}),
    Route("api:finance_income", PUBLIC),
    Route("api:finance_fee_scales", PUBLIC),
    Route("api:finance_fees", PUBLIC, kwargs=lambda p: {"year": FeeYear.make()}),
    Route("api:finance_revenue", API_STAFF),
    Route("api:finance_memberships", API_STAFF),
    Route("api:finance_principles", API_STAFF),
]


class FeeYear:
    @staticmethod
    def make() -> int:
        from hub.finance.models import FeeScale, FrozenPopulation
        from hub.territory.models import Comuna

        scale = FeeScale.objects.get(pk=approved_scale(None)["pk"])
        FrozenPopulation.objects.create(scale=scale, comuna=Comuna.objects.get(cut="13120"), population=1, fee_clp=1)
        return scale.year
