from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge
from hub.observatory.models import Indicator
from hub.portfolio.models import LibraryItem

from .models import (
    AgendaItem,
    EvidenceLink,
    InternationalNetwork,
    ItemKind,
    ItemStage,
    Mention,
    NetworkActivity,
    Participation,
    Position,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Tipo"), required=False, choices=[("", _("Todos"))] + list(ItemKind.choices))
    stage = forms.ChoiceField(label=_("Etapa"), required=False, choices=[("", _("Todas"))] + list(ItemStage.choices))
    challenge = forms.ChoiceField(
        label=_("Desafío"), required=False, choices=[("", _("Todos"))] + list(Challenge.choices)
    )


class ItemForm(forms.ModelForm):
    challenges = forms.MultipleChoiceField(
        label=_("Desafíos que toca"), choices=Challenge.choices, widget=forms.CheckboxSelectMultiple
    )
    stage_since = forms.DateField(label=_("Fecha de ingreso o inicio"), required=False, widget=DATE)

    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "boletin", "chamber", "institution", "summary", "official_url"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["kind"]
            del self.fields["stage_since"]
            self.initial.setdefault("challenges", self.instance.challenge_codes)


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Nueva etapa"))
    on = forms.DateField(label=_("Fecha del trámite"), widget=DATE)
    note = forms.CharField(label=_("Nota"), required=False, max_length=500)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["kind", "title", "summary", "on", "library_item", "committee", "url"]
        widgets = {"on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library_item"].queryset = LibraryItem.objects.order_by("-year", "title")


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = EvidenceLink
        fields = ["kind", "indicator", "library_item", "title", "url", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_public=True).order_by("code")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} · {i.name_es}"
        self.fields["library_item"].queryset = LibraryItem.objects.order_by("-year", "title")
        self.fields["title"].help_text = _("Solo pilotos: el nombre del piloto.")
        self.fields["url"].help_text = _("Solo pilotos: el enlace a la página del piloto (p. ej. /pilotos/3/).")


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["on", "title", "body_kind", "body_name", "kind", "represented_by", "document_title",
                  "document_url", "agenda_item", "network", "challenge"]
        widgets = {"on": DATE}


class MentionForm(forms.ModelForm):
    class Meta:
        model = Mention
        fields = ["kind", "title", "outlet", "on", "url", "challenge"]
        widgets = {"on": DATE}


class NetworkForm(forms.ModelForm):
    class Meta:
        model = InternationalNetwork
        fields = ["name", "short_name", "relation", "since_year", "description", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NetworkActivityForm(forms.ModelForm):
    network = forms.ModelChoiceField(label=_("Red"), queryset=InternationalNetwork.objects.all())

    class Meta:
        model = NetworkActivity
        fields = ["network", "on", "title", "description", "url"]
        widgets = {"on": DATE, "description": forms.Textarea(attrs={"rows": 3})}
