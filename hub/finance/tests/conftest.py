import datetime

import pytest

from hub.partners.models import ActorType, Agreement, AgreementParty, Organization


@pytest.fixture
def org(db):
    return Organization.objects.create(name="Fundación de prueba", actor_type=ActorType.PRIVADO_COOPERACION,
                                       country="DE")


@pytest.fixture
def state_org(db):
    return Organization.objects.create(name="Subsecretaría de prueba", actor_type=ActorType.ESTADO_CENTRAL,
                                       country="DE")


def _agreement(status="vigente", title="Convenio de prueba"):
    agreement = Agreement.objects.create(title=title, purpose="Objeto", status=status,
                                         start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2027, 12, 31))
    return agreement


@pytest.fixture
def agreement(db, org):
    a = _agreement()
    AgreementParty.objects.create(agreement=a, organization=org)
    return a


@pytest.fixture
def draft_agreement(db):
    return _agreement(status="borrador", title="Borrador")
