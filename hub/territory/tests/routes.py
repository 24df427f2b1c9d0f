from testkit.routes import PUBLIC, STAFF_ONLY, Route

MATRIX = [
    Route("territory:comuna_list"),
    Route("territory:typology_rule"),
    Route("territory:typology_import", access=STAFF_ONLY),
    Route("territory:comuna_detail", kwargs={"cut": "13101"}),
    Route("api:list_comunas", access=PUBLIC),
    Route("api:get_comuna", kwargs={"cut": "13101"}),
]
