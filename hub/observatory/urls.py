from django.urls import path, register_converter

from . import views

app_name = "observatory"


class IndicatorCodeConverter:
    """An indicator code, never one of the observatory's own path words (importar/, comparar/, comunas/)."""

    # Capitals too: a legacy code with capitals must never make a page answer 500 (new codes are lowercase).
    regex = r"(?!(?:importar|comparar|comunas)(?:/|$))[-A-Za-z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IndicatorCodeConverter, "indicator_code")

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("comparar/", views.compare, name="compare"),
    path("comunas/<str:cut>/similares/", views.comuna_similar, name="comuna_similar"),
    path("comunas/<str:cut>/informe/", views.comuna_report_page, name="comuna_report"),
    path("comunas/<str:cut>/informe.pdf", views.comuna_report_pdf, name="comuna_report_pdf"),
    path("<indicator_code:code>/", views.indicator_detail, name="indicator_detail"),
    path("<indicator_code:code>/descargar.csv", views.indicator_csv, name="indicator_csv"),
    path("<indicator_code:code>/descargar.xlsx", views.indicator_xlsx, name="indicator_xlsx"),
]
