"""Parameter types shared by the API routers.

Database ids are 64-bit: a larger integer in a path or query would overflow SQLite/PostgreSQL and turn
into a 500. These bounds make it a 422 that names the parameter instead.
"""

from ninja import Path, Query

MAX_ID = 2**63 - 1


def id_path(description: str = "Identificador numérico"):
    return Path(..., ge=1, le=MAX_ID, description=description)


def id_query(description: str = "Identificador numérico"):
    return Query(None, ge=1, le=MAX_ID, description=description)


def year_query(description: str = "Año (1900 a 2100)"):
    return Query(None, ge=1900, le=2100, description=description)
