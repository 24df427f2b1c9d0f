import io

import pytest

from hub.agenda.models import AgendaItem, Mention, NetworkActivity, Participation
from hub.community.models import Answer, Question
from hub.demo import accounts, agenda, community, network, partners, portfolio

pytestmark = pytest.mark.django_db


def _load_all():
    out = io.StringIO()
    for module in (accounts, portfolio, partners, network, agenda, community):
        module.load(out)


def test_demo_is_idempotent_marked_and_covers_the_brief(client):
    _load_all()
    counts = (AgendaItem.objects.count(), Participation.objects.count(), Mention.objects.count(),
              NetworkActivity.objects.count(), Question.objects.count(), Answer.objects.count())
    _load_all()
    assert counts == (AgendaItem.objects.count(), Participation.objects.count(), Mention.objects.count(),
                      NetworkActivity.objects.count(), Question.objects.count(), Answer.objects.count())
    assert AgendaItem.objects.filter(is_demo=True).count() == 5
    assert len(set(AgendaItem.objects.values_list("stage", flat=True))) >= 4
    assert Participation.objects.filter(is_demo=True).count() >= 10
    assert len({p.on.month for p in Participation.objects.all()}) >= 8  # spread over a year
    assert Question.objects.filter(is_demo=True, accepted_answer__isnull=False).exists()
    assert '<span class="demo-badge">Demo</span>' in client.get("/incidencia/").text
    assert "Demo" in client.get("/incidencia/presencia/").text
