from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import start_page


@login_required
def start(request):
    return render(request, "dashboard/start.html", {"page": start_page(request.user)})
