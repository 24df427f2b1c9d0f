"""The lockout answer of django-axes: the Hub's Spanish page, HTTP 429 and a Retry-After header."""

import math

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    seconds = max(1, math.ceil(float(settings.AXES_COOLOFF_TIME) * 3600))
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, "accounts/locked.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
