from django.shortcuts import render

from hub.core.registry import search_sources

from .folding import words

PER_GROUP = 8


def site_search(q: str, user, limit: int = PER_GROUP) -> dict[str, list]:
    """Hits grouped by kind, in the order providers were registered; empty groups left out."""
    groups: dict[str, list] = {}
    if not words(q):
        return groups
    for provider in search_sources():
        for hit in provider(q, user, limit):
            groups.setdefault(hit.group, []).append(hit)
    return groups


def search(request):
    q = (request.GET.get("q") or "").strip()[:200]
    groups = site_search(q, request.user)
    context = {"q": q, "groups": groups, "total": sum(len(v) for v in groups.values()), "too_short": q and not words(q)}
    return render(request, "search/results.html", context)
