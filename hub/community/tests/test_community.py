"""The community of practice: members only, accepted answers, audited moderation, reports, rate limits,
safe Markdown, follows and notifications, site search."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from hub.accounts.models import Role, User
from hub.community import access, services
from hub.community.models import Answer, PostStatus, Question, Report
from hub.core.models import StateChange
from hub.core.registry import search_sources
from hub.notifications.models import Notification

from .factories import make_answer, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_anonymous_is_sent_to_login_and_never_sees_a_question(client, official_a):
    question = make_question(official_a, title="¿Pregunta privada de la comunidad?")
    response = client.get(question.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("community:index")).status_code == 302
    assert client.get("/api/v1/community/questions").status_code == 401


def test_public_account_without_verification_gets_403(client, official_a):
    question = make_question(official_a)
    public = User.objects.create_user(username="vecino", password="x-secreta-123", role=Role.PUBLIC)
    client.force_login(public)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 403
    assert "solo para funcionarios" in response.content.decode()
    assert client.get("/api/v1/community/questions").status_code == 403
    with pytest.raises(PermissionDenied):
        services.question_create(acting_user=public, title="¿Una pregunta cualquiera?", body="Detalle suficiente")


def test_each_post_shows_author_role_and_comuna_or_organisation(client, official_a, partner_user):
    question = make_question(official_a)
    make_answer(partner_user, question)
    client.force_login(official_a)
    body = client.get(question.get_absolute_url()).content.decode()
    assert "Funcionario municipal · Ñuñoa" in body
    assert "Organización socia · UPRUEBA" in body


def test_question_can_attach_to_a_published_solution_only(official_a, staff_user):
    from hub.portfolio.tests.routes import published

    solution_id = published({"staff": staff_user})["pk"]
    question = make_question(official_a, solution_id=solution_id, challenge="")
    assert question.solution_id == solution_id and question.challenge
    with pytest.raises(ValidationError):
        make_question(official_a, solution_id=999999)


def test_only_the_asker_accepts_an_answer(official_a, official_b, staff_user):
    question = make_question(official_a)
    answer = make_answer(official_b, question)
    with pytest.raises(PermissionDenied):
        services.answer_accept(acting_user=official_b, answer_id=answer.pk)
    with pytest.raises(PermissionDenied):
        services.answer_accept(acting_user=staff_user, answer_id=answer.pk)
    services.answer_accept(acting_user=official_a, answer_id=answer.pk)
    question.refresh_from_db()
    assert question.accepted_answer_id == answer.pk
    assert Notification.objects.filter(recipient=official_b, kind="community_accepted").exists()


def test_followers_and_asker_are_notified_of_new_answers(official_a, official_b, partner_user):
    question = make_question(official_a)
    services.follow_set(acting_user=partner_user, follow=True, question_id=question.pk)
    make_answer(official_b, question)
    notified = set(Notification.objects.filter(kind="community_answer").values_list("recipient__username", flat=True))
    assert notified == {"official_a", "partner"}


def test_challenge_followers_hear_of_new_questions(official_a, official_b):
    services.follow_set(acting_user=official_b, follow=True, challenge="aps")
    make_question(official_a, challenge="aps")
    make_question(official_a, challenge="digital", title="¿Quién usa firma electrónica avanzada?")
    assert Notification.objects.filter(recipient=official_b, kind="community_new_question").count() == 1


def test_staff_hides_with_a_reason_and_it_is_audited(staff_user, official_a, official_b, client):
    question = make_question(official_a)
    with pytest.raises(PermissionDenied):
        services.post_hide(acting_user=official_b, reason="No me gusta", question_id=question.pk)
    with pytest.raises(ValidationError):
        services.post_hide(acting_user=staff_user, reason="", question_id=question.pk)
    services.post_hide(acting_user=staff_user, reason="Expone datos personales", question_id=question.pk)
    question.refresh_from_db()
    assert question.status == PostStatus.HIDDEN and question.hidden_reason == "Expone datos personales"
    change = StateChange.objects.get(object_id=str(question.pk), to_state="oculta")
    assert change.actor == staff_user and change.reason == "Expone datos personales"
    assert Notification.objects.filter(recipient=official_a, kind="community_hidden").exists()
    # Others no longer see it; the author sees it with the reason.
    client.force_login(official_b)
    assert client.get(question.get_absolute_url()).status_code == 404
    client.force_login(official_a)
    assert "Expone datos personales" in client.get(question.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        services.answer_create(acting_user=official_a, question_id=question.pk, body="Intento responder",
                               skip_rate_limit=True)


def test_hidden_answer_is_invisible_to_other_members(staff_user, official_a, official_b, partner_user):
    question = make_question(official_a)
    answer = make_answer(official_b, question)
    services.post_hide(acting_user=staff_user, reason="Publicidad", answer_id=answer.pk)
    assert list(access.answers_for_user(partner_user, question)) == []
    assert list(access.answers_for_user(official_b, question)) == [answer]


def test_report_once_and_staff_are_told(official_a, official_b, staff_user):
    question = make_question(official_a)
    services.report_create(acting_user=official_b, reason="spam", question_id=question.pk)
    with pytest.raises(ValidationError) as err:
        services.report_create(acting_user=official_b, reason="abuso", question_id=question.pk)
    assert "Ya reportó" in str(err.value)
    assert Report.objects.count() == 1
    assert Notification.objects.filter(recipient=staff_user, kind="community_report").exists()
    services.post_hide(acting_user=staff_user, reason="Spam confirmado", question_id=question.pk)
    assert Report.objects.get().resolved_by == staff_user


@override_settings(HUB_COMMUNITY_POSTS_PER_10_MIN=2)
def test_rate_limit_gives_a_spanish_429_and_keeps_the_text(client, official_a):
    question = make_question(official_a)
    client.force_login(official_a)
    url = reverse("community:answer_create", args=[question.pk])
    assert client.post(url, {"body": "Primera respuesta"}).status_code == 302
    assert client.post(url, {"body": "Segunda respuesta"}).status_code == 302
    response = client.post(url, {"body": "Tercera respuesta que no debe perderse"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Espere" in body and "Tercera respuesta que no debe perderse" in body
    assert Answer.objects.count() == 2
    api = client.post(f"/api/v1/community/questions/{question.pk}/answers", {"body": "Cuarta"},
                      content_type="application/json")
    assert api.status_code == 429


def test_markdown_is_rendered_safely(official_a, client):
    question = make_question(
        official_a,
        body="**Hola** <script>alert(1)</script> [malo](javascript:alert(1)) [bueno](https://www.bcn.cl)",
    )
    html = question.body_html
    assert "<strong>Hola</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://www.bcn.cl" rel="nofollow noopener ugc"' in html
    client.force_login(official_a)
    assert "<script>alert(1)</script>" not in client.get(question.get_absolute_url()).content.decode()


def test_search_ignores_accents_and_is_only_for_members(official_a):
    make_question(official_a, title="¿Quién tiene telemedicina en postas rurales?")

    def hits(user):
        found = [h for s in search_sources() for h in s("TELEMEDICINA rurales", user, 10)]
        return [h for h in found if h.url.startswith("/comunidad")]

    assert hits(official_a)
    from django.contrib.auth.models import AnonymousUser

    assert hits(AnonymousUser()) == []


def test_bad_question_form_shows_summary_and_saves_nothing(client, official_a):
    client.force_login(official_a)
    response = client.post(reverse("community:question_create"), {"title": "corta", "body": ""})
    assert response.status_code == 400
    assert "Revise lo siguiente" in response.content.decode()
    assert not Question.objects.exists()


def test_filters_unanswered_and_mine(client, official_a, official_b):
    answered = make_question(official_a, title="¿Pregunta ya respondida por alguien?")
    make_answer(official_b, answered)
    make_question(official_b, title="¿Pregunta sin ninguna respuesta aún?")
    client.force_login(official_a)
    body = client.get(reverse("community:index"), {"show": "sin_respuesta"}).content.decode()
    assert "sin ninguna respuesta" in body and "ya respondida" not in body
    body = client.get(reverse("community:index"), {"show": "mias"}).content.decode()
    assert "ya respondida" in body and "sin ninguna respuesta" not in body


def test_asking_about_a_practice_shows_it_and_attaches_it(client, official_b):
    from hub.network.tests.factories import make_practice

    practice = make_practice(status="publicada")
    client.force_login(official_b)
    page = client.get(reverse("community:question_create"), {"practice": practice.pk}).content.decode()
    assert practice.title in page
    response = client.post(reverse("community:question_create"), {
        "title": "¿Cómo organizaron los monitores vecinales?", "body": "Queremos replicarlo en Temuco.",
        "practice": practice.pk,
    })
    assert response.status_code == 302
    assert Question.objects.get().practice_id == practice.pk


@override_settings(HUB_COMMUNITY_POSTS_PER_10_MIN=3)
def test_rate_limit_holds_under_concurrent_posts(official_a):
    """Ten posts at once: the atomic cache counter lets exactly three through."""
    from concurrent.futures import ThreadPoolExecutor

    def attempt(_):
        try:
            services.check_rate(official_a)
            return True
        except services.RateLimited:
            return False

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(attempt, range(10)))
    assert results.count(True) == 3


def test_open_reports_wait_in_the_staff_inbox(official_a, official_b, staff_user):
    from hub.core.registry import inbox_sources

    question = make_question(official_a)
    services.report_create(acting_user=official_b, reason="spam", question_id=question.pk)
    items = [i for source in inbox_sources() for i in source(staff_user) if i.kind == "community_report"]
    assert len(items) == 1 and "1 reporte de" in items[0].title
    assert [i for source in inbox_sources() for i in source(official_a) if i.kind == "community_report"] == []


def test_erasing_a_person_anonymises_their_posts(official_a, official_b, staff_user):
    from hub.core.privacy import ERASED, person_erase

    question = make_question(official_a, title="¿Pregunta con datos de la autora?")
    answer = make_answer(official_a, make_question(official_b))
    services.follow_set(acting_user=official_a, follow=True, challenge="aps")
    person_erase(user=official_a, actor=staff_user)
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.title == ERASED and question.body == ERASED and question.body_html == ""
    assert answer.body == ERASED
