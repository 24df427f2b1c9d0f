from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, WorkLine

from .models import (
    Currency,
    Engagement,
    RecommendationPriority,
    TeamRole,
    UpdateKind,
)
from .questionnaire import SCALE, SCALE_CHOICES, questions_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(forms.ModelForm):
    comuna = forms.ChoiceField(label=_("Comuna"), required=False)
    client_organization = forms.ModelChoiceField(
        label=_("Organización cliente (solo equipo del Hub)"), required=False, queryset=None,
        help_text=_("Para gobiernos regionales, ministerios u otras organizaciones: deje la comuna en blanco."),
    )

    class Meta:
        model = Engagement
        fields = ["title", "problem", "challenge", "work_line", "desired_start", "desired_end", "contact_name",
                  "contact_email", "contact_phone", "client_kind"]
        widgets = {"desired_start": DATE, "desired_end": DATE, "problem": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"problem": _("Qué problema quiere resolver, desde cuándo y a quién afecta.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from hub.partners.models import Organization
        from hub.territory.models import Comuna

        self.fields["challenge"].choices = Challenge.choices
        self.fields["work_line"].choices = WorkLine.choices
        self.fields["work_line"].initial = WorkLine.ASISTENCIA
        if user is not None and user.is_hub_staff:
            comunas = Comuna.objects.order_by("name").values_list("cut", "name")
            self.fields["client_organization"].queryset = Organization.objects.exclude(kind="municipalidad")
            self.fields["comuna"].choices = [("", _("— ninguna (otra organización) —")), *comunas]
        else:
            comunas = user.comunas.order_by("name").values_list("cut", "name") if user is not None else []
            self.fields["comuna"].choices = list(comunas)
            self.fields["comuna"].required = True
            del self.fields["client_organization"]
            del self.fields["client_kind"]

    def clean_comuna(self):
        from hub.territory.models import Comuna

        cut = self.cleaned_data.get("comuna")
        return Comuna.objects.filter(cut=cut).first() if cut else None

    def _post_clean(self):
        # Comuna / organisation are checked by the service (it is where the access rule lives).
        pass


def self_assessment_form(challenge: str, data=None, initial=None) -> forms.Form:
    form = forms.Form(data=data, initial=initial or {})
    for key, text, kind in questions_for(challenge):
        if kind == SCALE:
            form.fields[key] = forms.TypedChoiceField(label=text, choices=SCALE_CHOICES, coerce=int,
                                                      widget=forms.RadioSelect)
        else:
            form.fields[key] = forms.CharField(label=text, required=False, max_length=2000,
                                               widget=forms.Textarea(attrs={"rows": 3}))
    return form


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Persona"), queryset=None)
    role = forms.ChoiceField(label=_("Rol"), choices=TeamRole.choices)
    has_conflict = forms.BooleanField(label=_("Declara un conflicto de interés"), required=False)
    conflict_description = forms.CharField(label=_("Conflicto declarado"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hub.accounts.models import Role, User

        self.fields["user"].queryset = User.objects.filter(is_active=True, role__in=[Role.HUB_STAFF, Role.OFFICIAL]) \
            .order_by("role", "last_name", "username")


class ProposalForm(forms.Form):
    scope = forms.CharField(label=_("Alcance y metodología"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    proposal_date = forms.DateField(label=_("Fecha de la propuesta"), widget=DATE)
    currency = forms.ChoiceField(label=_("Moneda"), choices=Currency.choices)
    uf_value = forms.CharField(label=_("Valor de la UF en esa fecha (CLP)"), required=False, max_length=20,
                               help_text=_("Solo si la propuesta es en UF, p. ej. 39.485,65. Queda fijo."))
    expenses = forms.CharField(label=_("Gastos (en la moneda elegida)"), required=False, max_length=20)
    duration_days = forms.IntegerField(label=_("Plazo (días corridos)"), min_value=1, max_value=1500)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=2000)


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=200)
    file = forms.FileField(label=_("Archivo PDF (máx. 10 MB)"))


class ScopeChangeForm(forms.Form):
    justification = forms.CharField(label=_("Justificación"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    delta_fee_clp = forms.IntegerField(label=_("Cambio en el honorario (CLP, puede ser negativo)"), initial=0,
                                       min_value=-10**12, max_value=10**12)
    delta_days = forms.IntegerField(label=_("Cambio en el plazo (días)"), initial=0, min_value=-3650, max_value=3650)


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recomendación"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Responsable en el cliente"), max_length=150)
    due_date = forms.DateField(label=_("Fecha objetivo"), widget=DATE)
    priority = forms.ChoiceField(label=_("Prioridad"), choices=RecommendationPriority.choices,
                                 initial=RecommendationPriority.MEDIA)
    indicator = forms.ModelChoiceField(label=_("Indicador del observatorio (opcional)"), required=False,
                                       queryset=None)

    def __init__(self, *args, comuna_cut=None, **kwargs):
        super().__init__(*args, **kwargs)
        from hub.observatory.models import Indicator

        qs = Indicator.objects.filter(is_public=True).order_by("name_es")
        if comuna_cut:
            qs = qs.filter(observations__comuna_id=comuna_cut).distinct()
        else:
            qs = qs.none()
        self.fields["indicator"].queryset = qs


class RecommendationUpdateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Situación"), choices=UpdateKind.choices)
    progress = forms.IntegerField(label=_("Avance (%)"), min_value=0, max_value=100, initial=0, required=False)
    on = forms.DateField(label=_("Fecha"), widget=DATE, required=False)
    note = forms.CharField(label=_("Detalle o motivo"), max_length=2000, required=False)


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Fecha de la revisión"), widget=DATE)
    summary = forms.CharField(label=_("Conclusiones"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(label=_("Satisfacción con la asistencia (1 a 7)"), coerce=int,
                                          choices=[(n, str(n)) for n in range(1, 8)], widget=forms.RadioSelect)
    would_recommend = forms.NullBooleanField(label=_("¿Recomendaría el Hub a otro municipio?"), required=False)
    comment = forms.CharField(label=_("Comentario"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
