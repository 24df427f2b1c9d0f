from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import start_page


@login_required
def start(request):
    return render(request, "dashboard/start.html", {"page": start_page(request.user)})


@login_required
def badge(request):
    """The header's pending-items count, loaded after the page (htmx) so pages don't pay for it."""
    from django.http import HttpResponse

    from .inbox import inbox_count

    count = inbox_count(request.user)
    body = f' <span class="badge" aria-label="{count} pendientes">{count}</span>' if count else ""
    return HttpResponse(body)
