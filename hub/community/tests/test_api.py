"""Community API: members only (401 anonymous, 403 others), writes through services, fixed query counts."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.community.models import Question

from .factories import make_answer, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_member_creates_and_answers_through_the_api(client, official_a, official_b):
    client.force_login(official_a)
    response = client.post("/api/v1/community/questions",
                           {"title": "¿Quién tiene un plan de arbolado?", "body": "Buscamos **ordenanzas**.",
                            "challenge": "ambiental"}, content_type="application/json")
    assert response.status_code == 201, response.content
    question_id = response.json()["id"]
    assert "<strong>ordenanzas</strong>" in response.json()["body_html"]
    client.force_login(official_b)
    response = client.post(f"/api/v1/community/questions/{question_id}/answers", {"body": "Sí, en Temuco."},
                           content_type="application/json")
    assert response.status_code == 201
    assert "Temuco" in response.json()["author"]["affiliation"]
    answer_id = response.json()["id"]
    assert client.post(f"/api/v1/community/answers/{answer_id}/accept").status_code == 403
    client.force_login(official_a)
    assert client.post(f"/api/v1/community/answers/{answer_id}/accept").status_code == 200
    assert Question.objects.get(pk=question_id).accepted_answer_id == answer_id


def test_bad_input_is_a_spanish_400_and_saves_nothing(client, official_a):
    client.force_login(official_a)
    response = client.post("/api/v1/community/questions", {"title": "x", "body": "y"},
                           content_type="application/json")
    assert response.status_code == 400
    assert "Escriba" in response.json()["detail"]
    assert not Question.objects.exists()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_questions_or_answers(client, official_a, official_b, partner_user):
    def build(n):
        last = None
        for i in range(n):
            last = make_question(official_a if i % 2 else partner_user, title=f"¿Pregunta número {i} de prueba?")
            make_answer(official_b, last)
            make_answer(partner_user, last)
        return last

    client.force_login(official_a)
    last = build(2)
    urls = ["/api/v1/community/questions", "/comunidad/"]
    small = [_count(client, u) for u in urls + [f"/api/v1/community/questions/{last.pk}", last.get_absolute_url()]]
    last = build(10)
    for _ in range(6):
        make_answer(official_b, last)
    large = [_count(client, u) for u in urls + [f"/api/v1/community/questions/{last.pk}", last.get_absolute_url()]]
    assert large == small
    assert max(small) <= 15, small
