"""The one listing helper: filter form → selector → paginate → full page, or the results fragment for htmx.

    form = ThingFilterForm(request.GET or None)
    qs = selectors.thing_search(**cleaned_filters(form))
    return render_listing(request, qs, template="app/thing_list.html", fragment="app/_thing_results.html",
                          context={"form": form})

The context always has ``page_obj``, ``querystring`` (the current filters without ``page``, for the pager
links) and ``total``.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 20


def page_querystring(request) -> str:
    """The request's query string without ``page``: pager links keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def cleaned_filters(form) -> dict:
    """The filled-in values of a bound filter form ({} when unbound or invalid)."""
    if not form.is_bound or not form.is_valid():
        return {}
    return {k: v for k, v in form.cleaned_data.items() if v}


def render_listing(request, queryset, *, template: str, fragment: str | None = None, per_page: int = PAGE_SIZE,
                   context: dict | None = None, status: int = 200):
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    full_context = {
        "page_obj": page,
        "querystring": page_querystring(request),
        "total": page.paginator.count,
        **(context or {}),
    }
    chosen = fragment if fragment and getattr(request, "htmx", False) else template
    return render(request, chosen, full_context, status=status)
