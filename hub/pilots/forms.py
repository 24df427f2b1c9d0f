"""Forms of the pilot pages: they parse input into what the services take; the rules live in services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.accounts.models import User
from hub.observatory.models import Indicator
from hub.partners.models import PUBLISHED_STATUSES, Agreement
from hub.portfolio.models import Solution, SolutionStatus
from hub.territory.models import Typology

from . import registration
from .models import AffectedProduct, AmendmentTiming, Estimator, Pilot, PilotStatus, ResultLabel, TeamRole

CUT_SPLIT = re.compile(r"[\s,;]+")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def split_list(text: str) -> list[str]:
    return [part for part in CUT_SPLIT.split(text or "") if part]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Estado"), required=False,
                               choices=[("", _("Todos"))] + [c for c in PilotStatus.choices if c[0] != "diseno"])


class PilotForm(forms.ModelForm):
    class Meta:
        model = Pilot
        fields = ["title", "solution", "training_programme_name", "objective", "protocol", "start_date", "end_date",
                  "budget_clp"]
        widgets = {"start_date": DATE, "end_date": DATE, "objective": forms.Textarea(attrs={"rows": 3}),
                   "protocol": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"training_programme_name": _("Si el piloto prueba un programa de formación en vez de una "
                                                   "solución del portafolio.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].queryset = Solution.objects.filter(status=SolutionStatus.PUBLISHED).order_by("title")


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Persona"), queryset=User.objects.filter(is_active=True).order_by("username"))
    role = forms.ChoiceField(label=_("Rol"), choices=TeamRole.choices)


class CandidatesForm(forms.Form):
    cuts = forms.CharField(label=_("Códigos CUT de las comunas candidatas"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Separados por comas o espacios, p. ej. 13120, 09101."))
    origin = forms.CharField(label=_("Origen de la candidatura"), max_length=300, required=False,
                             help_text=_("p. ej. «Comuna socia que lo solicitó en la mesa de seguridad»."))


class DrawForm(forms.Form):
    seed = forms.IntegerField(label=_("Semilla (opcional)"), required=False, min_value=0, max_value=2**31,
                              help_text=_("Déjela vacía para que la plataforma genere y guarde una."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for typology in Typology:
            self.fields[f"quota_{typology.value}"] = forms.IntegerField(
                label=_("Cuota: %(t)s") % {"t": typology.label}, min_value=0, max_value=20, initial=1)

    def quotas(self) -> dict[str, int]:
        return {t.value: self.cleaned_data[f"quota_{t.value}"] or 0 for t in Typology}


class ManualSelectionForm(forms.Form):
    choices = forms.CharField(
        label=_("Comunas elegidas y su razón"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Una por línea: «CUT: razón», p. ej. «13120: tiene equipo de prevención y datos mensuales»."))

    def reasons(self) -> dict[str, str]:
        out = {}
        for line in self.cleaned_data["choices"].splitlines():
            if line.strip():
                cut, _sep, reason = line.partition(":")
                out[cut.strip()] = reason.strip()
        return out


class CommitmentForm(forms.Form):
    comuna = forms.ChoiceField(label=_("Comuna"))
    counterpart = forms.CharField(label=_("Contraparte municipal (nombre y cargo)"), max_length=200)
    signed_on = forms.DateField(label=_("Fecha de firma"), widget=DATE)
    document = forms.FileField(label=_("Compromiso firmado (PDF)"), required=False)
    agreement = forms.ModelChoiceField(label=_("o un convenio firmado"), required=False,
                                       queryset=Agreement.objects.filter(status__in=PUBLISHED_STATUSES))
    data_to_deliver = forms.CharField(label=_("Datos que entrega la comuna"), max_length=500, required=False)

    def __init__(self, *args, comunas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comuna"].choices = [(c.comuna_id, c.comuna.name) for c in comunas]


class RegistrationForm(forms.Form):
    hipotesis = forms.CharField(label=_("Hipótesis confirmatorias"), max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    indicadores_proceso = forms.CharField(
        label=_("Indicadores de proceso"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Uno por línea: «nombre | definición | meta», p. ej. «Patrullajes | Rondas mensuales | 20»."))
    periodo_base = forms.CharField(label=_("Periodos de línea base (años)"), max_length=200, required=False,
                                   help_text=_("p. ej. 2018, 2019, 2020, 2021"))
    periodos_seguimiento = forms.CharField(label=_("Periodos de seguimiento (años)"), max_length=200, required=False)
    comunas_comparacion = forms.CharField(
        label=_("Comunas de comparación (CUT)"), max_length=2000, required=False,
        help_text=_("Sugeridas automáticamente: comunas similares no tratadas de la misma tipología."))
    estimador = forms.ChoiceField(label=_("Estimador"), choices=Estimator.choices)
    datos_faltantes = forms.CharField(
        label=_("Tratamiento de datos faltantes"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_("Casos completos: se excluye la comuna sin dato en algún periodo registrado, y se informa."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = [("", _("— propio del piloto —"))] + list(
            Indicator.objects.filter(is_public=True).order_by("name_es").values_list("code", "name_es"))
        for i in range(1, registration.MAX_PRIMARY + 1):
            self.fields[f"r{i}_indicador"] = forms.ChoiceField(label=_("Resultado %(i)s: indicador") % {"i": i},
                                                               choices=codes, required=False)
            self.fields[f"r{i}_nombre"] = forms.CharField(label=_("nombre"), max_length=200, required=False)
            self.fields[f"r{i}_definicion"] = forms.CharField(label=_("definición (si es propio)"), max_length=1000,
                                                              required=False)
            self.fields[f"r{i}_direccion"] = forms.ChoiceField(
                label=_("dirección"), required=False, choices=[("", "—"), *registration.DIRECTIONS.items()])
            self.fields[f"r{i}_umbral"] = forms.FloatField(
                label=_("umbral de éxito (mejora mínima, en unidades del indicador)"), required=False, min_value=0)

    @classmethod
    def initial_from(cls, content: dict) -> dict:
        initial = {
            "hipotesis": content.get("hipotesis", ""),
            "indicadores_proceso": "\n".join(
                " | ".join([p.get("nombre", ""), p.get("definicion", ""), str(p.get("meta", ""))])
                for p in content.get("indicadores_proceso") or []),
            "periodo_base": ", ".join(content.get("periodo_base") or []),
            "periodos_seguimiento": ", ".join(content.get("periodos_seguimiento") or []),
            "comunas_comparacion": ", ".join(content.get("comunas_comparacion") or []),
            "estimador": content.get("estimador"),
        }
        if content.get("datos_faltantes"):
            initial["datos_faltantes"] = content["datos_faltantes"]
        for i, outcome in enumerate(content.get("resultados_primarios") or [], start=1):
            for key in ("indicador", "nombre", "definicion", "direccion", "umbral"):
                initial[f"r{i}_{key}"] = outcome.get(key)
        return initial

    def to_content(self, base: dict) -> dict:
        data = self.cleaned_data
        outcomes = []
        for i in range(1, registration.MAX_PRIMARY + 1):
            code, name = data.get(f"r{i}_indicador") or "", (data.get(f"r{i}_nombre") or "").strip()
            if not code and not name:
                continue
            outcomes.append({"indicador": code, "nombre": name, "definicion": data.get(f"r{i}_definicion") or "",
                             "direccion": data.get(f"r{i}_direccion") or "",
                             "umbral": data.get(f"r{i}_umbral") if data.get(f"r{i}_umbral") is not None else -1.0})
        process = []
        for line in (data.get("indicadores_proceso") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if parts and parts[0]:
                process.append({"nombre": parts[0], "definicion": parts[1] if len(parts) > 1 else "",
                                "meta": parts[2] if len(parts) > 2 else ""})
        return {
            **base,
            "hipotesis": (data.get("hipotesis") or "").strip(),
            "resultados_primarios": outcomes,
            "indicadores_proceso": process,
            "periodo_base": sorted(split_list(data.get("periodo_base"))),
            "periodos_seguimiento": sorted(split_list(data.get("periodos_seguimiento"))),
            "comunas_comparacion": sorted(set(split_list(data.get("comunas_comparacion")))),
            "estimador": data.get("estimador"),
            "datos_faltantes": (data.get("datos_faltantes") or "").strip(),
        }


class AmendmentForm(RegistrationForm):
    reason = forms.CharField(label=_("Motivo de la enmienda"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    timing = forms.ChoiceField(label=_("Momento respecto de los datos"), choices=AmendmentTiming.choices,
                               widget=forms.RadioSelect)


class MeasurementForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicador"))
    comuna = forms.ChoiceField(label=_("Comuna"))
    period = forms.RegexField(label=_("Periodo"), regex=r"^[0-9]{4}(-[0-9]{2})?$", max_length=7,
                              help_text=_("Año (2024) o año-mes (2024-03)."),
                              error_messages={"invalid": _("Use el formato 2024 o 2024-03.")})
    value = forms.FloatField(label=_("Valor"))
    evidence = forms.FileField(label=_("Evidencia (archivo)"), required=False)
    note = forms.CharField(label=_("Nota"), max_length=500, required=False)

    def __init__(self, *args, indicators=(), comunas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(n, n) for n in indicators]
        self.fields["comuna"].choices = [(r.cut, f"{r.name} ({r.role})") for r in comunas]


class AdjustmentForm(forms.Form):
    what = forms.CharField(label=_("Qué se ajustó"), max_length=300)
    why = forms.CharField(label=_("Por qué"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    product = forms.ChoiceField(label=_("Producto afectado"), choices=AffectedProduct.choices)
    evidence = forms.FileField(label=_("Evidencia (archivo)"), required=False)
    evidence_note = forms.CharField(label=_("Evidencia (descripción)"), max_length=500, required=False)


class CloseForm(forms.Form):
    label = forms.ChoiceField(label=_("Calificación del caso"), choices=ResultLabel.choices,
                              widget=forms.RadioSelect)
    learning_summary = forms.CharField(label=_("Aprendizajes"), max_length=8000,
                                       widget=forms.Textarea(attrs={"rows": 5}))
