"""Who may use each route of incidencia y posicionamiento: everything is public to read, staff writes."""

from testkit.routes import PUBLIC, STAFF_ONLY, Route


def _item(personas):
    from hub.agenda.tests.factories import make_item

    return {"pk": make_item().pk}


def _item_id(personas):
    from hub.agenda.tests.factories import make_item

    return {"item_id": make_item().pk}


def _move_data(personas):
    return {"to": "primer_tramite", "on": "2025-02-01", "note": "Aprobado en general"}


MATRIX = [
    Route("agenda:index", PUBLIC),
    Route("agenda:item_detail", PUBLIC, kwargs=_item),
    Route("agenda:participation_list", PUBLIC),
    Route("agenda:presence", PUBLIC),
    Route("agenda:item_create", STAFF_ONLY),
    Route("agenda:item_edit", STAFF_ONLY, kwargs=_item),
    Route("agenda:item_move", STAFF_ONLY, kwargs=_item, method="POST", data=_move_data),
    Route("agenda:position_add", STAFF_ONLY, kwargs=_item),
    Route("agenda:evidence_add", STAFF_ONLY, kwargs=_item),
    Route("agenda:participation_create", STAFF_ONLY),
    Route("agenda:mention_create", STAFF_ONLY),
    Route("agenda:network_create", STAFF_ONLY),
    Route("agenda:activity_create", STAFF_ONLY),
    Route("api:agenda_list_items", PUBLIC),
    Route("api:agenda_get_item", PUBLIC, kwargs=_item_id),
    Route("api:agenda_item_history", PUBLIC, kwargs=_item_id),
    Route("api:agenda_list_participations", PUBLIC),
    Route("api:agenda_list_mentions", PUBLIC),
    Route("api:agenda_list_networks", PUBLIC),
]
