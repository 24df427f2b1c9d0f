"""Password reset by e-mail with Django's own views, throttled, and without telling who has an account.

The request page always answers "if the address is registered, we sent a link" (Django never says whether
the address exists); requests are limited per client address and per e-mail address through the shared
cache, so the form can't be used to flood someone's inbox. Links expire (PASSWORD_RESET_TIMEOUT).
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from hub.core.client_ip import client_ip

LIMIT_PER_HOUR = 5


def _over_limit(key: str) -> bool:
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > LIMIT_PER_HOUR
    except ValueError:
        cache.set(key, 1, timeout=3600)
        return False


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        email = (request.POST.get("email") or "").strip().lower()[:254]
        if _over_limit(f"hub-reset-ip:{client_ip(request)}") or (email and _over_limit(f"hub-reset-mail:{email}")):
            messages.error(request, _("Se pidieron demasiados cambios de contraseña en la última hora. "
                                      "Espere una hora e intente de nuevo, o escriba al equipo del Hub."))
            return redirect("accounts:password_reset")
        return super().post(request, *args, **kwargs)


password_reset = ThrottledPasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
