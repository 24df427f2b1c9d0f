class SpanishFirstMiddleware:
    """Spanish (es-CL) unless the visitor chose English with the language switch.

    The browser's Accept-Language is ignored on purpose: a Chilean official with an English browser
    should still see the Hub in Spanish, with Chilean number and date formats.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
