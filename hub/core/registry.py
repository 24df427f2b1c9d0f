"""Extension points so apps add to shared pages without editing each other's code.

An app registers, in its AppConfig.ready(), a callable ``section(request, comuna)`` that returns
``{"title": ..., "template": ..., "context": {...}}`` or None; the comuna page renders them in order.
"""

_COMUNA_SECTIONS: list[tuple[int, object]] = []


def register_comuna_section(func, order: int = 50):
    if all(existing is not func for _, existing in _COMUNA_SECTIONS):
        _COMUNA_SECTIONS.append((order, func))
        _COMUNA_SECTIONS.sort(key=lambda item: item[0])
    return func


def comuna_sections():
    return [func for _, func in _COMUNA_SECTIONS]
