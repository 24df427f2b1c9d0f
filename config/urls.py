from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from hub.core import health

admin.site.site_header = "Hub Nacional de Gobierno Local · Administración"
admin.site.site_title = "Hub Local"
admin.site.index_title = "Back office del Hub"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("hub.core.urls")),
    path("cuentas/", include("hub.accounts.urls")),
    path("comunas/", include("hub.territory.urls")),
    path("observatorio/", include("hub.observatory.urls")),
    path("observatorio/importar/", include("hub.observatory.urls_import")),
    path("portafolio/", include("hub.portfolio.urls")),
    path("articulacion/", include("hub.partners.urls")),
    path("red/", include("hub.network.urls")),
    path("notificaciones/", include("hub.notifications.urls")),
    path("formacion/", include("hub.training.urls")),
    path("certificados/", include("hub.training.urls_certificates")),
    path(".well-known/", include("hub.training.urls_wellknown")),
    path("asistencia/", include("hub.assistance.urls")),
    path("pilotos/", include("hub.pilots.urls")),
    path("finanzas/", include("hub.finance.urls")),
    path("evaluacion/", include("hub.evaluation.urls")),
    path("hoja-de-ruta/", include("hub.roadmap.urls")),
    path("incidencia/", include("hub.agenda.urls")),
    path("comunidad/", include("hub.community.urls")),
    path("buscar/", include("hub.search.urls")),
    path("inicio/", include("hub.dashboard.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
handler404 = "hub.core.views.page_not_found"
