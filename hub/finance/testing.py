"""Test helpers other apps may use: make a comuna a member (vigente) or not, through the finance data.

``Comuna.is_amuch_member`` is no longer read by anyone: membership benefits come from
``hub.finance.membership.is_member``, computed from periods and payments. Tests that used to set the flag
call ``make_member(comuna)`` instead.
"""

import datetime

from django.utils import timezone


def make_member(comuna, *, on: datetime.date | None = None, fee_clp: int = 1_000_000):
    """A membership whose year of ``on`` (today by default) is paid: the comuna is vigente that year."""
    from .models import Membership, MembershipPayment, MembershipPeriod

    on = on or timezone.localdate()
    membership, _ = Membership.objects.get_or_create(comuna=comuna, defaults={"joined_on": on.replace(month=1, day=1)})
    period, _ = MembershipPeriod.objects.get_or_create(
        membership=membership, starts_on=on.replace(month=1, day=1),
        defaults={"ends_on": on.replace(month=12, day=31), "due_on": on.replace(month=3, day=31), "fee_clp": fee_clp},
    )
    if not period.payments.exists():
        MembershipPayment.objects.create(period=period, paid_on=on.replace(month=1, day=1), amount_clp=period.fee_clp)
    return membership
