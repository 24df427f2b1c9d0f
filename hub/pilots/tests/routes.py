"""Who may use each URL of the pilots app.

A pilot is public once pre-registered; in design only staff (and its team) see it, anyone else gets a 404.
The team workspace and every write are staff or team only (officials of other comunas: 403). An official of
a selected comuna may post that comuna's commitment.
"""

from testkit.routes import PERSONAS, PUBLIC, STAFF_ONLY, Route

from .factories import pilot

DENY_ALL = {p: "deny" for p in PERSONAS}
STAFF_SEES = {**DENY_ALL, "staff": "allow"}
# Ñuñoa (official_a) is a selected comuna of the pilot: its official may record its commitment.
COMMITMENT = {**STAFF_ONLY, "official_a": "allow"}


def public_pilot(personas):
    return {"pk": pilot(status="preregistrado").pk}


def nunoa_pilot(personas):
    return {"pk": pilot(status="preregistrado", selected=["13120", "05101"]).pk}


def design_pilot(personas):
    return {"pk": pilot(status="diseno").pk}


def public_version(personas):
    return {"pk": pilot(status="preregistrado").pk, "number": 1}


def closed_with_files(personas):
    return {"pk": pilot(status="cerrado", with_files=True).pk}


def commitment_file(personas):
    p = pilot(status="preregistrado", with_files=True)
    return {"pk": p.pk, "commitment_pk": p._commitment_pk}


def evidence_file(personas):
    p = pilot(status="en_implementacion", with_files=True)
    return {"pk": p.pk, "measurement_pk": p._measurement_pk}


def api_public(personas):
    return {"pilot_id": pilot(status="preregistrado").pk}


def api_design(personas):
    return {"pilot_id": pilot(status="diseno").pk}


def _post(name, kwargs=public_pilot, access=STAFF_ONLY, note=""):
    return Route(name, access, kwargs=kwargs, method="POST", data={}, note=note)


MATRIX = [
    Route("pilots:index"),
    Route("pilots:create", STAFF_ONLY),
    Route("pilots:detail", PUBLIC, kwargs=public_pilot),
    Route("pilots:detail", STAFF_SEES, kwargs=design_pilot, note="A pilot in design is private (404)."),
    Route("pilots:registration", PUBLIC, kwargs=public_pilot),
    Route("pilots:registration", STAFF_SEES, kwargs=design_pilot),
    Route("pilots:registration_json", PUBLIC, kwargs=public_version),
    Route("pilots:case_pdf", PUBLIC, kwargs=closed_with_files),
    Route("pilots:team", STAFF_ONLY, kwargs=public_pilot),
    Route("pilots:edit", STAFF_ONLY, kwargs=public_pilot),
    Route("pilots:registration_edit", STAFF_ONLY, kwargs=public_pilot),
    Route("pilots:amend", STAFF_ONLY, kwargs=public_pilot),
    Route("pilots:commitment_file", STAFF_ONLY, kwargs=commitment_file),
    Route("pilots:evidence_file", STAFF_ONLY, kwargs=evidence_file),
    _post("pilots:team_add"),
    _post("pilots:candidates_add"),
    _post("pilots:draw"),
    _post("pilots:manual_select"),
    _post("pilots:commitment_add", kwargs=nunoa_pilot, access=COMMITMENT),
    _post("pilots:freeze"),
    _post("pilots:start_implementation"),
    _post("pilots:start_measurement"),
    _post("pilots:measurement_add"),
    _post("pilots:analyse"),
    _post("pilots:adjustment_add"),
    _post("pilots:close"),
    Route("api:list_pilots"),
    Route("api:get_pilot", PUBLIC, kwargs=api_public),
    Route("api:get_pilot", DENY_ALL | {"staff": "allow"}, kwargs=api_design),
]
