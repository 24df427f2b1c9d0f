"""Who may use each route of the community: verified members only; anonymous never reads it; staff moderate."""

from testkit.routes import AUTHENTICATED, STAFF_ONLY, Route

ANON_LOGIN_API = {"anonymous": "login", "staff": "allow", "official_a": "allow", "official_b": "allow",
                  "partner": "allow"}
# Only the asker (official_a) accepts; everyone else is refused.
ASKER_ONLY = {"anonymous": "login", "staff": "deny", "official_a": "allow", "official_b": "deny", "partner": "deny"}


def _question(personas):
    from hub.community.tests.factories import make_question

    return {"pk": make_question(personas["official_a"]).pk}


def _question_id(personas):
    return {"question_id": _question(personas)["pk"]}


def _answer(personas):
    from hub.community.tests.factories import make_answer, make_question

    question = make_question(personas["official_a"])
    return {"pk": make_answer(personas["official_b"], question).pk}


def _answer_id(personas):
    return {"answer_id": _answer(personas)["pk"]}


def _report(personas):
    from hub.community import services
    from hub.community.tests.factories import make_question

    question = make_question(personas["official_a"])
    return {"pk": services.report_create(acting_user=personas["official_b"], reason="spam", question_id=question.pk).pk}


MATRIX = [
    Route("community:index", AUTHENTICATED),
    Route("community:question_create", AUTHENTICATED),
    Route("community:question_detail", AUTHENTICATED, kwargs=_question),
    Route("community:answer_create", AUTHENTICATED, kwargs=_question, method="POST",
          data={"body": "Una respuesta útil y concreta."}),
    Route("community:follow_question", AUTHENTICATED, kwargs=_question, method="POST", data={"follow": "1"}),
    Route("community:follow_challenge", AUTHENTICATED, kwargs={"code": "aps"}, method="POST", data={"follow": "1"}),
    Route("community:question_report", AUTHENTICATED, kwargs=_question, method="POST", data={"reason": "spam"}),
    Route("community:answer_report", AUTHENTICATED, kwargs=_answer, method="POST", data={"reason": "spam"}),
    Route("community:answer_accept", ASKER_ONLY, kwargs=_answer, method="POST"),
    Route("community:question_hide", STAFF_ONLY, kwargs=_question, method="POST", data={"reason": "Fuera de tema"}),
    Route("community:question_restore", STAFF_ONLY, kwargs=_question, method="POST"),
    Route("community:answer_hide", STAFF_ONLY, kwargs=_answer, method="POST", data={"reason": "Fuera de tema"}),
    Route("community:answer_restore", STAFF_ONLY, kwargs=_answer, method="POST"),
    Route("community:moderation", STAFF_ONLY),
    Route("community:report_dismiss", STAFF_ONLY, kwargs=_report, method="POST"),
    Route("api:community_questions", ANON_LOGIN_API),
    Route("api:community_question", ANON_LOGIN_API, kwargs=_question_id),
    Route("api:community_question_create", ANON_LOGIN_API, method="POST",
          data={"title": "¿Alguien tiene un protocolo de ferias libres?", "body": "Buscamos un protocolo probado."}),
    Route("api:community_answer_create", ANON_LOGIN_API, kwargs=_question_id, method="POST",
          data={"body": "Sí, en nuestra comuna lo hicimos."}),
    Route("api:community_answer_accept", ASKER_ONLY, kwargs=_answer_id, method="POST"),
]
