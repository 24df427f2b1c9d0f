"""Extension points so apps add to shared pages without editing each other's code.

An app registers, in its AppConfig.ready(), a callable ``section(request, comuna)`` that returns
``{"title": ..., "template": ..., "context": {...}}`` or None; the comuna page renders them in order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

_COMUNA_SECTIONS: list[tuple[int, object]] = []


def register_comuna_section(func, order: int = 50):
    if all(existing is not func for _, existing in _COMUNA_SECTIONS):
        _COMUNA_SECTIONS.append((order, func))
        _COMUNA_SECTIONS.sort(key=lambda item: item[0])
    return func


def comuna_sections():
    return [func for _, func in _COMUNA_SECTIONS]


# --- Cross-module extension points for the new modules ---------------------------------------------------------
# Each app registers its providers in AppConfig.ready(); the consumer (evaluation, start pages, site search)
# reads them without importing the provider apps. Providers return plain dataclasses defined here.



def _add_once(providers: list, func: Callable) -> Callable:
    """Register a provider once (ready() may run twice in tests); returns it, so it can be a decorator."""
    if func not in providers:
        providers.append(func)
    return func


@dataclass(frozen=True)
class Evidence:
    """One record that counts for an evaluation indicator (Cobertura, Cartera, Impacto, Articulación).

    kind: stable code of what it is ("training_certified", "assistance_closed", "pilot_participation",
    "replication", "agreement_signed", "agenda_participation", ...). cut: the comuna benefited, if any.
    """

    kind: str
    label: str
    on: date
    cut: str = ""
    work_line: str = ""
    challenge: str = ""
    url: str = ""
    actor_type: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


# indicator code ("cobertura", "cartera", "impacto", "articulacion") -> [(kind, label, func(start, end))]
_EVIDENCE: dict[str, list[tuple[str, object, Callable]]] = {}


def register_evidence(indicator: str, kind: str, label, func: Callable[[date, date], list[Evidence]]):
    """func(start, end) returns the completed records of that kind dated within [start, end]."""
    sources = _EVIDENCE.setdefault(indicator, [])
    if all(existing_kind != kind for existing_kind, _, _ in sources):
        sources.append((kind, label, func))
    return func


def evidence_sources(indicator: str) -> list[tuple[str, object, Callable]]:
    return list(_EVIDENCE.get(indicator, []))


@dataclass(frozen=True)
class ValueItem:
    """A service a member comuna used, valued at list price (an estimate, labelled as such)."""

    kind: str
    label: str
    quantity: int
    unit_price_clp: int
    url: str = ""


_MEMBER_VALUE: list[Callable] = []


def register_member_value(func: Callable):
    """func(comuna, start, end) -> list[ValueItem] for the per-member value report."""
    return _add_once(_MEMBER_VALUE, func)


def member_value_sources() -> list[Callable]:
    return list(_MEMBER_VALUE)


@dataclass(frozen=True)
class InboxItem:
    """Something waiting on a person (a review, an overdue action, a renewal), for start pages and the inbox."""

    kind: str
    title: str
    url: str
    due: date | None = None
    overdue: bool = False


_INBOX: list[Callable] = []


def register_inbox(func: Callable):
    """func(user) -> list[InboxItem]: what waits on this user (staff, official or partner)."""
    return _add_once(_INBOX, func)


def inbox_sources() -> list[Callable]:
    return list(_INBOX)


@dataclass(frozen=True)
class SearchHit:
    group: str
    title: str
    url: str
    snippet: str = ""


_SEARCH: list[Callable] = []


def register_search(func: Callable):
    """func(query, user, limit) -> list[SearchHit], accent- and case-insensitive, respecting access."""
    return _add_once(_SEARCH, func)


def search_sources() -> list[Callable]:
    return list(_SEARCH)


# --- Home page ---------------------------------------------------------------------------------------------------
# The home page lives in core (its URL is ``core:home``) but core imports no app: an app that shows figures
# there registers ``func() -> dict`` in its AppConfig.ready(); the dicts are merged into the page's context.

_HOME_CONTEXT: list[Callable[[], dict]] = []


def register_home_context(func: Callable[[], dict]) -> Callable[[], dict]:
    if all(existing is not func for existing in _HOME_CONTEXT):
        _HOME_CONTEXT.append(func)
    return func


def home_context() -> dict:
    context: dict = {}
    for func in _HOME_CONTEXT:
        context.update(func())
    return context


# The projected comuna boundaries (the observatory draws them from the DPA file); the territory's locator reads
# them through here, so territory never imports the observatory.
_BOUNDARIES: list[Callable] = []


def register_boundaries(func: Callable) -> None:
    """func(region_code, height) -> the observatory's projected map (paths per comuna) or None."""
    _BOUNDARIES[:] = [func]


def projected_boundaries(region: str, height: float):
    return _BOUNDARIES[0](region, height) if _BOUNDARIES else None
