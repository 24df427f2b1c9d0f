from django import forms
from django.utils.translation import gettext_lazy as _

from .importers import IMPORTERS, ImportStructureError
from .importers.generic import load_mapping

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
EXTENSIONS = (".csv", ".csv.gz", ".gz", ".json", ".xlsx")


class ImportUploadForm(forms.Form):
    importer = forms.ChoiceField(
        label=_("Importador"),
        choices=[(key, cls.label) for key, cls in IMPORTERS.items()],
        help_text=_("La fuente del archivo. Use «Genérico» para un archivo ordenado con su definición."),
    )
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_("CSV (también .csv.gz), JSON o XLSX; máximo 100 MB."),
    )
    dry_run = forms.BooleanField(
        label=_("Simulación (validar sin guardar)"), required=False,
        help_text=_("Muestra el informe completo sin modificar la base de datos."),
    )
    period = forms.RegexField(
        label=_("Periodo (AAAA)"), regex=r"^\d{4}$", required=False,
        help_text=_("Solo para fuentes sin fecha, como el registro de establecimientos de MINSAL."),
        error_messages={"invalid": _("Escriba el año con cuatro dígitos, por ejemplo 2024.")},
    )
    mapping = forms.CharField(
        label=_("Definición del importador genérico (JSON)"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_('Por ejemplo: {"indicator": "pobreza_ingresos", "columns": {"cut": "CUT", "value": "valor"}}'),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("El archivo supera los 100 MB."))
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Formato no soportado: suba un archivo .csv, .csv.gz, .json o .xlsx."))
        return upload

    def clean(self):
        data = super().clean()
        if data.get("importer") == "generic":
            if not (data.get("mapping") or "").strip():
                self.add_error("mapping", _("El importador genérico necesita su definición en JSON."))
            else:
                try:
                    data["mapping_parsed"] = load_mapping(data["mapping"])
                except ImportStructureError as exc:
                    self.add_error("mapping", str(exc))
        return data

    def options(self) -> dict:
        options = {}
        if self.cleaned_data.get("period"):
            options["period"] = self.cleaned_data["period"]
        if self.cleaned_data.get("mapping_parsed") is not None:
            options["mapping"] = self.cleaned_data["mapping_parsed"]
        return options
