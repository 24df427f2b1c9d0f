"""Whole-page cache for anonymous GETs of the public, data-driven pages (home, catalogue, indicator, comuna,
compare).

A page is cached as final bytes keyed by its view, path + query, language, htmx target and the versions of
what it shows: the observatory's ``data_version()`` (moves with every import, in every worker at once, since it
is read from the database) and one write counter per app label whose content the page shows, bumped by any
save/delete of a ``hub.*`` model (``connect_signals()``, called from ``CoreConfig.ready``). With a shared cache
(Redis in production) the counters are shared by every worker; with the per-process LocMemCache a write made by
another process is seen when the entry expires (``PAGE_SECONDS``).

Never for logged-in users (a request carrying a session cookie is never served from, nor stored in, this
cache: no session lookup is needed to decide), never for non-GET, never for a response that set cookies or is
not a 200. Per-response secrets stay unique: the CSP nonce and the CSRF form token are stored as placeholders
and replaced with the current request's own values on every hit.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

PAGE_SECONDS = 300
NONCE_MARK = b"\x00hub-csp-nonce\x00"
CSRF_MARK = b"\x00hub-csrf-token\x00"
CSRF_RE = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
_WRITE_KEY = "pagecache:writes:"

# view name -> app labels whose writes change the page ("*" = every hub app: the comuna page shows sections of
# all of them). The observatory's data version is always part of the key.
CACHED_VIEWS: dict[str, tuple[str, ...]] = {
    "core:home": ("territory", "observatory"),
    "observatory:indicator_list": ("observatory",),
    "observatory:indicator_detail": ("observatory", "territory"),
    "observatory:compare": ("observatory", "territory"),
    "territory:comuna_detail": ("*",),
}


_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("hub_request_memo", default=None)
# Cross-request memo of values read once per request (the data version): 0 = per request only. Production
# (DEBUG off) keeps it 2 s per worker, so a warm request runs no query; writes in this process clear it.
SHARED_SECONDS = float(os.environ.get("HUB_DATA_VERSION_SECONDS", "0" if settings.DEBUG else "2"))
_shared: dict[str, tuple[float, object]] = {}


def memoised(name: str, compute):
    """``compute()`` once per request (and, with SHARED_SECONDS, once per worker every few seconds)."""
    memo = _request_memo.get()
    if memo is not None and name in memo:
        return memo[name]
    now = time.monotonic()
    hit = _shared.get(name) if SHARED_SECONDS else None
    if hit is not None and now - hit[0] < SHARED_SECONDS:
        value = hit[1]
    else:
        value = compute()
        if SHARED_SECONDS:
            _shared[name] = (now, value)
    if memo is not None:
        memo[name] = value
    return value


def _request_started(**kwargs) -> None:
    _request_memo.set({})


def _request_finished(**kwargs) -> None:
    _request_memo.set(None)


def bump(app_label: str) -> None:
    """Invalidate every cached page that shows ``app_label``'s content (and the comuna page, which shows all)."""
    for label in (app_label, "*"):
        key = _WRITE_KEY + label
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, None)


def _on_write(sender, **kwargs) -> None:
    module = getattr(sender, "__module__", "")
    if module.startswith("hub."):
        bump(sender._meta.app_label)
        _shared.clear()
        memo = _request_memo.get()
        if memo:
            memo.clear()


def connect_signals() -> None:
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save

    request_started.connect(_request_started, dispatch_uid="hub.page_cache.started")
    request_finished.connect(_request_finished, dispatch_uid="hub.page_cache.finished")
    post_save.connect(_on_write, dispatch_uid="hub.page_cache.save")
    post_delete.connect(_on_write, dispatch_uid="hub.page_cache.delete")
    m2m_changed.connect(_on_write, dispatch_uid="hub.page_cache.m2m")


def _eligible(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Versions of the data that cached pages show, registered by the apps that own the data (the observatory
# registers its data_version from its AppConfig.ready(), so core never imports it).
_VERSION_SOURCES: list = []


def register_version_source(func) -> None:
    if func not in _VERSION_SOURCES:
        _VERSION_SOURCES.append(func)


def _key(request, view_name: str, labels: tuple[str, ...]) -> str:
    counters = cache.get_many([_WRITE_KEY + label for label in labels])
    parts = [
        view_name,
        request.get_full_path(),
        translation.get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        *(str(source()) for source in _VERSION_SOURCES),
        *(str(counters.get(_WRITE_KEY + label, 0)) for label in labels),
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"pagecache:{digest}"


class AnonymousPageCacheMiddleware:
    """Serve and store the pages listed in ``CACHED_VIEWS`` for anonymous GETs (last in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        labels = CACHED_VIEWS.get(match.view_name) if match else None
        if labels is None or not _eligible(request):
            return None
        key = _key(request, match.view_name, labels)
        entry = cache.get(key)
        if entry is None:
            response = view_func(request, *view_args, **view_kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            self._store(request, key, response)
            return response
        body, content_type, has_nonce, has_csrf = entry
        if has_nonce:
            body = body.replace(NONCE_MARK, str(request.csp_nonce).encode())
        if has_csrf:
            body = body.replace(CSRF_MARK, get_token(request).encode())
        response = HttpResponse(body, content_type=content_type)
        response["X-Hub-Page-Cache"] = "hit"
        return response

    def _store(self, request, key: str, response) -> None:
        if response.status_code != 200 or response.streaming or response.cookies:
            return
        body = response.content
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = isinstance(nonce, str) and nonce.encode() in body
        if has_nonce:
            body = body.replace(nonce.encode(), NONCE_MARK)
        body, csrf_count = CSRF_RE.subn(lambda m: m.group(1) + CSRF_MARK + m.group(3), body)
        cache.set(key, (body, response["Content-Type"], has_nonce, bool(csrf_count)), PAGE_SECONDS)
