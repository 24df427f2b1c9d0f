import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    PUBLISHED_STATUSES,
    ActorType,
    AgreedAction,
    Agreement,
    AgreementStatus,
    Organization,
    OrganizationKind,
    PartyRole,
    Project,
    ProjectStatus,
    WorkingGroup,
    WorkingGroupMember,
    WorkingGroupSession,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ClpField(forms.CharField):
    """Whole Chilean pesos; accepts "15000000", "15.000.000" or "$15.000.000"."""

    default_error_messages = {
        "invalid": _("Escriba el monto en pesos chilenos, solo números enteros (p. ej. 15.000.000)."),
        "positive": _("El monto debe ser mayor que cero: escriba un número entero positivo de pesos."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = value.replace("$", "").replace(".", "").replace(" ", "").strip()
        if not re.fullmatch(r"-?\d+", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(text)
        if amount <= 0:
            raise forms.ValidationError(self.error_messages["positive"], code="positive")
        return amount


class FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "actor_type",
            "kind",
            "country",
            "rut",
            "comuna",
            "website",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        help_texts = {"country": _("CL para entidades chilenas; DE, US, etc. para extranjeras.")}

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()


class OrganizationFilterForm(FilterForm):
    q = forms.CharField(label=_("Buscar"), required=False)
    actor_type = forms.ChoiceField(
        label=_("Tipo de actor"), required=False, choices=[("", _("Todos"))] + list(ActorType.choices)
    )
    kind = forms.ChoiceField(
        label=_("Tipo de organización"), required=False, choices=[("", _("Todos"))] + list(OrganizationKind.choices)
    )


class AgreementFilterForm(FilterForm):
    q = forms.CharField(label=_("Buscar"), required=False)
    actor_type = forms.ChoiceField(
        label=_("Tipo de actor"), required=False, choices=[("", _("Todos"))] + list(ActorType.choices)
    )
    status = forms.ChoiceField(label=_("Estado"), required=False)
    year = forms.IntegerField(label=_("Año de vigencia"), required=False, min_value=1990, max_value=2100)
    organization = forms.ModelChoiceField(
        label=_("Organización"), required=False, queryset=Organization.objects.all(), empty_label=_("Todas")
    )

    def __init__(self, *args, include_drafts: bool = False, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        statuses = [s for s in AgreementStatus if include_drafts or s in PUBLISHED_STATUSES]
        self.fields["status"].choices = [("", _("Todos"))] + [(s.value, s.label) for s in statuses]
        self.years = years


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "purpose", "start_date", "end_date", "projects", "solutions"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "projects": forms.CheckboxSelectMultiple,
            "solutions": forms.CheckboxSelectMultiple,
        }


class PartyForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organización"), queryset=Organization.objects.all())
    role = forms.ChoiceField(label=_("Rol"), choices=PartyRole.choices)


class TransferForm(forms.Form):
    payer = forms.ModelChoiceField(label=_("Quién paga"), queryset=Organization.objects.none())
    payee = forms.ModelChoiceField(label=_("Quién recibe"), queryset=Organization.objects.none())
    amount_clp = ClpField(label=_("Monto (CLP)"))
    concept = forms.CharField(label=_("Concepto"), max_length=200)

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Organization.objects.filter(agreement_parties__agreement=agreement)
        self.fields["payer"].queryset = parties
        self.fields["payee"].queryset = parties

    def clean(self):
        data = super().clean()
        if data.get("payer") and data.get("payer") == data.get("payee"):
            self.add_error("payee", _("Quien paga y quien recibe deben ser organizaciones distintas."))
        return data


class TransitionForm(forms.Form):
    ACTIONS = [
        ("sign", _("Marcar como firmado")),
        ("activate", _("Marcar como vigente")),
        ("finish", _("Marcar como finalizado")),
        ("terminate", _("Terminar anticipadamente")),
    ]
    action = forms.ChoiceField(label=_("Acción"), choices=ACTIONS)
    document = forms.FileField(label=_("Convenio firmado (PDF, máx. 10 MB)"), required=False)
    signed_on = forms.DateField(label=_("Fecha de firma"), required=False, widget=DateInput())
    reason = forms.CharField(
        label=_("Motivo del término anticipado"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "purpose", "organizations", "is_active"]
        widgets = {"organizations": forms.CheckboxSelectMultiple}


class MemberForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupMember
        fields = ["user", "external_name", "organization", "role"]
        help_texts = {"external_name": _("Solo si la persona no tiene cuenta en la plataforma.")}

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group


class SessionForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupSession
        fields = ["date", "title", "minutes"]
        widgets = {"date": DateInput()}


class ActionForm(forms.ModelForm):
    class Meta:
        model = AgreedAction
        fields = ["description", "owner", "due_date", "done"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = group.members.select_related("user")


class ProjectForm(forms.ModelForm):
    budget_clp = ClpField(label=_("Presupuesto (CLP)"), required=False)

    class Meta:
        model = Project
        fields = ["name", "description", "status", "budget_clp", "start_date", "end_date", "organizations", "comunas"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "organizations": forms.CheckboxSelectMultiple,
        }
        help_texts = {"comunas": _("Mantenga presionada la tecla Ctrl (⌘ en Mac) para elegir varias.")}


class ProjectFilterForm(FilterForm):
    q = forms.CharField(label=_("Buscar"), required=False)
    status = forms.ChoiceField(
        label=_("Estado"), required=False, choices=[("", _("Todos"))] + list(ProjectStatus.choices)
    )
