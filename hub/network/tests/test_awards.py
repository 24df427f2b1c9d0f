"""Awards: categories, nominations of published practices only, one winner per category."""

from django.urls import reverse

from hub.network.models import Nomination, PracticeStatus
from hub.network.tests.factories import make_category, make_nomination, make_practice


def test_staff_nominates_published_practices_only(personas, login, client):
    category = make_category()
    published = make_practice(title="Publicada nominable")
    draft = make_practice(title="Borrador no nominable", status=PracticeStatus.DRAFT)
    login(personas["staff"])
    url = reverse("network:nomination_create", args=[category.pk])
    response = client.post(url, {"practice": draft.pk}, follow=True)
    assert "Elija una experiencia publicada" in response.content.decode()
    assert not Nomination.objects.exists()
    client.post(url, {"practice": published.pk})
    assert list(Nomination.objects.values_list("practice__title", flat=True)) == ["Publicada nominable"]
    page = client.get(category.award.get_absolute_url()).content.decode()
    assert "Publicada nominable" in page and "Borrador no nominable" not in page


def test_choosing_a_winner_leaves_one_per_category(personas, login, client):
    category = make_category()
    first = make_nomination(category=category, practice=make_practice(title="Primera"))
    second = make_nomination(category=category, practice=make_practice(title="Segunda"))
    login(personas["staff"])
    client.post(reverse("network:nomination_winner", args=[first.pk]))
    client.post(reverse("network:nomination_winner", args=[second.pk]))
    assert list(Nomination.objects.filter(is_winner=True).values_list("practice__title", flat=True)) == ["Segunda"]
    login(personas["official_a"])
    assert client.post(reverse("network:nomination_winner", args=[first.pk])).status_code == 403
    assert list(Nomination.objects.filter(is_winner=True).values_list("pk", flat=True)) == [second.pk]
