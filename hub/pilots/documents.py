"""The case document emitted when a pilot closes (shared WeasyPrint machinery, documents/base.html)."""

from django.conf import settings
from django.urls import reverse

from hub.core.documents import qr_svg, render_pdf


def case_pdf(pilot) -> bytes:
    from .selectors import pilot_page

    context = pilot_page(pilot)
    url = settings.HUB_SITE_URL.rstrip("/") + reverse("pilots:registration", args=[pilot.pk])
    context.update({"demo": pilot.is_demo, "qr": qr_svg(url, box_size=4), "registration_url": url})
    return render_pdf("pilots/case_document.html", context)
