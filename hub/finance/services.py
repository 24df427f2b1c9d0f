"""Every write of membresía y finanzas. Keyword-only, access first, full_clean, one transaction each.

Transparency rule (principle 4): no revenue record without a published agreement (firmado, vigente,
finalizado or terminado). Mission coherence (principle 3): studies, SaaS, sponsorships and publications
need the agreement's latest coherence review to approve it. Subsidiarity (principle 5): paid services to
the central State need the agreement's latest subsidiarity review to approve it. Refusals are Spanish
``ValidationError``s that change nothing.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.taxonomy import RevenueLine
from hub.core.transitions import transition

from .access import require_finance_staff
from .fees import ScaleRule, compute_fee
from .membership import MembershipState, _payment_status, default_due, membership_status
from .models import (
    REVENUE_TRANSITIONS,
    REVIEW_LINES,
    SCALE_TRANSITIONS,
    SERVICE_LINES,
    AgreementReview,
    Currency,
    FeeBand,
    FeeScale,
    FrozenPopulation,
    Membership,
    MembershipPayment,
    MembershipPeriod,
    RevenueRecord,
    RevenueStatus,
    ReviewDecision,
    ReviewPrinciple,
    SaasLicence,
    ScaleStatus,
    TypologyFactor,
    YearTarget,
)


class RevenueRefused(ValidationError):
    """A revenue record the finance rules do not accept (no published agreement, missing review, ...)."""


# Fee scales ------------------------------------------------------------------------------------------------------


@transaction.atomic
def fee_scale_create(
    *, acting_user, year: int, name: str, rule: ScaleRule, population_source: str = "", is_demo: bool = False
) -> FeeScale:
    require_finance_staff(acting_user)
    scale = FeeScale(
        year=year, name=name, kind=rule.kind, base_clp=rule.base_clp, rate_per_inhabitant=rule.rate_per_inhabitant,
        minimum_clp=rule.minimum_clp, maximum_clp=rule.maximum_clp, created_by=acting_user, is_demo=is_demo,
    )
    if population_source:
        scale.population_source = population_source
    scale.full_clean()
    scale.save()
    if rule.kind == "tramos":
        if not rule.bands:
            raise ValidationError({"bands": _("Una escala por tramos necesita al menos un tramo.")})
        FeeBand.objects.bulk_create(FeeBand(scale=scale, up_to_population=u, fee_clp=f) for u, f in rule.bands)
    TypologyFactor.objects.bulk_create(
        TypologyFactor(scale=scale, typology=t, factor=f) for t, f in rule.factors.items() if f != Decimal("1")
    )
    return scale


def _freeze_populations(scale: FeeScale) -> None:
    from hub.territory.models import Comuna

    rule = ScaleRule.from_scale(scale)
    rows = [
        FrozenPopulation(
            scale=scale, comuna_id=cut, population=population, typology=typology or "",
            fee_clp=compute_fee(rule, population, typology or ""),
        )
        for cut, population, typology in Comuna.objects.filter(population_2024__isnull=False).values_list(
            "cut", "population_2024", "typology"
        )
    ]
    FrozenPopulation.objects.bulk_create(rows, batch_size=500)


def fee_scale_approve(
    *, acting_user, scale: FeeScale, decision_body: str, decision_reference: str, decision_date: datetime.date
) -> FeeScale:
    """Approve a proposed scale by a recorded decision; freezes every comuna's population, typology and fee."""
    require_finance_staff(acting_user)
    errors = {}
    if not (decision_body or "").strip():
        errors["decision_body"] = _("Indique el órgano que aprobó la escala (p. ej. Asamblea General).")
    if not (decision_reference or "").strip():
        errors["decision_reference"] = _("Indique la referencia del acuerdo (p. ej. Acta N° 12).")
    if decision_date is None:
        errors["decision_date"] = _("Indique la fecha del acuerdo.")
    if errors:
        raise ValidationError(errors)

    def guard(locked):
        if FeeScale.objects.filter(year=locked.year, status=ScaleStatus.APROBADA).exclude(pk=locked.pk).exists():
            raise ValidationError(_("Ya hay una escala aprobada para %(y)s: las cuotas de un año no cambian.")
                                  % {"y": locked.year})

    scale.decision_body = decision_body.strip()[:150]
    scale.decision_reference = decision_reference.strip()[:200]
    scale.decision_date = decision_date
    scale.approved_by = acting_user
    with transaction.atomic():
        try:
            locked = transition(
                scale, to=ScaleStatus.APROBADA, allowed=SCALE_TRANSITIONS, acting_user=acting_user, guard=guard,
                reason=scale.decision_reference,
                extra_update_fields=("decision_body", "decision_reference", "decision_date", "approved_by"),
            )
        except IntegrityError as exc:
            raise ValidationError(_("Ya hay una escala aprobada para ese año.")) from exc
        _freeze_populations(locked)
    return locked


def fee_for(comuna, year: int) -> tuple[int, FrozenPopulation] | None:
    """The fee of a comuna for a year from that year's approved scale, as frozen at approval (reproducible)."""
    frozen = (
        FrozenPopulation.objects.select_related("scale")
        .filter(scale__year=year, scale__status=ScaleStatus.APROBADA, comuna=comuna)
        .first()
    )
    return (frozen.fee_clp, frozen) if frozen else None


# Membership ------------------------------------------------------------------------------------------------------


def _published(agreement) -> bool:
    return agreement is not None and agreement.is_published


@transaction.atomic
def membership_create(*, acting_user, comuna, joined_on: datetime.date, agreement=None, is_demo=False) -> Membership:
    require_finance_staff(acting_user)
    if Membership.objects.filter(comuna=comuna).exists():
        raise ValidationError(_("%(c)s ya tiene una membresía registrada.") % {"c": comuna})
    if agreement is not None and not _published(agreement):
        raise ValidationError({"agreement": _("El convenio de incorporación debe estar firmado (publicado).")})
    membership = Membership(comuna=comuna, joined_on=joined_on, agreement=agreement, created_by=acting_user,
                            is_demo=is_demo)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_period_create(
    *, acting_user, membership: Membership, year: int, fee_clp: int | None = None,
    due_on: datetime.date | None = None, document_type: str = "", document_number: str = "",
) -> MembershipPeriod:
    """Issue the fee period of a calendar year; the fee comes from that year's approved scale unless given."""
    require_finance_staff(acting_user)
    starts_on, ends_on = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    scale = None
    if fee_clp is None:
        found = fee_for(membership.comuna, year)
        if found is None:
            raise ValidationError(
                _("No hay una escala aprobada para %(y)s: apruebe la escala o indique la cuota.") % {"y": year}
            )
        fee_clp, frozen = found
        scale = frozen.scale
    if MembershipPeriod.objects.filter(membership=membership, starts_on=starts_on).exists():
        raise ValidationError(_("El período %(y)s ya fue emitido para %(c)s.") % {"y": year, "c": membership.comuna})
    period = MembershipPeriod(
        membership=membership, starts_on=starts_on, ends_on=ends_on, due_on=due_on or default_due(starts_on),
        fee_clp=fee_clp, scale=scale, document_type=document_type, document_number=document_number,
    )
    period.full_clean()
    period.save()
    _notify_officials(
        membership.comuna, kind="membership_fee_issued",
        title=_("Cuota AMUCH %(y)s emitida") % {"y": year},
        body=_("La cuota %(y)s de %(c)s vence el %(d)s.") % {
            "y": year, "c": membership.comuna, "d": period.due_on.strftime("%d-%m-%Y")},
        url=membership.get_absolute_url(),
    )
    return period


def _notify_officials(comuna, *, kind, title, body, url) -> None:
    from hub.accounts.models import Role, User
    from hub.notifications.services import notify

    recipients = User.objects.filter(role=Role.OFFICIAL, comunas=comuna, is_active=True)
    notify(recipients=recipients, kind=kind, title=str(title), body=str(body), url=url)


def membership_payment_register(
    *, acting_user, period: MembershipPeriod, paid_on: datetime.date, amount_clp: int, reference: str = "",
    is_demo: bool = False,
) -> MembershipPayment:
    """Record a fee payment and its revenue record (line 1) from the membership's published agreement."""
    require_finance_staff(acting_user)
    with transaction.atomic():
        # Lock only the period row: PostgreSQL refuses FOR UPDATE on the nullable side of the agreement join.
        locked = MembershipPeriod.objects.select_for_update(of=("self",)).select_related(
            "membership__comuna", "membership__agreement").get(pk=period.pk)
        membership = locked.membership
        if not _published(membership.agreement):
            raise RevenueRefused(
                _("Registre primero el convenio de incorporación publicado de %(c)s: todo ingreso proviene de "
                  "un convenio público.") % {"c": membership.comuna}
            )
        if not isinstance(amount_clp, int) or amount_clp <= 0:
            raise ValidationError({"amount_clp": _("El monto debe ser un número entero positivo de pesos.")})
        already = sum(p.amount_clp for p in locked.payments.all())
        if already + amount_clp > locked.fee_clp:
            raise ValidationError({"amount_clp": _(
                "El pago supera el saldo de la cuota: quedan $%(s)s por pagar.") % {
                "s": f"{locked.fee_clp - already:,}".replace(",", ".")}})
        payment = MembershipPayment(period=locked, paid_on=paid_on, amount_clp=amount_clp,
                                    reference=reference[:200], created_by=acting_user)
        payment.full_clean()
        payment.save()
        revenue_register(
            acting_user=acting_user, source=payment, line=RevenueLine.MEMBRESIAS, amount_clp=amount_clp, on=paid_on,
            client_comuna=membership.comuna, agreement=membership.agreement, recurrent=True,
            description=_("Cuota %(y)s") % {"y": locked.starts_on.year},
            document_type=locked.document_type, document_number=locked.document_number, is_demo=is_demo,
        )
    return payment


@transaction.atomic
def membership_notice(*, acting_user, membership: Membership, notice_on: datetime.date, reference: str) -> Membership:
    require_finance_staff(acting_user)
    if membership.notice_on:
        raise ValidationError(_("Ya hay un aviso de retiro registrado el %(d)s.") % {
            "d": membership.notice_on.strftime("%d-%m-%Y")})
    if not (reference or "").strip():
        raise ValidationError({"notice_reference": _("Indique la referencia del aviso (oficio, acuerdo de concejo).")})
    membership.notice_on = notice_on
    membership.notice_reference = reference.strip()[:200]
    membership.save(update_fields=["notice_on", "notice_reference"])
    return membership


@transaction.atomic
def membership_suspend(*, acting_user, membership: Membership, on: datetime.date, reference: str) -> Membership:
    """Record the assembly's suspension decision; only a comuna in arrears (morosa) on that date can be suspended."""
    require_finance_staff(acting_user)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not (reference or "").strip():
        raise ValidationError({"suspension_reference": _("Indique el acuerdo de la asamblea que suspende.")})
    status = membership_status(membership, on)
    if status.state != MembershipState.MOROSA:
        raise ValidationError(_("Solo se suspende una comuna morosa; el %(d)s estaba «%(s)s».") % {
            "d": on.strftime("%d-%m-%Y"), "s": status.label})
    membership.suspended_on = on
    membership.suspension_reference = reference.strip()[:200]
    membership.reinstated_on = None
    membership.save(update_fields=["suspended_on", "suspension_reference", "reinstated_on"])
    return membership


@transaction.atomic
def membership_reinstate(*, acting_user, membership: Membership, on: datetime.date) -> Membership:
    require_finance_staff(acting_user)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.suspended_on or (membership.reinstated_on and membership.reinstated_on <= on):
        raise ValidationError(_("La comuna no está suspendida."))
    underlying = _payment_status(membership, on)
    if underlying.state == MembershipState.MOROSA:
        raise ValidationError(_("No se puede rehabilitar con cuotas impagas: %(r)s") % {"r": underlying.reason})
    membership.reinstated_on = on
    membership.save(update_fields=["reinstated_on"])
    return membership


# Revenue ---------------------------------------------------------------------------------------------------------


def latest_review(agreement, principle: str) -> AgreementReview | None:
    return AgreementReview.objects.filter(agreement=agreement, principle=principle).order_by(
        "-reviewed_on", "-pk").first()


def _to_clp(original: Decimal, rate: Decimal) -> int:
    return int((Decimal(original) * Decimal(rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check_rules(*, line, agreement, client_organization) -> None:
    if line not in RevenueLine.values:
        raise RevenueRefused({"line": _("Elija una de las nueve líneas de ingreso.")})
    if agreement is None:
        raise RevenueRefused({"agreement": _(
            "Todo ingreso proviene de un convenio publicado (principio de transparencia): indique el convenio.")})
    if not _published(agreement):
        raise RevenueRefused({"agreement": _(
            "El convenio «%(t)s» aún no está firmado: un ingreso solo puede venir de un convenio publicado.")
            % {"t": agreement}})
    if line in REVIEW_LINES:
        review = latest_review(agreement, ReviewPrinciple.COHERENCIA)
        if review is None or review.decision == ReviewDecision.RECHAZADO:
            raise RevenueRefused({"agreement": _(
                "La línea «%(l)s» exige una revisión de coherencia con la misión aprobada del convenio «%(t)s»: "
                "regístrela antes del ingreso.") % {"l": RevenueLine(line).label, "t": agreement}})
    from hub.partners.models import ActorType

    if line in SERVICE_LINES and client_organization is not None and (
        client_organization.actor_type == ActorType.ESTADO_CENTRAL
    ):
        review = latest_review(agreement, ReviewPrinciple.SUBSIDIARIEDAD)
        if review is None or review.decision == ReviewDecision.RECHAZADO:
            raise RevenueRefused({"agreement": _(
                "Un servicio pagado por el Estado central exige una justificación de subsidiariedad aprobada del "
                "convenio «%(t)s» (por qué el Hub y no otro organismo público).") % {"t": agreement}})


def revenue_register(
    *, acting_user, line: int, amount_clp: int | None, on: datetime.date, agreement,
    client_comuna=None, client_organization=None, recurrent: bool = False, restricted: bool = False,
    restriction_purpose: str = "", currency: str = Currency.CLP, original_amount: Decimal | None = None,
    exchange_rate: Decimal | None = None, rate_date: datetime.date | None = None, rate_source: str = "",
    document_type: str = "", document_number: str = "", description: str = "", source=None, is_demo: bool = False,
) -> RevenueRecord:
    """Record one income. With a ``source`` (the enrolment, payment, licence... that produced it) the call is
    idempotent: the same source never gives two records. Without a source only Hub staff may record income."""
    if source is None:
        require_finance_staff(acting_user)
    elif not getattr(acting_user, "is_authenticated", False):
        raise PermissionDenied(_("Ingrese para registrar un ingreso."))
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = str(source.pk) if source is not None else ""
    if source is not None:
        existing = RevenueRecord.objects.filter(source_type=source_type, source_id=source_id).first()
        if existing is not None:
            return existing
    _check_rules(line=line, agreement=agreement, client_organization=client_organization)
    if (client_comuna is None) == (client_organization is None):
        raise RevenueRefused({"client_comuna": _("Indique quién paga: una comuna o una organización (solo una).")})
    if currency == Currency.CLP:
        if original_amount is not None and amount_clp is None:
            amount_clp = int(original_amount)
        if not isinstance(amount_clp, int) or isinstance(amount_clp, bool) or amount_clp <= 0:
            raise RevenueRefused({"amount_clp": _("El monto debe ser un número entero positivo de pesos.")})
        original_amount, exchange_rate, rate_date = Decimal(amount_clp), Decimal(1), None
    else:
        if original_amount is None or exchange_rate is None or rate_date is None:
            raise RevenueRefused({"exchange_rate": _(
                "Un ingreso en %(c)s necesita el monto original, la tasa de cambio y su fecha.") % {"c": currency}})
        if Decimal(original_amount) <= 0 or Decimal(exchange_rate) <= 0:
            raise RevenueRefused({"original_amount": _("El monto original y la tasa deben ser positivos.")})
        amount_clp = _to_clp(original_amount, exchange_rate)
    record = RevenueRecord(
        line=line, client_comuna=client_comuna, client_organization=client_organization, agreement=agreement,
        amount_clp=amount_clp, currency=currency, original_amount=Decimal(original_amount),
        exchange_rate=Decimal(exchange_rate), rate_date=rate_date, rate_source=rate_source[:100], on=on,
        recurrent=recurrent, restricted=restricted, restriction_purpose=restriction_purpose[:300],
        document_type=document_type, document_number=document_number[:30], description=str(description)[:300],
        source_type=source_type, source_id=source_id,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None, is_demo=is_demo,
    )
    record.full_clean(validate_constraints=False)
    if restricted and not restriction_purpose.strip():
        raise RevenueRefused({"restriction_purpose": _("Indique el destino de los fondos restringidos.")})
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Two calls for the same source at once: the other one won; return its record.
        existing = RevenueRecord.objects.filter(source_type=source_type, source_id=source_id).first()
        if source is None or existing is None:
            raise
        return existing
    return record


def revenue_void(*, acting_user, record: RevenueRecord, reason: str) -> RevenueRecord:
    require_finance_staff(acting_user)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Indique por qué se anula el ingreso (p. ej. nota de crédito N°).")})
    return transition(record, to=RevenueStatus.ANULADO, allowed=REVENUE_TRANSITIONS, acting_user=acting_user,
                      reason=reason.strip())


@transaction.atomic
def agreement_review_create(
    *, acting_user, agreement, principle: str, decision: str, criteria: str, rationale: str,
    reviewed_on: datetime.date | None = None, is_demo: bool = False,
) -> AgreementReview:
    require_finance_staff(acting_user)
    if not _published(agreement):
        raise ValidationError({"agreement": _("Solo se revisan convenios firmados (publicados).")})
    review = AgreementReview(
        agreement=agreement, principle=principle, decision=decision, criteria=(criteria or "").strip()[:500],
        rationale=(rationale or "").strip(), reviewer=acting_user, reviewed_on=reviewed_on or timezone.localdate(),
        is_demo=is_demo,
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def year_target_set(*, acting_user, year: int, recurrent_share_pct: int, reference: str = "",
                    is_demo: bool = False) -> YearTarget:
    require_finance_staff(acting_user)
    target = YearTarget.objects.filter(year=year).first() or YearTarget(year=year)
    target.recurrent_share_pct = recurrent_share_pct
    target.reference = (reference or "")[:200]
    target.set_by = acting_user
    target.is_demo = is_demo
    target.full_clean()
    target.save()
    return target


# SaaS licences ---------------------------------------------------------------------------------------------------


def saas_licence_create(
    *, acting_user, comuna, tool: str, starts_on: datetime.date, ends_on: datetime.date, price_clp: int, agreement,
    renews: SaasLicence | None = None, is_demo: bool = False,
) -> SaasLicence:
    """A licence and its revenue record (line 5, recurrent) in one transaction: no double entry."""
    require_finance_staff(acting_user)
    with transaction.atomic():
        licence = SaasLicence(comuna=comuna, tool=tool, starts_on=starts_on, ends_on=ends_on, price_clp=price_clp,
                              agreement=agreement, renews=renews, created_by=acting_user, is_demo=is_demo)
        licence.full_clean(validate_unique=False)
        _check_rules(line=RevenueLine.SAAS, agreement=agreement, client_organization=None)
        try:
            with transaction.atomic():
                licence.save()
        except IntegrityError as exc:
            raise ValidationError(_("Esa licencia ya fue renovada.")) from exc
        revenue_register(
            acting_user=acting_user, source=licence, line=RevenueLine.SAAS, amount_clp=price_clp, on=starts_on,
            client_comuna=comuna, agreement=agreement, recurrent=True,
            description=_("Licencia %(t)s %(a)s–%(b)s") % {
                "t": licence.get_tool_display(), "a": starts_on.strftime("%d-%m-%Y"),
                "b": ends_on.strftime("%d-%m-%Y")},
            is_demo=is_demo,
        )
    return licence


def saas_licence_renew(*, acting_user, licence: SaasLicence, price_clp: int | None = None) -> SaasLicence:
    require_finance_staff(acting_user)
    if SaasLicence.objects.filter(renews=licence).exists():
        raise ValidationError(_("Esa licencia ya fue renovada."))
    length = licence.ends_on - licence.starts_on
    starts_on = licence.ends_on + datetime.timedelta(days=1)
    return saas_licence_create(
        acting_user=acting_user, comuna=licence.comuna, tool=licence.tool, starts_on=starts_on,
        ends_on=starts_on + length, price_clp=price_clp or licence.price_clp, agreement=licence.agreement,
        renews=licence, is_demo=licence.is_demo,
    )
