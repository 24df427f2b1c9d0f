from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, SolutionKind, WorkLine
from hub.core.uploads import PDF_MAX_BYTES
from hub.core.uploads import validate_pdf as pdf_validate
from hub.territory.models import Comuna, Region, Typology

from .models import LibraryItem, LibraryKind, QualityCriterion, Solution, SubTheme, Verdict


def _blank(choices):
    return [("", _("Todas"))] + list(choices)


class SolutionFilterForm(forms.Form):
    work_line = forms.ChoiceField(label=_("Línea de trabajo"), choices=_blank(WorkLine.choices), required=False)
    challenge = forms.ChoiceField(label=_("Desafío"), choices=_blank(Challenge.choices), required=False)
    kind = forms.ChoiceField(label=_("Tipo de solución"), choices=_blank(SolutionKind.choices), required=False)
    typology = forms.ChoiceField(label=_("Tipología comunal"), choices=_blank(Typology.choices), required=False)


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=200)
    work_line = forms.ChoiceField(label=_("Línea de trabajo"), choices=_blank(WorkLine.choices), required=False)
    challenge = forms.ChoiceField(label=_("Desafío"), choices=_blank(Challenge.choices), required=False)
    kind = forms.ChoiceField(label=_("Tipo"), choices=_blank(LibraryKind.choices), required=False)
    typology = forms.ChoiceField(label=_("Tipología comunal"), choices=_blank(Typology.choices), required=False)
    year = forms.IntegerField(label=_("Año"), required=False, min_value=1900, max_value=2100)


class SolutionForm(forms.ModelForm):
    """The solution plus one service-model text per typology (blank = not aimed at that typology)."""

    class Meta:
        model = Solution
        fields = ["title", "summary", "description", "work_line", "challenge", "subtheme", "kind", "owner_unit"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {m.typology: m.description for m in self.instance.service_models.all()}
        for code, label in Typology.choices:
            self.fields[f"sm_{code}"] = forms.CharField(
                label=_("Modelo de servicio: %(t)s") % {"t": label},
                required=False,
                initial=existing.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Qué cambia para este tipo de comuna. Déjelo vacío si la solución no se dirige a ella."),
            )

    def service_models(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"sm_{code}", "") for code in Typology.values}

    def service_model_fields(self):
        return [self[f"sm_{code}"] for code in Typology.values]

    def main_fields(self):
        return [self[name] for name in self.Meta.fields]


class ReviewForm(forms.Form):
    """One verdict and comment per active quality criterion."""

    def __init__(self, *args, criteria: list[QualityCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"verdict_{c.pk}"] = forms.ChoiceField(
                label=c.name,
                choices=[("", _("Sin veredicto"))] + list(Verdict.choices),
                required=False,
                help_text=c.description,
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comentario"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self):
        return [(c, self[f"verdict_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def verdicts(self) -> dict[int, tuple[str, str]]:
        result = {}
        for c in self.criteria:
            verdict = self.cleaned_data.get(f"verdict_{c.pk}")
            if verdict:
                result[c.pk] = (verdict, self.cleaned_data.get(f"comment_{c.pk}", ""))
        return result


class LibraryItemForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Archivo PDF"),
        required=False,
        help_text=_("Un PDF de hasta %(mb)d MB.") % {"mb": PDF_MAX_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    comunas = forms.ModelMultipleChoiceField(
        label=_("Comunas cubiertas"), queryset=Comuna.objects.order_by("name"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regiones cubiertas"), queryset=Region.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = LibraryItem
        fields = ["title", "kind", "summary", "authors", "year", "work_line", "challenge", "licence", "is_premium"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        pdf_validate(upload)
        return upload


class SubThemeForm(forms.ModelForm):
    class Meta:
        model = SubTheme
        fields = ["challenge", "name"]
