from django.shortcuts import render

from hub.core.registry import home_context
from hub.core.taxonomy import CHALLENGE_DESCRIPTIONS, PILLARS, Challenge, Stage, WorkLine


def home(request):
    context = {
        "pillars": PILLARS,
        "challenges": [(c, CHALLENGE_DESCRIPTIONS[c]) for c in Challenge],
        "stages": list(Stage),
        "work_lines": list(WorkLine),
        **home_context(),  # e.g. territory's "summary" (comunas, population, members)
    }
    return render(request, "core/home.html", context)


def page_not_found(request, exception):
    """Spanish 404 that shows the view's own explanation (e.g. an unknown CUT), never resolver internals."""
    from django.urls import Resolver404

    message = ""
    if not isinstance(exception, Resolver404) and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"exception_message": message}, status=404)
