"""Demo content: idempotent, marked as demo, with the situations the pages must show."""

import io

from django.urls import reverse

from hub.demo import accounts as accounts_demo
from hub.demo import network as demo
from hub.network.models import Event, Nomination, Practice, Registration, Replication


def test_demo_loads_twice_without_duplicates_and_is_marked_on_screen(client, db):
    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    counts = (Practice.objects.count(), Replication.objects.count(), Registration.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Practice.objects.count(), Replication.objects.count(), Registration.objects.count()) == counts
    assert counts[0] == 8 and counts[1] >= 10
    assert not Practice.objects.filter(is_demo=False).exists()
    assert set(Practice.objects.values_list("status", flat=True)) == {"publicada", "en_revision", "borrador"}
    assert Practice.objects.get(title__startswith="Reciclaje").author.username == "funcionaria.nunoa"

    event = Event.objects.get()
    assert event.registrations.filter(status="confirmada").count() == event.capacity
    assert event.registrations.filter(status="espera").exists()
    assert Nomination.objects.filter(is_winner=True).count() == 1

    for url in (reverse("network:overview"), reverse("network:practice_list"), event.get_absolute_url()):
        assert '<span class="demo-badge">Demo</span>' in client.get(url).content.decode()
