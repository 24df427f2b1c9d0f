"""Small builders of network objects for tests and the authorization matrix (not used by the app itself)."""

import datetime

from django.utils import timezone

from hub.core.text import fold
from hub.network.models import (
    Award,
    AwardCategory,
    Event,
    Nomination,
    Practice,
    PracticeStatus,
    Registration,
    RegistrationStatus,
    Replication,
    ReplicationStatus,
)
from hub.territory.models import Comuna

COMUNA_A = "13120"  # Ñuñoa
COMUNA_B = "09101"  # Temuco
COMUNA_C = "05101"  # Valparaíso: a third comuna whose practices A and B may replicate


def make_practice(*, cut: str = COMUNA_A, status: str = PracticeStatus.PUBLISHED, title: str = "", **extra) -> Practice:
    comuna = Comuna.objects.get(cut=cut)
    title = title or f"Experiencia {status} de {comuna.name}"
    defaults = {
        "title": title,
        "problem": "Problema de prueba con datos locales.",
        "solution": "Solución de prueba con una mesa comunal.",
        "results": "Resultados de prueba.",
        "challenge": "ambiental",
        "contact_name": "Contacto de prueba",
        "contact_email": "contacto@example.cl",
        "comuna": comuna,
        "status": status,
        "published_at": timezone.now() if status == PracticeStatus.PUBLISHED else None,
        "search_text": fold(f"{title} {comuna.name}"),
    }
    defaults.update(extra)
    return Practice.objects.create(**defaults)


def make_replication(*, practice: Practice | None = None, cut: str = COMUNA_A, **extra) -> Replication:
    practice = practice or make_practice(cut=COMUNA_C)
    defaults = {"status": ReplicationStatus.INTEREST, "start_date": datetime.date(2025, 3, 1)}
    defaults.update(extra)
    return Replication.objects.create(practice=practice, comuna=Comuna.objects.get(cut=cut), **defaults)


def make_event(*, capacity: int = 2, **extra) -> Event:
    defaults = {
        "title": "Congreso de prueba",
        "kind": "congreso",
        "starts_at": timezone.now() + datetime.timedelta(days=30),
        "place": "Santiago",
        "capacity": capacity,
        "fee_member_clp": 50000,
        "fee_non_member_clp": 90000,
    }
    defaults.update(extra)
    return Event.objects.create(**defaults)


def make_registration(*, event: Event | None = None, cut: str = COMUNA_A, email: str = "persona@example.cl",
                      status: str = RegistrationStatus.CONFIRMED) -> Registration:
    event = event or make_event()
    return Registration.objects.create(
        event=event, name="Persona de prueba", email=email, comuna=Comuna.objects.get(cut=cut), status=status
    )


def make_category(*, name: str = "Sostenibilidad") -> AwardCategory:
    award, _ = Award.objects.get_or_create(name="Premio de prueba", year=2026)
    return AwardCategory.objects.create(award=award, name=name)


def make_nomination(*, category: AwardCategory | None = None, practice: Practice | None = None) -> Nomination:
    category = category or make_category()
    practice = practice or make_practice(cut=COMUNA_A)
    return Nomination.objects.create(category=category, practice=practice)
