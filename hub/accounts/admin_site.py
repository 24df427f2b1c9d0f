"""The Django admin behind the Hub's own login (throttled, with the second factor) and a plain 403.

The stock admin has its own login form and sends a logged-in non-staff user back to it; here anonymous
visitors go to accounts:login and authenticated users without is_staff get the Spanish 403 page.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class HubAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        wrapper.__dict__.update(getattr(inner, "__dict__", {}))
        return wrapper

    def login(self, request, extra_context=None):
        target = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied
            return redirect(reverse("admin:index"))
        return redirect_to_login(target, reverse("accounts:login"))


def secure_admin_login() -> None:
    admin.site.__class__ = HubAdminSite
