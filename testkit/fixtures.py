"""Shared test fixtures: the territory and the five personas, built once per test.

Personas: anonymous, Hub staff, official of comuna A (Ñuñoa), official of comuna B (Temuco), partner.
"""

import pytest

from hub.accounts.models import Role, User
from hub.partners.models import ActorType, Organization

COMUNA_A = "13120"  # Ñuñoa
COMUNA_B = "09101"  # Temuco
PASSWORD = "clave-de-prueba-segura-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real territory (346 comunas from the shipped Censo 2024 table) once per session."""
    from hub.territory.services import read_table, territory_load

    with django_db_blocker.unblock():
        territory_load(rows=read_table())


@pytest.fixture
def comuna_a(db):
    from hub.territory.models import Comuna

    return Comuna.objects.get(cut=COMUNA_A)


@pytest.fixture
def comuna_b(db):
    from hub.territory.models import Comuna

    return Comuna.objects.get(cut=COMUNA_B)


def _user(username, role, **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, **extra)
    return user


@pytest.fixture
def staff_user(db):
    return _user("staff", Role.HUB_STAFF, is_staff=True, first_name="Equipo", last_name="Hub")


@pytest.fixture
def official_a(db, comuna_a):
    user = _user("official_a", Role.OFFICIAL, first_name="Ana", last_name="Ñuñoa")
    user.comunas.add(comuna_a)
    return user


@pytest.fixture
def official_b(db, comuna_b):
    user = _user("official_b", Role.OFFICIAL, first_name="Bruno", last_name="Temuco")
    user.comunas.add(comuna_b)
    return user


@pytest.fixture
def partner_org(db):
    return Organization.objects.create(
        name="Universidad de Prueba", short_name="UPRUEBA", actor_type=ActorType.ACADEMIA
    )


@pytest.fixture
def partner_user(db, partner_org):
    return _user("partner", Role.PARTNER, organization=partner_org, first_name="Paula", last_name="Socia")


@pytest.fixture
def personas(db, staff_user, official_a, official_b, partner_user):
    return {
        "anonymous": None,
        "staff": staff_user,
        "official_a": official_a,
        "official_b": official_b,
        "partner": partner_user,
    }


@pytest.fixture
def login(client):
    """login(user) logs the test client in as that persona (None stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session", autouse=True)
def _fast_and_unthrottled():
    """Test-only settings for the whole session.

    A fast password hasher (the production PBKDF2 takes seconds per user on a busy CI machine, and every test
    builds four personas) and the API rate limit off (one client address makes every request; its own test
    turns it on).
    """
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], HUB_API_RATE=""):
        yield
