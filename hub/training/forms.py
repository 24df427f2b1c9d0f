"""Forms of formación: they only parse and validate input; services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.territory.models import Typology

from .models import Assessment, Cohort, Programme, Session


class ProgrammeForm(forms.ModelForm):
    typologies = forms.MultipleChoiceField(label=_("Tipologías comunales"), choices=Typology.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Programme
        fields = ["title", "summary", "work_line", "challenge", "audience", "typologies", "hours",
                  "learning_outcomes", "solution", "validity_months", "is_published"]
        widgets = {"learning_outcomes": forms.Textarea(attrs={"rows": 5})}


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["programme", "name", "start_date", "end_date", "enrolment_deadline", "modality", "place", "region",
                  "capacity", "fee_member_clp", "fee_other_clp", "instructors"]
        widgets = {f: forms.DateInput(attrs={"type": "date"}) for f in ("start_date", "end_date", "enrolment_deadline")}


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "duration_minutes", "place"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["title", "weight", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
