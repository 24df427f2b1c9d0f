from django import forms
from django.utils.translation import gettext_lazy as _

from .importers import IMPORTERS, ImportStructureError
from .mapping import load_mapping

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
        label=_("Simulación (validar sin guardar)"), required=False, initial=True,
        help_text=_("Muestra primero la vista previa (indicadores y unidades que se crearían, valores por "
                    "indicador) sin modificar la base de datos; luego confirme desde esa página."),
    )
    period = forms.RegexField(
        label=_("Periodo (AAAA)"), regex=r"^\d{4}$", required=False,
        help_text=_("Solo para fuentes sin fecha, como el registro de establecimientos de MINSAL."),
        error_messages={"invalid": _("Escriba el año con cuatro dígitos, por ejemplo 2024.")},
    )
    mapping = forms.CharField(
        label=_("Definición del importador genérico (JSON)"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_('Por ejemplo: {"indicator": "pobreza_ingresos", "columns": {"cut": "CUT", "value": "valor"}}. '
                    'Con «indicators» o «create_indicators» crea los indicadores que falten (ver la guía).'),
    )
    encoding = forms.ChoiceField(
        label=_("Codificación del CSV"), required=False,
        choices=[("auto", _("Detectar automáticamente")), ("utf-8", "UTF-8"), ("latin-1", "Latin-1 (ISO-8859-1)"),
                 ("cp1252", "Windows-1252")],
        help_text=_("Los portales chilenos suelen publicar en Latin-1 o Windows-1252."),
    )
    delimiter = forms.ChoiceField(
        label=_("Separador del CSV"), required=False,
        choices=[("auto", _("Detectar automáticamente")), (",", _("Coma (,)")), (";", _("Punto y coma (;)")),
                 ("tab", _("Tabulador")), ("|", _("Barra (|)"))],
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
            mapping = dict(self.cleaned_data["mapping_parsed"])
            for key in ("encoding", "delimiter"):
                chosen = self.cleaned_data.get(key) or "auto"
                if chosen != "auto":  # the form's choice wins over the mapping's
                    mapping[key] = "\t" if chosen == "tab" else chosen
            options["mapping"] = mapping
        return options


class IndicatorForm(forms.ModelForm):
    """The staff indicator form outside the admin, with help for every field."""

    class Meta:
        from .models import Indicator

        model = Indicator
        fields = ["code", "name_es", "name_en", "definition", "unit", "theme", "source", "periodicity", "direction",
                  "aggregation", "numerator", "denominator", "scale", "decimals", "is_public"]
        help_texts = {
            "code": _("Minúsculas sin tildes, dígitos y «_», p. ej. «tasa_delitos». Aparece en la URL y en la API."),
            "name_es": _("Nombre corto que verá el público."),
            "definition": _("Qué mide, cómo se calcula y a qué se refiere cada valor."),
            "unit": _("Unidad de medida; si falta, créela abajo en «Unidades»."),
            "theme": _("Desafío del Hub o tema de contexto donde se lista."),
            "direction": _("Si un valor más alto es mejor, peor o neutral (colores del ranking)."),
            "aggregation": _("Cómo se calcula el total regional y nacional: suma, razón desde numerador y "
                             "denominador, o sin agregado."),
            "numerator": _("Solo para razones calculadas desde otros indicadores."),
            "denominator": _("Solo para razones: valor = numerador ÷ denominador × escala."),
            "scale": _("Multiplicador de la razón: 100 para porcentajes, 100000 para tasas por 100.000 hab."),
            "is_public": _("Desmarque para cargar datos sin publicarlos aún."),
        }
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import MeasureUnit

        self.fields["unit"] = forms.ChoiceField(
            label=_("Unidad"), choices=[(u.code, f"{u.name_es} ({u.code})") for u in MeasureUnit.objects.all()],
            help_text=self._meta.help_texts["unit"],
        )
        if self.instance.pk:
            self.fields["code"].disabled = True
        else:  # typed freely, normalised to lowercase snake case in clean_code
            self.fields["code"] = forms.CharField(label=_("Código"), max_length=100,
                                                  help_text=self._meta.help_texts["code"])

    def clean_code(self):
        from .mapping import normalise_code

        code = self.cleaned_data["code"]
        return code if self.instance.pk else normalise_code(code) or code

    def clean(self):
        data = super().clean()
        ratio = data.get("aggregation") == "ratio"
        if bool(data.get("numerator")) != bool(data.get("denominator")):
            self.add_error("denominator", _("Numerador y denominador van juntos."))
        if (data.get("numerator") or data.get("denominator")) and not ratio:
            self.add_error("aggregation", _("Con numerador y denominador la agregación debe ser «razón»."))
        return data


class UnitForm(forms.ModelForm):
    class Meta:
        from .models import MeasureUnit

        model = MeasureUnit
        fields = ["code", "name_es", "name_en", "symbol", "display", "kind", "min_value", "max_value", "whole"]
        help_texts = {
            "kind": _("Cómo se validan los valores al importar: conteos enteros ≥ 0, porcentajes 0–100…"),
            "min_value": _("Valores menores se rechazan al importar (vacío = sin mínimo)."),
            "max_value": _("Valores mayores se rechazan al importar (vacío = sin máximo)."),
        }
