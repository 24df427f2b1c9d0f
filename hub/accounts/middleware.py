"""Second factor for staff: with HUB_REQUIRE_STAFF_2FA on, staff without a verified OTP session are sent to
enrol (no device yet) or to verify (device confirmed) before any page other than the account pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_URL_NAMES = {"login", "logout", "otp_setup", "otp_verify"}


def needs_second_factor(user) -> bool:
    if not getattr(settings, "HUB_REQUIRE_STAFF_2FA", False):
        return False
    if not user.is_authenticated:
        return False
    if not (user.is_staff or user.is_hub_staff):
        return False
    return not user.is_verified()


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not needs_second_factor(request.user):
            return None
        match = request.resolver_match
        if match and match.namespace == "accounts" and match.url_name in EXEMPT_URL_NAMES:
            return None
        if match and match.url_name == "set_language":
            return None
        from hub.accounts.services import totp_confirmed

        target = "accounts:otp_verify" if totp_confirmed(request.user) else "accounts:otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
