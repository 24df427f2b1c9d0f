"""Fixture records of the existing apps (network, partners, portfolio) and fake registered sources."""

import datetime

from django.utils import timezone

from hub.core.registry import Evidence

YEAR = 2025
ON = datetime.date(2025, 6, 15)


def practice(comuna, title="Práctica de prueba", challenge="ambiental"):
    from hub.network.models import Practice, PracticeStatus

    return Practice.objects.create(
        title=title,
        challenge=challenge,
        contact_name="Contacto",
        comuna=comuna,
        status=PracticeStatus.PUBLISHED,
        problem="Problema",
        solution="Solución",
        published_at=timezone.now(),
    )


def replication(comuna, *, practice_obj=None, solution=None, on=ON, status="implementada"):
    from hub.network.models import Replication

    return Replication.objects.create(
        practice=practice_obj, solution=solution, comuna=comuna, status=status, start_date=on, end_date=on
    )


def solution(title="Solución de prueba", work_line="innovacion", challenge="digital", published=ON):
    from hub.accounts.models import User
    from hub.portfolio.models import EcosystemUnit, Solution, SolutionStatus

    unit = EcosystemUnit.objects.get_or_create(
        name="Unidad de prueba", defaults={"responsible": "R", "slug": "unidad-prueba"}
    )[0]
    author = User.objects.get_or_create(username="autor-soluciones")[0]
    published_at = timezone.make_aware(datetime.datetime.combine(published, datetime.time(12)))
    return Solution.objects.create(
        title=title,
        summary="Resumen",
        work_line=work_line,
        challenge=challenge,
        kind="herramienta",
        status=SolutionStatus.PUBLISHED,
        published_at=published_at,
        owner_unit=unit,
        author=author,
    )


def organization(name, actor_type, comuna=None):
    from hub.partners.models import Organization

    return Organization.objects.create(name=name, actor_type=actor_type, comuna=comuna)


def agreement(title, orgs, *, signed_on=ON, status="firmado"):
    from hub.partners.models import Agreement, AgreementParty

    a = Agreement.objects.create(
        title=title,
        purpose="Objeto",
        status=status,
        start_date=signed_on,
        end_date=signed_on.replace(year=2027),
        signed_on=signed_on,
    )
    for org in orgs:
        AgreementParty.objects.create(agreement=a, organization=org)
    return a


def ev(kind, cut="", on=ON, **kw):
    return Evidence(kind=kind, label=kw.pop("label", f"{kind} {cut}"), on=on, cut=cut, **kw)
