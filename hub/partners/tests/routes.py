"""Who may use each URL of the articulación app.

Signed agreements are public; a draft is seen by Hub staff and by partners whose organisation is a
party (anyone else gets a 404, so a draft does not reveal that it exists). Working groups are seen by
staff, their members and partners of member organisations. Every write is Hub staff only.
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from testkit.routes import AUTHENTICATED, PERSONAS, PUBLIC, STAFF_ONLY, Route

_seq = itertools.count(1)
DENY_ALL = {p: "deny" for p in PERSONAS}
# A draft whose party is the partner's organisation: staff and that partner see it.
PARTNER_DRAFT = {**DENY_ALL, "staff": "allow", "partner": "allow"}
# A working group with the partner's organisation as member: staff and that partner; others must log in or get 404.
PARTNER_GROUP = {"anonymous": "login", "staff": "allow", "official_a": "deny", "official_b": "deny", "partner": "allow"}
SAMPLE_DOCUMENT = "partners/convenios/ejemplo-matriz-de-acceso.pdf"
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _organization(personas=None, **extra):
    from hub.partners.models import ActorType, Organization

    n = next(_seq)
    return Organization.objects.create(
        name=f"Organización de prueba {n}", actor_type=ActorType.PRIVADO_COOPERACION, country="DE", **extra
    )


def _agreement(personas, *, status="borrador", with_partner=False, document=False):
    from hub.partners.models import Agreement, AgreementParty

    agreement = Agreement.objects.create(
        title=f"Convenio de prueba {next(_seq)}",
        purpose="Objeto de prueba",
        status=status,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    first = personas["partner"].organization if with_partner else _organization()
    AgreementParty.objects.create(agreement=agreement, organization=first, role="contraparte")
    AgreementParty.objects.create(agreement=agreement, organization=_organization(), role="financista")
    if document:
        # One shared file, written once: the central matrix test does not redirect MEDIA_ROOT.
        if not default_storage.exists(SAMPLE_DOCUMENT):
            default_storage.save(SAMPLE_DOCUMENT, ContentFile(MINIMAL_PDF))
        agreement.signed_document.name = SAMPLE_DOCUMENT
        agreement.save(update_fields=["signed_document"])
    return agreement


def published_agreement(personas):
    return {"pk": _agreement(personas, status="vigente").pk}


def published_agreement_with_document(personas):
    return {"pk": _agreement(personas, status="vigente", document=True).pk}


def partner_draft(personas):
    return {"pk": _agreement(personas, with_partner=True).pk}


def partner_draft_with_document(personas):
    return {"pk": _agreement(personas, with_partner=True, document=True).pk}


def other_draft(personas):
    return {"pk": _agreement(personas).pk}


def api_published_agreement(personas):
    return {"agreement_id": _agreement(personas, status="firmado").pk}


def api_draft(personas):
    return {"agreement_id": _agreement(personas, with_partner=True).pk}


def organization(personas):
    return {"pk": _organization().pk}


def api_organization(personas):
    return {"organization_id": _organization().pk}


def draft_party(personas):
    agreement = _agreement(personas)
    return {"pk": agreement.pk, "party_pk": agreement.parties.last().pk}


def draft_transfer(personas):
    from hub.partners.models import AgreementTransfer

    agreement = _agreement(personas)
    payer, payee = [p.organization for p in agreement.parties.all()]
    transfer = AgreementTransfer.objects.create(
        agreement=agreement, payer=payer, payee=payee, amount_clp=1000, concept="Prueba"
    )
    return {"pk": agreement.pk, "transfer_pk": transfer.pk}


def _group(personas):
    from hub.partners.models import WorkingGroup, WorkingGroupMember

    group = WorkingGroup.objects.create(name=f"Mesa de prueba {next(_seq)}")
    group.organizations.add(personas["partner"].organization)
    WorkingGroupMember.objects.create(group=group, external_name="Persona Externa", role="Secretaría")
    return group


def group(personas):
    return {"pk": _group(personas).pk}


def _session(personas):
    from hub.partners.models import WorkingGroupSession

    return WorkingGroupSession.objects.create(group=_group(personas), date=datetime.date(2026, 3, 2))


def session(personas):
    return {"pk": _session(personas).pk}


def action(personas):
    from hub.partners.models import AgreedAction

    s = _session(personas)
    owner = s.group.members.first()
    return {
        "pk": AgreedAction.objects.create(
            session=s, description="Enviar informe", owner=owner, due_date=datetime.date(2026, 4, 1)
        ).pk
    }


def project(personas):
    from hub.partners.models import Project

    return {"pk": Project.objects.create(name=f"Proyecto de prueba {next(_seq)}").pk}


def party_data(personas):
    return {"organization": _organization().pk, "role": "ejecutor"}


MATRIX = [
    # Organisations: a public directory; staff write.
    Route("partners:organization_list"),
    Route("partners:organization_detail", kwargs=organization),
    Route("partners:organization_create", access=STAFF_ONLY),
    Route("partners:organization_edit", access=STAFF_ONLY, kwargs=organization),
    # Agreements: the transparency page, CSV and signed agreements are public.
    Route("partners:agreement_list"),
    Route("partners:agreement_csv"),
    Route("partners:agreement_detail", kwargs=published_agreement),
    Route(
        "partners:agreement_detail",
        access=PARTNER_DRAFT,
        kwargs=partner_draft,
        note="A partner sees the draft of its own organisation; the rest get a 404.",
    ),
    Route(
        "partners:agreement_detail",
        access={**DENY_ALL, "staff": "allow"},
        kwargs=other_draft,
        note="A partner does not see drafts of other organisations.",
    ),
    Route("partners:agreement_document", kwargs=published_agreement_with_document),
    Route("partners:agreement_document", access=PARTNER_DRAFT, kwargs=partner_draft_with_document),
    Route("partners:agreement_expiring", access=STAFF_ONLY),
    Route("partners:agreement_create", access=STAFF_ONLY),
    Route("partners:agreement_edit", access=STAFF_ONLY, kwargs=partner_draft),
    Route("partners:agreement_party_add", access=STAFF_ONLY, kwargs=other_draft, method="POST", data=party_data),
    Route("partners:agreement_party_remove", access=STAFF_ONLY, kwargs=draft_party, method="POST", data={}),
    Route(
        "partners:agreement_transfer_add",
        access=STAFF_ONLY,
        kwargs=other_draft,
        method="POST",
        data={"payer": "", "payee": "", "amount_clp": "1000", "concept": "x"},
        note="Refused for staff with a message (payer missing) but still a staff-only route.",
    ),
    Route("partners:agreement_transfer_remove", access=STAFF_ONLY, kwargs=draft_transfer, method="POST", data={}),
    Route(
        "partners:agreement_transition",
        access=STAFF_ONLY,
        kwargs=published_agreement,
        method="POST",
        data={"action": "finish"},
    ),
    # Working groups: members and staff.
    Route("partners:group_list", access=AUTHENTICATED),
    Route("partners:group_detail", access=PARTNER_GROUP, kwargs=group),
    Route("partners:group_create", access=STAFF_ONLY),
    Route("partners:group_edit", access=STAFF_ONLY, kwargs=group),
    Route("partners:group_member_add", access=STAFF_ONLY, kwargs=group),
    Route("partners:session_create", access=STAFF_ONLY, kwargs=group),
    Route("partners:session_edit", access=STAFF_ONLY, kwargs=session),
    Route("partners:action_create", access=STAFF_ONLY, kwargs=session),
    Route("partners:action_edit", access=STAFF_ONLY, kwargs=action),
    Route("partners:overdue_overview", access=STAFF_ONLY),
    # Projects: public; staff write.
    Route("partners:project_list"),
    Route("partners:project_detail", kwargs=project),
    Route("partners:project_create", access=STAFF_ONLY),
    Route("partners:project_edit", access=STAFF_ONLY, kwargs=project),
    # Open data API: public, published agreements only.
    Route("api:list_organizations", access=PUBLIC),
    Route("api:get_organization", kwargs=api_organization),
    Route("api:list_agreements", access=PUBLIC),
    Route("api:get_agreement", kwargs=api_published_agreement),
    Route("api:get_agreement", access=DENY_ALL, kwargs=api_draft, note="Drafts are a 404 in the public API."),
]
