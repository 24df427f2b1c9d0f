"""Objects for the assistance tests and the route matrix: engagements of comuna A (Ñuñoa) in each state."""

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_engagement(*, cut="13120", status="recibida", requested_by=None, **extra):
    from hub.assistance.models import Engagement
    from hub.territory.models import Comuna

    n = next(_seq)
    return Engagement.objects.create(
        title=f"Asistencia de prueba {n}", comuna=Comuna.objects.get(cut=cut) if cut else None,
        problem="Problema de prueba", challenge="digital", contact_name="Contacto Prueba",
        contact_email="contacto@example.cl", status=status, requested_by=requested_by, **extra,
    )


def make_proposal(engagement, *, status="enviada", version=None, total=10_000_000, schedule=((50, 0), (50, 30))):
    from hub.assistance.models import Proposal, ProposalLine, ScheduleItem

    version = version or (engagement.proposals.count() + 1)
    proposal = Proposal.objects.create(engagement=engagement, version=version, status=status,
                                       total_clp=total if status != "borrador" else None)
    ProposalLine.objects.create(proposal=proposal, role="Especialista", days=10, day_rate=total // 10)
    for i, (pct, days) in enumerate(schedule, start=1):
        ScheduleItem.objects.create(proposal=proposal, name=f"Hito {i}", percentage=pct, due_after_days=days)
    return proposal


def make_milestone(engagement, *, status="pendiente", percentage=50, amount=5_000_000, with_file=False):
    from django.core.files.base import ContentFile

    from hub.assistance.models import Deliverable, Milestone

    milestone = Milestone.objects.create(engagement=engagement, name=f"Hito {next(_seq)}", percentage=percentage,
                                         amount_clp=amount, status=status,
                                         due_date=timezone.localdate() + datetime.timedelta(days=10))
    if with_file:
        d = Deliverable(milestone=milestone, title="Entregable")
        d.file.save("entregable.pdf", ContentFile(MINIMAL_PDF), save=False)
        d.save()
    return milestone


def municipality(cut="13120"):
    from hub.partners.models import ActorType, Organization

    org = Organization.objects.filter(kind="municipalidad", comuna_id=cut).first()
    if org is None:
        org = Organization.objects.create(name=f"Municipalidad {cut}", actor_type=ActorType.MUNICIPIOS,
                                          kind="municipalidad", comuna_id=cut, rut="69990008")
    return org


def make_agreement(*, party=None, status="vigente"):
    from hub.partners.models import Agreement, AgreementParty

    agreement = Agreement.objects.create(title=f"Convenio de asistencia {next(_seq)}", purpose="Asistencia técnica",
                                         status=status, start_date=datetime.date(2026, 1, 1),
                                         end_date=datetime.date(2027, 12, 31), signed_on=datetime.date(2026, 1, 1))
    if party is not None:
        AgreementParty.objects.create(agreement=agreement, organization=party, role="contraparte")
    return agreement


def make_published(personas=None):
    from hub.assistance.models import Recommendation

    e = make_engagement(status="en_seguimiento", report_published=True, report_summary="Resumen",
                        final_report_on=timezone.localdate())
    Recommendation.objects.create(engagement=e, text="Recomendación", owner="Dirección",
                                  due_date=timezone.localdate() + datetime.timedelta(days=90))
    return e
