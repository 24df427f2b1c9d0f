"""Helpers shared by the articulation views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def _save_form(request, form, save, *, success: str, redirect_to=None):
    """Validate the form, call the service, and turn its refusals into form errors (nothing is saved then)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save(form.cleaned_data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None
    messages.success(request, success)
    return redirect(redirect_to or obj.get_absolute_url())


def _form_page(request, form, *, title: str, back_url: str, multipart: bool = False):
    return render(
        request, "partners/form.html", {"form": form, "title": title, "back_url": back_url, "multipart": multipart}
    )
