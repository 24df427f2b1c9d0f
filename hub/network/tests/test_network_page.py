"""The network page: most replicated practices and flows between regions and typologies."""

import re

from django.urls import reverse

from hub.network.models import PracticeStatus
from hub.network.selectors import replication_flows
from hub.network.tests.factories import COMUNA_A, COMUNA_B, COMUNA_C, make_practice, make_replication


def test_network_page_ranks_practices_and_counts_flows(client, db):
    popular = make_practice(cut=COMUNA_A, title="Muy replicada")
    make_replication(practice=popular, cut=COMUNA_B)
    make_replication(practice=popular, cut=COMUNA_C)
    make_replication(practice=popular, cut="13101", status="abandonada")
    hidden = make_practice(cut=COMUNA_B, title="No publicada", status=PracticeStatus.IN_REVIEW)
    make_replication(practice=hidden, cut=COMUNA_C)

    flows = replication_flows()
    regions = {label: (counts, total) for label, counts, total in flows["regions"].rows}
    assert flows["regions"].total == 2  # abandoned and unpublished ones do not count
    assert regions["Región Metropolitana de Santiago"][1] == 2
    assert flows["typologies"].total == 2

    page = client.get(reverse("network:overview")).content.decode()
    assert "Muy replicada" in page and "No publicada" not in page
    assert re.search(r"Muy replicada.*?<td class=\"num\">2</td>", page, re.S)
    assert "Flujos entre regiones" in page and "Flujos entre tipologías comunales" in page


def test_network_page_has_empty_states(client, db):
    page = client.get(reverse("network:overview")).content.decode()
    assert "Aún no hay replicaciones de experiencias publicadas." in page
    assert "Sin replicaciones registradas todavía." in page
