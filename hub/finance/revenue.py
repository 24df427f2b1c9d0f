"""The one entry point other modules use to record income (training, assistance, events, SaaS, premium).

Placeholder until the finance module stores revenue records: it accepts the call and records nothing, so
callers can be written now. Signature is stable; the finance module implements it (and refuses a record
without a published agreement where the transparency rule requires one).
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
    return None
