"""Writes of the partners app: keyword-only, transactional, validated with full_clean before saving.

Every refusal raises ValidationError with a Spanish message that says what to fix, and changes nothing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    AGREEMENT_TRANSITIONS,
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementTransfer,
    Organization,
    Project,
    WorkingGroup,
    WorkingGroupMember,
    WorkingGroupSession,
)
from .validators import validate_pdf


def _apply(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)


# Organizations -------------------------------------------------------------------------------------------------


@transaction.atomic
def organization_create(**fields) -> Organization:
    organization = Organization()
    _apply(organization, fields)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, **fields) -> Organization:
    _apply(organization, fields)
    organization.full_clean()
    organization.save()
    return organization


# Agreements ----------------------------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(*, user=None, projects=(), solutions=(), **fields) -> Agreement:
    fields.pop("status", None)  # a new agreement is always a draft; status changes go through transitions
    agreement = Agreement(created_by=user if getattr(user, "is_authenticated", False) else None)
    _apply(agreement, fields)
    agreement.full_clean()
    agreement.save()
    agreement.projects.set(projects)
    agreement.solutions.set(solutions)
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, projects=None, solutions=None, **fields) -> Agreement:
    fields.pop("status", None)
    fields.pop("signed_document", None)  # the signed PDF only arrives through agreement_sign
    _apply(agreement, fields)
    agreement.full_clean(exclude=["signed_document"])
    agreement.save()
    if projects is not None:
        agreement.projects.set(projects)
    if solutions is not None:
        agreement.solutions.set(solutions)
    return agreement


def _require_draft(agreement: Agreement) -> None:
    if agreement.status != AgreementStatus.BORRADOR:
        raise ValidationError(
            _("Las partes y montos de un convenio firmado no se modifican: registre un nuevo convenio o una adenda.")
        )


@transaction.atomic
def agreement_party_add(*, agreement: Agreement, organization: Organization, role: str) -> AgreementParty:
    _require_draft(agreement)
    if agreement.parties.filter(organization=organization).exists():
        raise ValidationError({"organization": _("%(org)s ya es parte de este convenio.") % {"org": organization}})
    party = AgreementParty(agreement=agreement, organization=organization, role=role)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def agreement_party_remove(*, party: AgreementParty) -> None:
    agreement = party.agreement
    if agreement.status != AgreementStatus.BORRADOR:
        raise ValidationError(_("Solo se pueden quitar partes de un convenio en borrador; este ya fue firmado."))
    involved = agreement.transfers.filter(payer=party.organization) | agreement.transfers.filter(
        payee=party.organization
    )
    if involved.exists():
        raise ValidationError(
            _("%(org)s paga o recibe montos en este convenio: quite primero esas transferencias.")
            % {"org": party.organization}
        )
    party.delete()


@transaction.atomic
def agreement_transfer_add(
    *, agreement: Agreement, payer: Organization, payee: Organization, amount_clp: int, concept: str
) -> AgreementTransfer:
    _require_draft(agreement)
    party_ids = set(agreement.parties.values_list("organization_id", flat=True))
    errors = {}
    if payer and payer.pk not in party_ids:
        errors["payer"] = _("%(org)s no es parte del convenio: agréguela primero como parte.") % {"org": payer}
    if payee and payee.pk not in party_ids:
        errors["payee"] = _("%(org)s no es parte del convenio: agréguela primero como parte.") % {"org": payee}
    if errors:
        raise ValidationError(errors)
    transfer = AgreementTransfer(agreement=agreement, payer=payer, payee=payee, amount_clp=amount_clp, concept=concept)
    transfer.full_clean()
    transfer.save()
    return transfer


@transaction.atomic
def agreement_transfer_remove(*, transfer: AgreementTransfer) -> None:
    if transfer.agreement.status != AgreementStatus.BORRADOR:
        raise ValidationError(_("Los montos de un convenio firmado no se borran: son parte del registro público."))
    transfer.delete()


class TransitionRefused(ValidationError):
    """A status change the map does not allow, or whose preconditions are not met."""


def _check_transition(agreement: Agreement, target: str) -> None:
    current = AgreementStatus(agreement.status)
    allowed = AGREEMENT_TRANSITIONS[current]
    if target not in allowed:
        if allowed:
            options = ", ".join(f"«{AgreementStatus(s).label}»" for s in sorted(allowed))
            hint = _("Desde «%(current)s» solo puede pasar a %(options)s.") % {
                "current": current.label,
                "options": options,
            }
        else:
            hint = _("«%(current)s» es un estado final: el convenio ya no cambia de estado.") % {
                "current": current.label
            }
        raise TransitionRefused(
            _("No se puede pasar el convenio de «%(current)s» a «%(target)s». %(hint)s")
            % {"current": current.label, "target": AgreementStatus(target).label, "hint": hint}
        )


def _locked(agreement: Agreement) -> Agreement:
    """Re-read the row under a lock so two clicks cannot both change the status."""
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, user=None, document=None, signed_on: datetime.date | None = None
) -> Agreement:
    locked = _locked(agreement)
    _check_transition(locked, AgreementStatus.FIRMADO)
    errors = []
    if document is not None:
        try:
            validate_pdf(document)
        except ValidationError as exc:
            raise TransitionRefused(exc.messages) from exc
    elif not locked.signed_document:
        errors.append(_("Para marcarlo como firmado, suba el convenio firmado en PDF."))
    if locked.parties.count() < 2:
        errors.append(_("Un convenio necesita al menos dos partes: agregue las organizaciones que lo firman."))
    if errors:
        raise TransitionRefused(errors)
    locked.status = AgreementStatus.FIRMADO
    locked.signed_on = signed_on or timezone.localdate()
    locked.full_clean(exclude=["signed_document"])
    if document is not None:
        locked.signed_document.save("convenio-firmado.pdf", document, save=False)
    locked.save(update_fields=["status", "signed_on", "signed_document", "updated_at"])
    _refresh(agreement, locked)
    return agreement


@transaction.atomic
def agreement_activate(*, agreement: Agreement, user=None) -> Agreement:
    return _simple_transition(agreement, AgreementStatus.VIGENTE)


@transaction.atomic
def agreement_finish(*, agreement: Agreement, user=None) -> Agreement:
    return _simple_transition(agreement, AgreementStatus.FINALIZADO)


@transaction.atomic
def agreement_terminate(*, agreement: Agreement, user=None, reason: str = "") -> Agreement:
    locked = _locked(agreement)
    _check_transition(locked, AgreementStatus.TERMINADO)
    if not reason.strip():
        raise TransitionRefused(_("Explique el motivo del término anticipado: quedará publicado junto al convenio."))
    locked.status = AgreementStatus.TERMINADO
    locked.termination_reason = reason.strip()
    locked.save(update_fields=["status", "termination_reason", "updated_at"])
    _refresh(agreement, locked)
    return agreement


def _simple_transition(agreement: Agreement, target: str) -> Agreement:
    locked = _locked(agreement)
    _check_transition(locked, target)
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    _refresh(agreement, locked)
    return agreement


def _refresh(agreement: Agreement, locked: Agreement) -> None:
    for name in ("status", "signed_on", "signed_document", "termination_reason", "updated_at"):
        setattr(agreement, name, getattr(locked, name))


# Working groups ------------------------------------------------------------------------------------------------


@transaction.atomic
def working_group_create(*, organizations=(), **fields) -> WorkingGroup:
    group = WorkingGroup()
    _apply(group, fields)
    group.full_clean()
    group.save()
    group.organizations.set(organizations)
    return group


@transaction.atomic
def working_group_update(*, group: WorkingGroup, organizations=None, **fields) -> WorkingGroup:
    _apply(group, fields)
    group.full_clean()
    group.save()
    if organizations is not None:
        group.organizations.set(organizations)
    return group


@transaction.atomic
def working_group_member_add(
    *, group: WorkingGroup, user=None, external_name: str = "", organization=None, role: str = ""
) -> WorkingGroupMember:
    if user is not None and group.members.filter(user=user).exists():
        raise ValidationError({"user": _("Esta persona ya integra la mesa.")})
    member = WorkingGroupMember(
        group=group, user=user, external_name=external_name.strip(), organization=organization, role=role
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def working_group_session_create(*, group: WorkingGroup, **fields) -> WorkingGroupSession:
    session = WorkingGroupSession(group=group)
    _apply(session, fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def working_group_session_update(*, session: WorkingGroupSession, **fields) -> WorkingGroupSession:
    _apply(session, fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def agreed_action_create(*, session: WorkingGroupSession, **fields) -> AgreedAction:
    action = AgreedAction(session=session)
    _apply(action, fields)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def agreed_action_update(*, action: AgreedAction, **fields) -> AgreedAction:
    _apply(action, fields)
    action.full_clean()
    action.save()
    return action


# Projects ------------------------------------------------------------------------------------------------------


@transaction.atomic
def project_create(*, organizations=(), comunas=(), **fields) -> Project:
    project = Project()
    _apply(project, fields)
    project.full_clean()
    project.save()
    project.organizations.set(organizations)
    project.comunas.set(comunas)
    return project


@transaction.atomic
def project_update(*, project: Project, organizations=None, comunas=None, **fields) -> Project:
    _apply(project, fields)
    project.full_clean()
    project.save()
    if organizations is not None:
        project.organizations.set(organizations)
    if comunas is not None:
        project.comunas.set(comunas)
    return project
