"""Small builders for the partners tests (plain functions, no factory library)."""

import datetime
import itertools

from django.core.files.base import ContentFile
from stdnum.cl import rut as rut_number

from hub.partners.models import ActorType, Agreement, AgreementParty, AgreementTransfer, Organization

_seq = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def valid_rut(number: int) -> str:
    return f"{number}{rut_number.calc_check_digit(str(number))}"


def org(name=None, actor_type=ActorType.PRIVADO_COOPERACION, country="DE", **extra) -> Organization:
    return Organization.objects.create(
        name=name or f"Organización {next(_seq)}", actor_type=actor_type, country=country, **extra
    )


def agreement(
    *, status="borrador", parties=None, start=datetime.date(2026, 1, 1), end=datetime.date(2027, 6, 30), **extra
) -> Agreement:
    a = Agreement.objects.create(
        title=extra.pop("title", f"Convenio {next(_seq)}"),
        purpose=extra.pop("purpose", "Objeto del convenio"),
        status=status,
        start_date=start,
        end_date=end,
        **extra,
    )
    parties = parties if parties is not None else [org(), org()]
    for organization in parties:
        AgreementParty.objects.create(agreement=a, organization=organization, role="contraparte")
    return a


def transfer(a: Agreement, amount=1_000_000) -> AgreementTransfer:
    payer, payee = [p.organization for p in a.parties.all()[:2]]
    return AgreementTransfer.objects.create(agreement=a, payer=payer, payee=payee, amount_clp=amount, concept="Aporte")


def with_document(a: Agreement) -> Agreement:
    a.signed_document.save("convenio.pdf", ContentFile(PDF))
    return a
