import io

import pytest
from stdnum.cl import rut as rut_number

from hub.demo import partners as demo
from hub.partners import selectors
from hub.partners.models import Agreement, AgreementStatus, Organization, OrganizationKind, Project, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_marked_and_covers_the_brief(client):
    demo.load(io.StringIO())
    counts = (Organization.objects.count(), Agreement.objects.count(), Project.objects.count())
    demo.load(io.StringIO())
    assert (Organization.objects.count(), Agreement.objects.count(), Project.objects.count()) == counts
    demo_orgs = Organization.objects.filter(is_demo=True)
    assert demo_orgs.count() == 12
    for o in demo_orgs.exclude(rut=""):
        assert rut_number.is_valid(o.rut)
    municipalities = demo_orgs.filter(kind=OrganizationKind.MUNICIPALIDAD)
    assert municipalities.count() == 3 and all(m.comuna_id for m in municipalities)
    assert Agreement.objects.filter(is_demo=True).count() == 6
    assert set(Agreement.objects.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert selectors.agreements_expiring().count() >= 1
    group = WorkingGroup.objects.get(is_demo=True)
    assert group.sessions.count() == 2
    assert selectors.overdue_actions(group=group).count() == 1
    assert Project.objects.filter(is_demo=True).count() == 2
    page = client.get("/articulacion/convenios/").text
    assert '<span class="demo-badge">Demo</span>' in page
    signed = Agreement.objects.filter(status=AgreementStatus.VIGENTE).first()
    pdf = client.get(f"/articulacion/convenios/{signed.pk}/documento/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-1.4")
