"""The one membership rule every module reads: is this comuna a member with benefits on a date?

The state is COMPUTED from dated facts (periods, payments, notice of withdrawal, suspension decision) and
the date asked about; it is never stored, so it cannot go stale after a renewal or a payment. Rules, in the
order they are applied for a date ``on``:

1. ``sin_membresia``: the comuna has no membership record.
2. ``retirada``: a notice of withdrawal was received on N and ``on`` ≥ N + 6 months (UCLG art. 16).
   ``en_retiro``: notice received, ``on`` < N + 6 months. The comuna remains a member and liable for its fees
   while the notice runs: benefits follow the payment state of rules 4–7 (kept while vigente or en gracia).
3. ``suspendida``: the assembly's suspension decision is dated ≤ ``on`` and no reinstatement is dated ≤ ``on``.
4. ``pendiente``: no payment dated ≤ ``on`` yet (membership becomes effective on the first payment, UCLG
   art. 15), or ``on`` is before the first period starts.
5. ``morosa``: some period that has started is not fully paid by ``on`` and ``on`` > its due date + 60 days.
6. ``en_gracia``: some started period is not fully paid and ``on`` is after its due date, within 60 days.
7. ``vigente``: otherwise (every started period is paid, or still within its payment term).

A period not issued yet counts as due: after the last period ends, the next one (not yet issued) is deemed
to start the following day and to be due at the end of its third month (31 March for a calendar year), so
a forgotten invoice does not keep a comuna vigente forever; the staff inbox lists periods to issue.

Benefits (training fees, premium library, event member fees): ``vigente`` and ``en_gracia``. The grace
period exists because a municipal payment needs a decreto de pago that often lands after the due date;
cutting officials off during those 60 days would punish the comuna for its own procedure.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GRACE_DAYS = 60
NOTICE_MONTHS = 6


class MembershipState(models.TextChoices):
    SIN_MEMBRESIA = "sin_membresia", _("Sin membresía")
    PENDIENTE = "pendiente", _("Pendiente (sin primer pago)")
    VIGENTE = "vigente", _("Vigente")
    EN_GRACIA = "en_gracia", _("En período de gracia")
    MOROSA = "morosa", _("Morosa")
    SUSPENDIDA = "suspendida", _("Suspendida")
    EN_RETIRO = "en_retiro", _("En retiro (aviso en curso)")
    RETIRADA = "retirada", _("Retirada")


BENEFIT_STATES = frozenset({MembershipState.VIGENTE, MembershipState.EN_GRACIA})


@dataclass(frozen=True)
class MembershipStatus:
    state: str
    has_benefits: bool
    reason: str
    since: date | None = None
    next_change: date | None = None

    @property
    def label(self) -> str:
        return str(MembershipState(self.state).label)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_due(starts_on: date) -> date:
    """End of the period's third month (31 March for a calendar year)."""
    end_of_third = add_months(starts_on.replace(day=1), 3) - datetime.timedelta(days=1)
    return end_of_third


def _paid_by(period, on: date) -> int:
    return sum(p.amount_clp for p in period.payments.all() if p.paid_on <= on)


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _payment_status(membership, on: date) -> MembershipStatus:
    periods = sorted(membership.periods.all(), key=lambda p: p.starts_on)
    payments = [pay for p in periods for pay in p.payments.all() if pay.paid_on <= on]
    if not payments or not periods or on < periods[0].starts_on:
        return MembershipStatus(
            MembershipState.PENDIENTE, False,
            str(_("Aún no registra su primer pago: la membresía rige desde el primer pago.")),
            since=membership.joined_on,
        )
    # (due date, what is owed) of every started period not fully paid by `on`, plus the deemed next period.
    owed: list[tuple[date, str]] = []
    for period in periods:
        if period.starts_on <= on and _paid_by(period, on) < period.fee_clp:
            what = _("cuota %(a)s–%(b)s") % {"a": _fmt(period.starts_on), "b": _fmt(period.ends_on)}
            owed.append((period.due_on, what))
    last_end = max(p.ends_on for p in periods)
    if on > last_end:
        deemed_start = last_end + datetime.timedelta(days=1)
        owed.append((default_due(deemed_start), _("período desde %(a)s, aún no emitido") % {"a": _fmt(deemed_start)}))
    overdue = sorted((due, what) for due, what in owed if due < on)
    if overdue:
        due, what = overdue[0]
        grace_end = due + datetime.timedelta(days=GRACE_DAYS)
        if on > grace_end:
            return MembershipStatus(
                MembershipState.MOROSA, False,
                str(_("Impaga la %(what)s, vencida el %(due)s; el período de gracia terminó el %(end)s.")
                    % {"what": what, "due": _fmt(due), "end": _fmt(grace_end)}),
                since=grace_end + datetime.timedelta(days=1),
            )
        return MembershipStatus(
            MembershipState.EN_GRACIA, True,
            str(_("Impaga la %(what)s, vencida el %(due)s; conserva beneficios hasta el %(end)s.")
                % {"what": what, "due": _fmt(due), "end": _fmt(grace_end)}),
            since=due + datetime.timedelta(days=1), next_change=grace_end + datetime.timedelta(days=1),
        )
    pending = sorted(due for due, _what in owed)
    next_change = pending[0] + datetime.timedelta(days=1) if pending else last_end + datetime.timedelta(days=1)
    reason = (
        _("Cuota en plazo de pago hasta el %(due)s.") % {"due": _fmt(pending[0])}
        if pending
        else _("Cuotas al día hasta el %(end)s.") % {"end": _fmt(last_end)}
    )
    return MembershipStatus(MembershipState.VIGENTE, True, str(reason), next_change=next_change)


def membership_status(membership, on: date | None = None) -> MembershipStatus:
    """The state of a membership on a date (today by default). Pass a membership with prefetched periods."""
    on = on or timezone.localdate()
    if membership is None:
        return MembershipStatus(MembershipState.SIN_MEMBRESIA, False, str(_("La comuna no es socia de AMUCH.")))
    if membership.notice_on and membership.notice_on <= on:
        effective = add_months(membership.notice_on, NOTICE_MONTHS)
        if on >= effective:
            return MembershipStatus(
                MembershipState.RETIRADA, False,
                str(_("Retiro efectivo el %(d)s (aviso del %(n)s).")
                    % {"d": _fmt(effective), "n": _fmt(membership.notice_on)}),
                since=effective,
            )
        underlying = _payment_status(membership, on)
        return MembershipStatus(
            MembershipState.EN_RETIRO, underlying.has_benefits,
            str(_("Aviso de retiro del %(n)s; el retiro es efectivo el %(d)s. Mientras tanto: %(s)s — %(r)s")
                % {"n": _fmt(membership.notice_on), "d": _fmt(effective), "s": underlying.label,
                   "r": underlying.reason}),
            since=membership.notice_on, next_change=effective,
        )
    if membership.suspended_on and membership.suspended_on <= on and not (
        membership.reinstated_on and membership.reinstated_on <= on
    ):
        return MembershipStatus(
            MembershipState.SUSPENDIDA, False,
            str(_("Suspendida desde el %(d)s (%(ref)s).")
                % {"d": _fmt(membership.suspended_on), "ref": membership.suspension_reference}),
            since=membership.suspended_on,
        )
    return _payment_status(membership, on)


def _memberships_qs():
    from .models import Membership

    return Membership.objects.prefetch_related("periods__payments")


def comuna_status(comuna, on: date | None = None) -> MembershipStatus:
    cut = getattr(comuna, "cut", comuna)
    membership = _memberships_qs().filter(comuna_id=cut).first() if cut else None
    return membership_status(membership, on)


def statuses_by_cut(cuts=None, on: date | None = None) -> dict[str, MembershipStatus]:
    """Computed states of many comunas in three queries (memberships, periods, payments)."""
    qs = _memberships_qs()
    if cuts is not None:
        qs = qs.filter(comuna_id__in=list(cuts))
    return {m.comuna_id: membership_status(m, on) for m in qs}


def member_cuts(on: date | None = None) -> set[str]:
    """CUTs of every comuna with member benefits on that date (the one list evaluation and reports read)."""
    return {cut for cut, status in statuses_by_cut(on=on).items() if status.has_benefits}


def is_member(comuna, on: date | None = None) -> bool:
    """True while the comuna's computed state carries member benefits (vigente or en gracia) on that date."""
    if comuna is None:
        return False
    return comuna_status(comuna, on).has_benefits


def user_has_member_benefits(user, on: date | None = None) -> bool:
    """An official inherits member benefits while one of her comunas is vigente (or en gracia)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_official", False):
        return False
    cuts = list(user.comunas.values_list("cut", flat=True))
    return any(s.has_benefits for s in statuses_by_cut(cuts, on).values())
