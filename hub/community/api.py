"""Community API for verified members only: anonymous → 401, other accounts → 403. Same selectors and services."""

import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth

from hub.core.api_params import id_path
from hub.core.pagination import Pagination100
from hub.core.taxonomy import Challenge

from . import access, selectors, services


class MemberSession(SessionAuth):
    """The logged-in session user (CSRF checked on writes); membership is checked per endpoint (403)."""

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated else None


router = Router(tags=["Comunidad"], auth=MemberSession())

ChallengeEnum = StrEnum("ChallengeEnum", {c: c for c in Challenge.values})
ShowEnum = StrEnum("ShowEnum", {"sin_respuesta": "sin_respuesta", "mias": "mias", "sigo": "sigo"})


def _member(request):
    if not access.is_member(request.user):
        raise HttpError(403, "La comunidad es solo para funcionarios municipales, el equipo del Hub y socios.")
    return request.user


def _fail(exc: Exception):
    if isinstance(exc, services.RateLimited):
        raise HttpError(429, " ".join(exc.messages))
    if isinstance(exc, ValidationError):
        raise HttpError(400, " ".join(exc.messages))
    if isinstance(exc, PermissionDenied):
        raise HttpError(403, str(exc) or "No autorizado.")
    if isinstance(exc, Http404):
        raise HttpError(404, str(exc) or "No existe.")
    raise exc


class AuthorOut(Schema):
    name: str
    role: str
    affiliation: str


def _author(user) -> dict:
    name = user.get_full_name() or user.username
    return {"name": name, "role": user.role, "affiliation": selectors.author_line(user)}


class AnswerOut(Schema):
    id: int
    author: AuthorOut
    body_html: str
    status: str
    created_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_author(obj) -> dict:
        return _author(obj.author)


class QuestionOut(Schema):
    id: int
    title: str
    author: AuthorOut
    challenge: str
    practice_id: int | None
    solution_id: int | None
    accepted_answer_id: int | None
    answer_count: int
    status: str
    created_at: datetime.datetime
    last_activity_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_author(obj) -> dict:
        return _author(obj.author)

    @staticmethod
    def resolve_answer_count(obj) -> int:
        return getattr(obj, "answer_count", 0)


class QuestionDetailOut(QuestionOut):
    body_html: str
    answers: list[AnswerOut]


class QuestionIn(Schema):
    title: str
    body: str
    challenge: ChallengeEnum | None = None
    practice_id: int | None = None
    solution_id: int | None = None


class AnswerIn(Schema):
    body: str


@router.get("/questions", response=list[QuestionOut], summary="Preguntas de la comunidad (miembros)")
@paginate(Pagination100)
def community_questions(request, q: str = "", challenge: ChallengeEnum | None = None, show: ShowEnum | None = None):
    user = _member(request)
    return selectors.question_list(user, q=q[:100], challenge=challenge.value if challenge else "",
                                   show=show.value if show else "")


def _detail(user, question_id: int):
    try:
        question = access.access_question(user, question_id)
    except Http404 as exc:
        _fail(exc)
    answers = list(access.answers_for_user(user, question))
    question.answers_list = answers
    question.answer_count = sum(1 for a in answers if a.status == "visible")
    return question


class _DetailOut(QuestionDetailOut):
    @staticmethod
    def resolve_answers(obj) -> list:
        return obj.answers_list


@router.get("/questions/{question_id}", response=_DetailOut, summary="Una pregunta con sus respuestas")
def community_question(request, question_id: int = id_path()):
    return _detail(_member(request), question_id)


@router.post("/questions", response={201: _DetailOut}, summary="Publicar una pregunta")
def community_question_create(request, payload: QuestionIn):
    user = _member(request)
    try:
        question = services.question_create(
            acting_user=user, title=payload.title, body=payload.body,
            challenge=payload.challenge.value if payload.challenge else "",
            practice_id=payload.practice_id, solution_id=payload.solution_id,
        )
    except (ValidationError, PermissionDenied, Http404) as exc:
        _fail(exc)
    return Status(201, _detail(user, question.pk))


@router.post("/questions/{question_id}/answers", response={201: AnswerOut}, summary="Responder una pregunta")
def community_answer_create(request, payload: AnswerIn, question_id: int = id_path()):
    user = _member(request)
    try:
        answer = services.answer_create(acting_user=user, question_id=question_id, body=payload.body)
    except (ValidationError, PermissionDenied, Http404) as exc:
        _fail(exc)
    return Status(201, answer)


@router.post("/answers/{answer_id}/accept", response=AnswerOut, summary="Marcar la respuesta aceptada (quien preguntó)")
def community_answer_accept(request, answer_id: int = id_path()):
    user = _member(request)
    try:
        return services.answer_accept(acting_user=user, answer_id=answer_id)
    except (ValidationError, PermissionDenied, Http404) as exc:
        _fail(exc)
