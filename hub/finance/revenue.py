"""The one entry point other modules use to record income (training, assistance, events, SaaS, premium).

Signature is stable. It stores one revenue record per ``source`` (idempotent: calling twice for the same
enrolment, milestone or licence returns the first record), and refuses (``RevenueRefused``, a Spanish
``ValidationError`` that changes nothing) a record without a published agreement, a line that needs a
mission-coherence review without an approved one, or a paid service to the central State without an
approved subsidiarity justification. Call it inside your own service's transaction: a refusal then rolls
your change back too, so income is never recorded without its agreement nor an enrolment without its income.
"""

from __future__ import annotations

from datetime import date


def register_revenue(
    *,
    acting_user,
    source,
    line: int,
    amount_clp: int,
    on: date,
    client_comuna=None,
    client_organization=None,
    agreement=None,
    recurrent: bool = False,
    description: str = "",
):
    """Record (idempotently, keyed by ``source``) the income that ``source`` (a model instance) produced."""
    from .services import revenue_register

    return revenue_register(
        acting_user=acting_user,
        source=source,
        line=int(line),
        amount_clp=amount_clp,
        on=on,
        client_comuna=client_comuna,
        client_organization=client_organization,
        agreement=agreement,
        recurrent=recurrent,
        description=description,
        is_demo=bool(getattr(source, "is_demo", False)),
    )
