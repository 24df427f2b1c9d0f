from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.access import is_hub_staff, user_comuna_cuts
from hub.core.taxonomy import Challenge
from hub.territory.models import Comuna, Region, Typology

from .models import Practice, Registration, Replication


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    challenge = forms.ChoiceField(
        label=_("Desafío"), required=False, choices=[("", _("Todos"))] + list(Challenge.choices)
    )
    region = forms.ChoiceField(label=_("Región"), required=False)
    typology = forms.ChoiceField(
        label=_("Tipología"), required=False, choices=[("", _("Todas"))] + list(Typology.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Todas"))] + [(r.code, r.name) for r in Region.objects.all()]


def _own_comunas(user):
    if is_hub_staff(user):
        return Comuna.objects.order_by("name")
    return Comuna.objects.filter(cut__in=user_comuna_cuts(user)).order_by("name")


class PracticeForm(forms.ModelForm):
    comuna = forms.ModelChoiceField(label=_("Comuna"), queryset=Comuna.objects.none())

    class Meta:
        model = Practice
        fields = [
            "comuna", "title", "challenge", "problem", "solution", "results", "cost_clp", "contact_name",
            "contact_email", "contact_consent",
        ]
        help_texts = {
            "cost_clp": _("Opcional. En pesos chilenos, sin puntos (p. ej. 12500000)."),
            "results": _("Qué cambió, con cifras y su fuente cuando las haya."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comuna"].queryset = _own_comunas(user)
        if self.instance.pk:
            # The comuna of a practice never changes: it is who shares it.
            del self.fields["comuna"]


class ReplicationForm(forms.ModelForm):
    comuna = forms.ModelChoiceField(label=_("Comuna que replica"), queryset=Comuna.objects.none())

    class Meta:
        model = Replication
        fields = ["comuna", "status", "start_date", "end_date", "results", "lessons"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, practice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["end_date"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        if self.instance.pk:
            del self.fields["comuna"]
            return
        qs = _own_comunas(user)
        if practice is not None:
            qs = qs.exclude(cut=practice.comuna_id)
        self.fields["comuna"].queryset = qs

    def _post_clean(self):
        # Business rules (published practice, own comuna, transitions) are checked by the services.
        pass

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                _("La fecha de término no puede ser anterior a la de inicio. Corrija una de las dos fechas."),
            )
        return data


class RegistrationForm(forms.ModelForm):
    comuna = forms.ModelChoiceField(label=_("Comuna"), queryset=Comuna.objects.none(), required=False)

    class Meta:
        model = Registration
        fields = ["name", "email", "comuna"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["comuna"]
            return
        self.fields["comuna"].queryset = _own_comunas(user)
        if getattr(user, "is_partner", False) and not user_comuna_cuts(user):
            # Partners register people of their organisation, not of a comuna.
            del self.fields["comuna"]
        elif not is_hub_staff(user):
            self.fields["comuna"].required = True

    def _post_clean(self):
        pass


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"), choices=[("publish", _("Publicar")), ("return", _("Devolver con observaciones"))]
    )
    comment = forms.CharField(label=_("Observaciones para la comuna"), required=False, widget=forms.Textarea)


class NominationForm(forms.Form):
    practice = forms.ModelChoiceField(label=_("Experiencia publicada"), queryset=Practice.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import published_practices

        self.fields["practice"].queryset = published_practices().order_by("title")
