from testkit.routes import AUTHENTICATED, Route


def _note(personas):
    from hub.notifications.services import notify

    note = notify(recipients=[personas["official_a"]], kind="test", title="Aviso de prueba")[0]
    return {"pk": note.pk}


# Only the recipient may mark her notification; for anyone else it does not exist (404).
OWN = {"anonymous": "login", "staff": "deny", "official_a": "allow", "official_b": "deny", "partner": "deny"}

MATRIX = [
    Route("notifications:index", access=AUTHENTICATED),
    Route("notifications:preferences", access=AUTHENTICATED),
    Route("notifications:mark_all_read", access=AUTHENTICATED, method="POST", data={}),
    Route("notifications:mark_read", access=OWN, method="POST", kwargs=_note, data={},
          note="Cada persona ve y marca solo sus propios avisos."),
]
