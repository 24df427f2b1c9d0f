"""Shared pieces of the assistance views: refusals as messages, going back to a section, form actions."""


from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from hub.core.documents import render_pdf
from hub.core.transitions import state_history

from .. import selectors
from ..models import (
    EngagementStatus,
)

S = EngagementStatus


def _messages_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _refuse(request, exc: ValidationError):
    for text in _messages_of(exc):
        messages.error(request, text)


def _history(obj, choices) -> list[tuple]:
    labels = dict(choices.choices)
    return [(h, labels.get(h.from_state, h.from_state), labels.get(h.to_state, h.to_state))
            for h in state_history(obj)]


def _back(engagement_id: int, anchor: str = ""):
    from django.urls import reverse

    return redirect(reverse("assistance:engagement_detail", args=[engagement_id]) + (f"#{anchor}" if anchor else ""))


def _field_errors(text: str):
    """An invalid-form message that lists each field's errors after ``text`` (which holds ``%(e)s``)."""
    return lambda form: text % {"e": "; ".join(
        f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields)}


def _form_action(request, form, *, engagement_id: int, anchor: str, invalid, call, success: str):
    """Validate the POSTed form, run the service with its data, say what happened in Spanish, and go back to
    the engagement's section. A refused service changes nothing and shows its reasons."""
    if not form.is_valid():
        messages.error(request, invalid(form) if callable(invalid) else invalid)
        return _back(engagement_id, anchor)
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, success)
    return _back(engagement_id, anchor)



def _report_pdf(engagement, *, public: bool):
    engagement = selectors.engagement_detail_qs().get(pk=engagement.pk)
    pdf = render_pdf("assistance/report_pdf.html", {
        "e": engagement, "rows": selectors.recommendation_rows(engagement), "demo": engagement.is_demo,
        "milestones": list(engagement.milestones.all()), "team": list(engagement.team.all()),
        "public": public, "generated_on": timezone.localdate(),
        "draft": engagement.status == S.INFORME_BORRADOR or engagement.status == S.EN_EJECUCION,
    })
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="informe-asistencia-{engagement.pk}.pdf"'
    return response
