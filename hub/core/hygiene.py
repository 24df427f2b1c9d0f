"""Request hygiene before any view runs: a NUL character anywhere in the path is a 404, never a 500.

PostgreSQL refuses NUL in any text, so a path parameter carrying one ("/comunas/13%00101/") would reach the
database and fail there; no real URL of the platform contains one.
"""

from django.http import Http404


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.get_full_path().lower().split("?", 1)[0]:
            raise Http404("La dirección contiene un carácter nulo.")
        return self.get_response(request)
