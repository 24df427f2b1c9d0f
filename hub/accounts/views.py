"""Login in one or two steps (password, then the TOTP code when the account has a confirmed device),
password change, and enrolment of the second factor."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import services

PENDING_USER = "hub_otp_pending_user"
PENDING_BACKEND = "hub_otp_pending_backend"
PENDING_NEXT = "hub_otp_pending_next"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Código de 6 dígitos (o un código de recuperación)"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if services.totp_confirmed(user):
            # The session is not authenticated until the code is checked.
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_BACKEND] = user.backend
            request.session[PENDING_NEXT] = next_url
            return redirect("accounts:otp_verify")
        auth_login(request, user)
        return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@sensitive_post_parameters("token")
@never_cache
def otp_verify(request):
    """Second step: the pending login (or an already logged-in user asked to verify) enters a TOTP code."""
    pending_id = request.session.get(PENDING_USER)
    if request.user.is_authenticated:
        user = request.user
        next_url = request.GET.get("next") or request.POST.get("next", "")
    elif pending_id:
        user = get_user_model().objects.filter(pk=pending_id, is_active=True).first()
        next_url = request.session.get(PENDING_NEXT, "")
    else:
        user = None
    if user is None:
        return redirect("accounts:login")
    device = services.totp_confirmed(user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip().replace(" ", "")
        from .recovery import recovery_code_use

        used = device if device.verify_token(token) else recovery_code_use(user, token)
        if used is not None:
            device = used
            if not request.user.is_authenticated:
                backend = request.session.get(PENDING_BACKEND) or request.session.get(BACKEND_SESSION_KEY)
                for key in (PENDING_USER, PENDING_BACKEND, PENDING_NEXT):
                    request.session.pop(key, None)
                auth_login(request, user, backend=backend)
            otp_login(request, device)
            return redirect(_safe_next(request, next_url))
        form.add_error("token", _("El código no es válido o ya venció. Escriba el código que muestra ahora su "
                                  "aplicación de autenticación (cambia cada 30 segundos)."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@login_required
@never_cache
def otp_setup(request):
    """Enrol a TOTP app: scan the QR code (or type the key), confirm with one code."""
    confirmed = services.totp_confirmed(request.user)
    next_url = request.GET.get("next") or request.POST.get("next", "")
    if confirmed is not None:
        return render(request, "accounts/otp_setup.html", {"confirmed": confirmed, "next": next_url})
    device = services.totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Segundo factor activado. Desde ahora, al ingresar se le pedirá un código."))
            return redirect(_safe_next(request, next_url))
        form.add_error("token", _("El código no coincide. Revise que la hora de su teléfono esté correcta y escriba "
                                  "el código que muestra ahora la aplicación."))
    context = {
        "form": form,
        "qr_svg": services.totp_qr_svg(device),
        "secret": services.totp_secret(device),
        "next": next_url,
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
@require_POST
def otp_disable(request):
    if getattr(settings, "HUB_REQUIRE_STAFF_2FA", False) and (request.user.is_staff or request.user.is_hub_staff):
        messages.error(request, _("El segundo factor es obligatorio para el equipo del Hub: no se puede desactivar."))
        return redirect("accounts:otp_setup")
    if services.totp_confirmed(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:otp_setup')}")
    services.totp_devices_remove(acting_user=request.user)
    messages.success(request, _("Segundo factor desactivado."))
    return redirect("accounts:otp_setup")


@login_required
@never_cache
def recovery_codes(request):
    """Generate (POST) and show once the single-use recovery codes of the second factor."""
    from .recovery import recovery_codes_generate, recovery_codes_left

    codes = []
    if request.method == "POST":
        if services.totp_confirmed(request.user) and not request.user.is_verified():
            return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:recovery_codes')}")
        codes = recovery_codes_generate(acting_user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "left": recovery_codes_left(request.user)})
