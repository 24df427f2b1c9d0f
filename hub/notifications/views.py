from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import access, services
from .kinds import all_kinds
from .models import Preference


@login_required
def index(request):
    page = Paginator(access.notifications_for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "notifications/index.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk: int):
    note = services.notification_mark_read(acting_user=request.user, notification_id=pk)
    target = request.POST.get("next") or note.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:index")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(acting_user=request.user)
    messages.success(request, f"{count} notificaciones marcadas como leídas.")
    return redirect("notifications:index")


@login_required
def preferences(request):
    kinds = all_kinds()
    if request.method == "POST":
        choices = {k.code: (f"in_app_{k.code}" in request.POST, f"email_{k.code}" in request.POST) for k in kinds}
        services.preferences_save(acting_user=request.user, choices=choices)
        messages.success(request, "Preferencias guardadas.")
        return redirect("notifications:preferences")
    saved = {p.kind: p for p in Preference.objects.filter(user=request.user)}
    rows = [
        {"kind": k, "in_app": saved[k.code].in_app if k.code in saved else True,
         "email": saved[k.code].email if k.code in saved else k.email}
        for k in kinds
    ]
    return render(request, "notifications/preferences.html", {"rows": rows})
