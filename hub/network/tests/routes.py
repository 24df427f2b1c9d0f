"""Who may use each route of the network app. Objects are built owned by comuna A (Ñuñoa)."""

from testkit.routes import AUTHENTICATED, COMUNA_A_OWNER, OFFICIALS, PUBLIC, STAFF_ONLY, Route


def _published_a(personas):
    from hub.network.tests.factories import make_practice

    return {"pk": make_practice(status="publicada").pk}


def _draft_a(personas):
    from hub.network.tests.factories import make_practice

    return {"pk": make_practice(status="borrador").pk}


def _in_review_a(personas):
    from hub.network.tests.factories import make_practice

    return {"pk": make_practice(status="en_revision").pk}


def _published_c(personas):
    from hub.network.tests.factories import COMUNA_C, make_practice

    return {"pk": make_practice(cut=COMUNA_C, status="publicada").pk}


def _published_solution(personas):
    from hub.portfolio.tests.routes import published

    return published(personas)


def _replication_a(personas):
    from hub.network.tests.factories import make_replication

    return {"pk": make_replication().pk}


def _event(personas):
    from hub.network.tests.factories import make_event

    return {"pk": make_event().pk}


def _registration_a(personas):
    from hub.network.tests.factories import make_registration

    return {"pk": make_registration().pk}


def _award(personas):
    from hub.network.tests.factories import make_category

    return {"pk": make_category().award_id}


def _category(personas):
    from hub.network.tests.factories import make_category

    return {"pk": make_category().pk}


def _nomination(personas):
    from hub.network.tests.factories import make_nomination

    return {"pk": make_nomination().pk}


def _nominate_data(personas):
    from hub.network.tests.factories import make_practice

    return {"practice": make_practice(title="Experiencia para nominar").pk}


# A draft's existence is private: whoever may not see it gets a 404, even anonymous visitors.
DRAFT_READ = {**COMUNA_A_OWNER, "anonymous": "deny"}
NOBODY = {p: "deny" for p in PUBLIC}

MATRIX = [
    Route("network:overview"),
    Route("network:practice_list"),
    Route("network:practice_detail", kwargs=_published_a),
    Route("network:practice_detail", access=DRAFT_READ, kwargs=_draft_a, note="borrador de la comuna A"),
    Route("network:practice_edit", access=COMUNA_A_OWNER, kwargs=_draft_a),
    Route("network:practice_submit", access=COMUNA_A_OWNER, kwargs=_draft_a, method="POST", data={}),
    Route("network:replication_create", access=OFFICIALS, kwargs=_published_c,
          note="cualquier funcionario registra la replicación de su propia comuna"),
    Route("network:solution_replication_create", access=OFFICIALS, kwargs=_published_solution,
          note="replicar una solución publicada del portafolio del Hub"),
    Route("network:replication_edit", access=COMUNA_A_OWNER, kwargs=_replication_a),
    Route("network:my_practices", access=OFFICIALS),
    Route("network:practice_create", access=OFFICIALS),
    Route("network:review_queue", access=STAFF_ONLY),
    Route("network:practice_review", access=STAFF_ONLY, kwargs=_in_review_a),
    Route("network:event_list"),
    Route("network:event_detail", kwargs=_event),
    Route("network:registration_create", access=AUTHENTICATED, kwargs=_event,
          note="funcionarios por su comuna, socios por su organización, equipo del Hub"),
    Route("network:registration_edit", access=COMUNA_A_OWNER, kwargs=_registration_a),
    Route("network:registration_cancel", access=COMUNA_A_OWNER, kwargs=_registration_a, method="POST", data={}),
    Route("network:registration_attendance", access=STAFF_ONLY, kwargs=_registration_a, method="POST",
          data={"attended": "1"}),
    Route("network:award_list"),
    Route("network:award_detail", kwargs=_award),
    Route("network:nomination_create", access=STAFF_ONLY, kwargs=_category, method="POST", data=_nominate_data),
    Route("network:nomination_winner", access=STAFF_ONLY, kwargs=_nomination, method="POST", data={}),
    Route("api:list_practices"),
    Route("api:get_practice", kwargs=lambda personas: {"practice_id": _published_a(personas)["pk"]}),
    Route("api:get_practice", access=NOBODY, kwargs=lambda personas: {"practice_id": _draft_a(personas)["pk"]},
          note="la API pública nunca muestra borradores"),
    Route("api:list_replications"),
    Route("api:list_events"),
    Route("api:get_event", kwargs=lambda personas: {"event_id": _event(personas)["pk"]}),
]
