"""Helpers shared by the network's views."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import access


def forbidden(request, message: str):
    return render(request, "network/forbidden.html", {"message": message}, status=403)


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it, otherwise on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def official_required(view):
    """Officials (of some comuna) and staff; anonymous users log in, everyone else gets a 403."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.can_use_official_pages(request.user):
            return forbidden(request, _("Esta sección es para funcionarios municipales y el equipo del Hub."))
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
