from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region, Typology


class ComunaFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Región"), required=False)
    typology = forms.ChoiceField(
        label=_("Tipología"), required=False, choices=[("", _("Todas"))] + list(Typology.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Todas"))] + [(r.code, r.name) for r in Region.objects.all()]


class TypologyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_("Dos columnas: código CUT y tipología (Metropolitanas, Mayores, Urbanas medianas o "
                    "Rurales/semiurbanas), separadas por coma o punto y coma."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("El archivo supera 1 MB; una clasificación de 346 comunas es mucho menor."))
        return upload
