"""Writes of the partners app: keyword-only, transactional, validated with full_clean before saving.

Every service takes ``acting_user`` and checks it with ``access`` first, so the API, a view, a command or
another module cannot skip the rule. Every refusal raises ValidationError (or PermissionDenied) with a
Spanish message that says what to fix, and changes nothing. Status changes go through
``hub.core.transitions.transition`` (row lock, Spanish refusal, StateChange log).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.transitions import TransitionRefused, transition
from hub.core.uploads import validate_pdf

from .access import require_manage_partners, require_sign_agreement
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


def _apply(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)


# Organizations -------------------------------------------------------------------------------------------------


@transaction.atomic
def organization_create(*, acting_user, **fields) -> Organization:
    require_manage_partners(acting_user)
    organization = Organization()
    _apply(organization, fields)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, acting_user, organization: Organization, **fields) -> Organization:
    require_manage_partners(acting_user)
    _apply(organization, fields)
    organization.full_clean()
    organization.save()
    return organization


# Agreements ----------------------------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(*, acting_user, projects=(), solutions=(), **fields) -> Agreement:
    require_manage_partners(acting_user)
    fields.pop("status", None)  # a new agreement is always a draft; status changes go through transitions
    agreement = Agreement(created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None)
    _apply(agreement, fields)
    agreement.full_clean()
    agreement.save()
    agreement.projects.set(projects)
    agreement.solutions.set(solutions)
    return agreement


@transaction.atomic
def agreement_update(*, acting_user, agreement: Agreement, projects=None, solutions=None, **fields) -> Agreement:
    require_manage_partners(acting_user)
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
def agreement_party_add(
    *, acting_user, agreement: Agreement, organization: Organization, role: str
) -> AgreementParty:
    require_manage_partners(acting_user)
    _require_draft(agreement)
    if agreement.parties.filter(organization=organization).exists():
        raise ValidationError({"organization": _("%(org)s ya es parte de este convenio.") % {"org": organization}})
    party = AgreementParty(agreement=agreement, organization=organization, role=role)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def agreement_party_remove(*, acting_user, party: AgreementParty) -> None:
    require_manage_partners(acting_user)
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
    *, acting_user, agreement: Agreement, payer: Organization, payee: Organization, amount_clp: int, concept: str
) -> AgreementTransfer:
    require_manage_partners(acting_user)
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
def agreement_transfer_remove(*, acting_user, transfer: AgreementTransfer) -> None:
    require_manage_partners(acting_user)
    if transfer.agreement.status != AgreementStatus.BORRADOR:
        raise ValidationError(_("Los montos de un convenio firmado no se borran: son parte del registro público."))
    transfer.delete()


def _agreement_transition(agreement: Agreement, *, acting_user, to: str, guard=None, extra=(), reason="") -> Agreement:
    transition(
        agreement,
        to=to,
        allowed=AGREEMENT_TRANSITIONS,
        acting_user=acting_user,
        guard=guard,
        extra_update_fields=(*extra, "updated_at"),
        reason=reason,
    )
    return agreement


@transaction.atomic
def agreement_sign(
    *, acting_user, agreement: Agreement, document=None, signed_on: datetime.date | None = None
) -> Agreement:
    """Borrador → firmado: needs the signed PDF (uploaded now or before) and at least two parties."""
    require_sign_agreement(acting_user, agreement)

    def guard(locked: Agreement) -> None:
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
        locked.signed_on = signed_on or timezone.localdate()
        locked.full_clean(exclude=["signed_document"])
        if document is not None:
            locked.signed_document.save("convenio-firmado.pdf", document, save=False)

    return _agreement_transition(
        agreement, acting_user=acting_user, to=AgreementStatus.FIRMADO, guard=guard,
        extra=("signed_on", "signed_document"),
    )


@transaction.atomic
def agreement_activate(*, acting_user, agreement: Agreement) -> Agreement:
    require_manage_partners(acting_user)
    return _agreement_transition(agreement, acting_user=acting_user, to=AgreementStatus.VIGENTE)


@transaction.atomic
def agreement_finish(*, acting_user, agreement: Agreement) -> Agreement:
    require_manage_partners(acting_user)
    return _agreement_transition(agreement, acting_user=acting_user, to=AgreementStatus.FINALIZADO)


@transaction.atomic
def agreement_terminate(*, acting_user, agreement: Agreement, reason: str = "") -> Agreement:
    require_manage_partners(acting_user)

    def guard(locked: Agreement) -> None:
        if not reason.strip():
            raise TransitionRefused(
                _("Explique el motivo del término anticipado: quedará publicado junto al convenio.")
            )
        locked.termination_reason = reason.strip()

    return _agreement_transition(
        agreement, acting_user=acting_user, to=AgreementStatus.TERMINADO, guard=guard,
        extra=("termination_reason",), reason=reason.strip(),
    )


# Working groups ------------------------------------------------------------------------------------------------


@transaction.atomic
def working_group_create(*, acting_user, organizations=(), **fields) -> WorkingGroup:
    require_manage_partners(acting_user)
    group = WorkingGroup()
    _apply(group, fields)
    group.full_clean()
    group.save()
    group.organizations.set(organizations)
    return group


@transaction.atomic
def working_group_update(*, acting_user, group: WorkingGroup, organizations=None, **fields) -> WorkingGroup:
    require_manage_partners(acting_user)
    _apply(group, fields)
    group.full_clean()
    group.save()
    if organizations is not None:
        group.organizations.set(organizations)
    return group


@transaction.atomic
def working_group_member_add(
    *, acting_user, group: WorkingGroup, user=None, external_name: str = "", organization=None, role: str = ""
) -> WorkingGroupMember:
    require_manage_partners(acting_user)
    if user is not None and group.members.filter(user=user).exists():
        raise ValidationError({"user": _("Esta persona ya integra la mesa.")})
    member = WorkingGroupMember(
        group=group, user=user, external_name=external_name.strip(), organization=organization, role=role
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def working_group_session_create(*, acting_user, group: WorkingGroup, **fields) -> WorkingGroupSession:
    require_manage_partners(acting_user)
    session = WorkingGroupSession(group=group)
    _apply(session, fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def working_group_session_update(*, acting_user, session: WorkingGroupSession, **fields) -> WorkingGroupSession:
    require_manage_partners(acting_user)
    _apply(session, fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def agreed_action_create(*, acting_user, session: WorkingGroupSession, **fields) -> AgreedAction:
    require_manage_partners(acting_user)
    action = AgreedAction(session=session)
    _apply(action, fields)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def agreed_action_update(*, acting_user, action: AgreedAction, **fields) -> AgreedAction:
    require_manage_partners(acting_user)
    _apply(action, fields)
    action.full_clean()
    action.save()
    return action


# Projects ------------------------------------------------------------------------------------------------------


@transaction.atomic
def project_create(*, acting_user, organizations=(), comunas=(), **fields) -> Project:
    require_manage_partners(acting_user)
    project = Project()
    _apply(project, fields)
    project.full_clean()
    project.save()
    project.organizations.set(organizations)
    project.comunas.set(comunas)
    return project


@transaction.atomic
def project_update(*, acting_user, project: Project, organizations=None, comunas=None, **fields) -> Project:
    require_manage_partners(acting_user)
    _apply(project, fields)
    project.full_clean()
    project.save()
    if organizations is not None:
        project.organizations.set(organizations)
    if comunas is not None:
        project.comunas.set(comunas)
    return project
