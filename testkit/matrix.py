"""Helpers the authorization-matrix tests share: walk the URLconf, request a Route as a persona, judge it."""

import json
from urllib.parse import urlencode, urlparse

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from testkit.routes import Route, all_routes, route_matches

LOGIN_PATHS = ("accounts:login", "admin:login")


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every named URL of the project as "namespace:name" (nested namespaces joined with ":")."""
    resolver = resolver or get_resolver()
    names: list[str] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(url_names(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return sorted(set(names))


def uncovered_url_names() -> list[str]:
    patterns = [route.name for route in all_routes()]
    return [name for name in url_names() if not any(route_matches(p, name) for p in patterns)]


def checkable_routes() -> list[Route]:
    return [route for route in all_routes() if not route.skip_check and not route.name.endswith("*")]


def _resolve(value, personas):
    return value(personas) if callable(value) else (value or {})


def request_route(client, route: Route, personas: dict, persona: str, on_ready=None):
    """Log the client in as the persona and request the route; returns the response.

    API writes send their data as JSON; page writes as a form. ``on_ready()`` runs once the objects the route
    needs exist, right before the request (e.g. to snapshot the database).
    """
    user = personas[persona]
    client.logout()
    if user is not None:
        client.force_login(user)
    url = reverse(route.name, kwargs=_resolve(route.kwargs, personas) or None)
    data = _resolve(route.data, personas) if route.method != "GET" else {}
    if on_ready is not None:
        on_ready()
    if route.method == "GET":
        return client.get(url, route.query or {})
    if route.query:
        url = f"{url}?{urlencode(route.query, doseq=True)}"
    if is_api(route):
        return client.generic(route.method, url, data=json.dumps(data), content_type="application/json")
    if route.method == "POST":
        return client.post(url, data)
    return client.generic(route.method, url, data=urlencode(data, doseq=True),
                          content_type="application/x-www-form-urlencoded")


def is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    path = urlparse(response["Location"]).path
    return any(path == reverse(name) for name in LOGIN_PATHS)


def is_api(route: Route) -> bool:
    return route.name.startswith("api:")


def judge(route: Route, response, expected: str) -> str:
    """Empty string when the response matches the expected outcome, else why it does not."""
    status = response.status_code
    if status >= 500:
        return f"error del servidor {status}"
    if expected == "allow":
        if status in (401, 403, 404) or is_login_redirect(response):
            return f"se esperaba acceso y respondió {status} {response.get('Location', '')}"
        return ""
    if expected == "login":
        if is_login_redirect(response) or (is_api(route) and status in (401, 403)):
            return ""
        return f"se esperaba pedir ingreso y respondió {status} {response.get('Location', '')}"
    if expected == "deny":
        if status in (403, 404):
            return ""
        return f"se esperaba 403/404 y respondió {status} {response.get('Location', '')}"
    return f"resultado desconocido en la matriz: {expected!r}"
