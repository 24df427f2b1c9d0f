from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge

from .models import MAX_BODY, ReportReason

MARKDOWN_HELP = _("Puede usar Markdown: **negrita**, *cursiva*, listas con «-», enlaces [texto](https://…). "
                  "No se admite HTML.")


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    challenge = forms.ChoiceField(label=_("Desafío"), required=False,
                                  choices=[("", _("Todos"))] + list(Challenge.choices))
    show = forms.ChoiceField(label=_("Mostrar"), required=False, choices=[
        ("", _("Todas")), ("sin_respuesta", _("Sin respuesta")), ("mias", _("Mis preguntas")),
        ("sigo", _("Las que sigo")),
    ])


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Pregunta"), max_length=200, min_length=8,
        help_text=_("Por ejemplo: «¿Qué municipio ha implementado telemedicina en postas rurales?»"),
    )
    body = forms.CharField(label=_("Detalle"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=MARKDOWN_HELP)
    challenge = forms.ChoiceField(label=_("Desafío"), required=False,
                                  choices=[("", _("Ninguno en particular"))] + list(Challenge.choices))
    practice = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    solution = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Su respuesta"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=MARKDOWN_HELP)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Motivo (lo verá el autor)"), max_length=500, min_length=5)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Motivo"), choices=ReportReason.choices)
    detail = forms.CharField(label=_("Detalle (opcional)"), max_length=500, required=False)
