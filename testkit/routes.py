"""The authorization matrix: role × route × ownership, declared per app, checked in one place.

Every app lists each of its URL names in ``hub/<app>/tests/routes.py`` as ``MATRIX = [Route(...), ...]``.
A test walks every URL pattern of the project and fails when one is not in some app's MATRIX, then
requests each route as each persona and checks the expected outcome.

Personas: "anonymous", "staff", "official_a" (Ñuñoa, 13120), "official_b" (Temuco, 09101), "partner".
Outcomes: "allow" (2xx, or a redirect the view itself chose), "login" (redirect to the login page, or 401
for the API), "deny" (403, or 404 where existence itself is private).
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

PERSONAS = ("anonymous", "staff", "official_a", "official_b", "partner")

PUBLIC = {p: "allow" for p in PERSONAS}
AUTHENTICATED = {"anonymous": "login", **{p: "allow" for p in PERSONAS if p != "anonymous"}}
STAFF_ONLY = {"anonymous": "login", "staff": "allow", "official_a": "deny", "official_b": "deny", "partner": "deny"}
# Objects owned by comuna A (Ñuñoa): its officials and staff may act, nobody else.
COMUNA_A_OWNER = {**STAFF_ONLY, "official_a": "allow"}
OFFICIALS = {**COMUNA_A_OWNER, "official_b": "allow"}


@dataclass(frozen=True)
class Route:
    """One URL name and who may use it.

    name: "app_namespace:url_name" (for the API: "api:<url_name>").
    access: persona -> "allow" | "login" | "deny".
    kwargs: URL kwargs, or a callable ``kwargs(db_objects) -> dict`` that builds the object the route
        needs (it receives the dict of personas so it can create an object owned by comuna A, etc.).
    method: the HTTP method the check uses; "GET" for pages, "POST" for writes (sent with ``data``).
    data: POST body (or callable(personas) -> dict) for write routes.
    note: why this access is right, when it is not obvious.
    """

    name: str
    access: dict = field(default_factory=lambda: dict(PUBLIC))
    kwargs: dict | Callable | None = None
    method: str = "GET"
    data: dict | Callable | None = None
    query: dict | None = None
    note: str = ""
    skip_check: str = ""  # a reason to only count the route as covered without requesting it


def all_routes() -> list[Route]:
    routes: list[Route] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hub."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.routes")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests.routes", f"{config.name}.tests"):
                raise
            continue
        routes.extend(module.MATRIX)
    return routes


def route_matches(pattern: str, name: str) -> bool:
    """A MATRIX name covers a URL name exactly, or as a prefix rule ending in "*" (e.g. "admin:*")."""
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return pattern == name
