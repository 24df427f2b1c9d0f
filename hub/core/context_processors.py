from django.conf import settings


def hub(request):
    return {"HUB_DEMO_MODE": settings.HUB_DEMO_MODE}
