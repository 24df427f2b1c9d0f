"""Forms of membresía y finanzas: they parse and explain input in Spanish; rules live in services.py."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import RevenueLine
from hub.partners.forms import ClpField, DateInput
from hub.partners.models import PUBLISHED_STATUSES, Agreement, Organization
from hub.territory.models import Comuna, Region, Typology

from .fees import ScaleRule
from .membership import MembershipState, add_months
from .models import Currency, DocumentType, ReviewDecision, ReviewPrinciple, SaasTool, ScaleKind


class BaseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def published_agreements():
    return Agreement.objects.filter(status__in=PUBLISHED_STATUSES).order_by("title")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("label", _("Año"))
        super().__init__(**kwargs)


# Fee scale -------------------------------------------------------------------------------------------------------


class ScaleForm(BaseForm):
    year = YearField()
    name = forms.CharField(label=_("Nombre de la propuesta"), max_length=150, required=False)
    kind = forms.ChoiceField(label=_("Tipo de escala"), choices=ScaleKind.choices, initial=ScaleKind.FORMULA)
    base_clp = ClpField(label=_("Cuota base (CLP)"), required=False)
    rate_per_inhabitant = forms.DecimalField(label=_("Tasa por habitante (CLP)"), min_value=0, max_digits=10,
                                             decimal_places=4, required=False, localize=True)
    minimum_clp = ClpField(label=_("Cuota mínima (CLP)"), required=False)
    maximum_clp = ClpField(label=_("Cuota máxima (CLP)"), required=False)
    bands = forms.CharField(
        label=_("Tramos (uno por línea: «hasta habitantes; cuota»; la última línea «*; cuota» sin límite)"),
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=2000,
    )
    members_only = forms.BooleanField(label=_("Mostrar solo comunas socias"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Typology.choices:
            self.fields[f"factor_{value}"] = forms.DecimalField(
                label=_("Factor %(t)s") % {"t": label}, min_value=Decimal("0.1"), max_value=Decimal("5"),
                max_digits=4, decimal_places=2, required=False, localize=True,
                help_text=_("1 = sin ajuste; p. ej. 0,8 rebaja 20 %."),
            )

    def clean(self):
        data = super().clean()
        bands = []
        if data.get("kind") == ScaleKind.BANDS:
            for number, line in enumerate((data.get("bands") or "").splitlines(), start=1):
                if not line.strip():
                    continue
                match = re.fullmatch(r"\s*(\*|[\d.]+)\s*;\s*\$?([\d.]+)\s*", line)
                if not match:
                    self.add_error("bands", _("Línea %(n)s: escriba «hasta habitantes; cuota», p. ej. «10.000; "
                                              "800.000».") % {"n": number})
                    continue
                up_to = None if match[1] == "*" else int(match[1].replace(".", ""))
                bands.append((up_to, int(match[2].replace(".", ""))))
            if not bands and "bands" not in self.errors:
                self.add_error("bands", _("Escriba al menos un tramo."))
        minimum, maximum = data.get("minimum_clp") or 0, data.get("maximum_clp")
        if maximum is not None and maximum < minimum:
            self.add_error("maximum_clp", _("La cuota máxima debe ser igual o mayor que la mínima."))
        data["parsed_bands"] = bands
        return data

    def rule(self) -> ScaleRule:
        data = self.cleaned_data
        return ScaleRule(
            kind=data["kind"], base_clp=data.get("base_clp") or 0,
            rate_per_inhabitant=data.get("rate_per_inhabitant") or Decimal("0"),
            minimum_clp=data.get("minimum_clp") or 0, maximum_clp=data.get("maximum_clp"),
            bands=data.get("parsed_bands", []),
            factors={t: data[f"factor_{t}"] for t in Typology.values if data.get(f"factor_{t}") is not None},
        )


class ApproveForm(BaseForm):
    decision_body = forms.CharField(label=_("Órgano que aprueba"), max_length=150, initial=_("Asamblea General"))
    decision_reference = forms.CharField(label=_("Referencia del acuerdo (acta)"), max_length=200)
    decision_date = forms.DateField(label=_("Fecha del acuerdo"), widget=DateInput())


# Membership ------------------------------------------------------------------------------------------------------


class MembershipFilterForm(BaseForm):
    state = forms.ChoiceField(label=_("Estado"), required=False,
                              choices=[("", _("Todos"))]
                              + [c for c in MembershipState.choices if c[0] != "sin_membresia"])
    region = forms.ModelChoiceField(label=_("Región"), queryset=Region.objects.order_by("order"), required=False,
                                    empty_label=_("Todas"))
    on = forms.DateField(label=_("A la fecha"), required=False, widget=DateInput())


class MembershipForm(BaseForm):
    comuna = forms.ModelChoiceField(label=_("Comuna"), queryset=Comuna.objects.order_by("name"))
    joined_on = forms.DateField(label=_("Fecha de solicitud de incorporación"), widget=DateInput())
    agreement = forms.ModelChoiceField(label=_("Convenio de incorporación (publicado)"),
                                       queryset=Agreement.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = published_agreements()


class PeriodForm(BaseForm):
    year = YearField(initial=lambda: timezone.localdate().year)
    fee_clp = ClpField(label=_("Cuota (CLP; en blanco = según la escala aprobada del año)"), required=False)
    due_on = forms.DateField(label=_("Vencimiento (en blanco = fin del tercer mes)"), required=False,
                             widget=DateInput())
    document_type = forms.ChoiceField(label=_("Tipo de documento"), choices=[("", "—")] + DocumentType.choices,
                                      required=False)
    document_number = forms.CharField(label=_("Folio"), max_length=30, required=False)


class PaymentForm(BaseForm):
    period = forms.IntegerField(label=_("Período"), widget=forms.Select)
    paid_on = forms.DateField(label=_("Fecha de pago"), widget=DateInput(), initial=timezone.localdate)
    amount_clp = ClpField(label=_("Monto pagado (CLP)"))
    reference = forms.CharField(label=_("Referencia (transferencia, decreto de pago)"), max_length=200,
                                required=False)

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = [
            (row["period"].pk, _("%(y)s (saldo $%(s)s)") % {
                "y": row["period"].starts_on.year, "s": f"{row['balance']:,}".replace(",", ".")})
            for row in reversed(periods)
        ]


class NoticeForm(BaseForm):
    notice_on = forms.DateField(label=_("Aviso de retiro recibido el"), widget=DateInput())
    reference = forms.CharField(label=_("Referencia del aviso"), max_length=200)


class SuspendForm(BaseForm):
    on = forms.DateField(label=_("Fecha del acuerdo de suspensión"), widget=DateInput())
    reference = forms.CharField(label=_("Acuerdo de la asamblea"), max_length=200)


class ReinstateForm(BaseForm):
    on = forms.DateField(label=_("Rehabilitada el"), widget=DateInput())


# Revenue ---------------------------------------------------------------------------------------------------------


class RevenueFilterForm(BaseForm):
    line = forms.TypedChoiceField(label=_("Línea"), choices=[("", _("Todas"))] + RevenueLine.choices, coerce=int,
                                  required=False, empty_value=None)
    year = YearField(required=False)
    q = forms.CharField(label=_("Buscar (cliente, descripción, folio)"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Estado"), required=False,
                               choices=[("", _("Vigentes")), ("anulado", _("Anulados")), ("todos", _("Todos"))])


class RevenueForm(BaseForm):
    line = forms.TypedChoiceField(label=_("Línea de ingreso"), choices=RevenueLine.choices, coerce=int)
    agreement = forms.ModelChoiceField(label=_("Convenio publicado del que proviene"),
                                       queryset=Agreement.objects.none(), required=False)
    client_comuna = forms.ModelChoiceField(label=_("Comuna cliente"), queryset=Comuna.objects.order_by("name"),
                                           required=False)
    client_organization = forms.ModelChoiceField(label=_("u organización cliente"),
                                                 queryset=Organization.objects.order_by("name"), required=False)
    on = forms.DateField(label=_("Fecha de devengo"), widget=DateInput(), initial=timezone.localdate)
    currency = forms.ChoiceField(label=_("Moneda"), choices=Currency.choices, initial=Currency.CLP)
    amount = forms.CharField(label=_("Monto en la moneda indicada"), max_length=30,
                             help_text=_("CLP: entero, p. ej. 15.000.000. Otra moneda: p. ej. 12500,50."))
    exchange_rate = forms.DecimalField(label=_("Tasa de cambio (CLP por unidad)"), required=False, min_value=0,
                                       max_digits=14, decimal_places=4, localize=True)
    rate_date = forms.DateField(label=_("Fecha de la tasa"), required=False, widget=DateInput())
    rate_source = forms.CharField(label=_("Fuente de la tasa"), max_length=100, required=False,
                                  initial="Banco Central de Chile")
    recurrent = forms.BooleanField(label=_("Ingreso recurrente"), required=False)
    restricted = forms.BooleanField(label=_("Fondos con destino restringido"), required=False)
    restriction_purpose = forms.CharField(label=_("Destino de los fondos restringidos"), max_length=300,
                                          required=False)
    document_type = forms.ChoiceField(label=_("Tipo de documento"), choices=[("", "—")] + DocumentType.choices,
                                      required=False)
    document_number = forms.CharField(label=_("Folio / número"), max_length=30, required=False)
    description = forms.CharField(label=_("Descripción"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = published_agreements()

    def clean(self):
        data = super().clean()
        text = (data.get("amount") or "").replace("$", "").replace(" ", "").strip()
        currency = data.get("currency")
        if currency == Currency.CLP:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text):
                self.add_error("amount", _("En pesos chilenos escriba un entero, p. ej. 15.000.000."))
            else:
                data["original_amount"] = Decimal(text.replace(".", ""))
        elif text:
            try:
                data["original_amount"] = Decimal(text.replace(".", "").replace(",", "."))
            except InvalidOperation:
                self.add_error("amount", _("Escriba el monto original, p. ej. 12500,50."))
        return data


class VoidForm(BaseForm):
    reason = forms.CharField(label=_("Motivo de la anulación"), max_length=500)


class ReviewForm(BaseForm):
    agreement = forms.ModelChoiceField(label=_("Convenio"), queryset=Agreement.objects.none())
    principle = forms.ChoiceField(label=_("Principio"), choices=ReviewPrinciple.choices)
    decision = forms.ChoiceField(label=_("Decisión"), choices=ReviewDecision.choices)
    criteria = forms.CharField(label=_("Criterios aplicados"), max_length=500)
    rationale = forms.CharField(label=_("Fundamento"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    reviewed_on = forms.DateField(label=_("Fecha de la revisión"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = published_agreements()


class TargetForm(BaseForm):
    year = YearField()
    recurrent_share_pct = forms.IntegerField(label=_("Meta de ingresos recurrentes (%)"), min_value=1, max_value=100)
    reference = forms.CharField(label=_("Referencia del acuerdo"), max_length=200, required=False)


class YearFilterForm(BaseForm):
    year = YearField(required=False)


# SaaS ------------------------------------------------------------------------------------------------------------


class SaasForm(BaseForm):
    comuna = forms.ModelChoiceField(label=_("Comuna"), queryset=Comuna.objects.order_by("name"))
    tool = forms.ChoiceField(label=_("Herramienta"), choices=SaasTool.choices)
    starts_on = forms.DateField(label=_("Inicio"), widget=DateInput())
    ends_on = forms.DateField(label=_("Término"), widget=DateInput())
    price_clp = ClpField(label=_("Precio (CLP)"))
    agreement = forms.ModelChoiceField(label=_("Convenio publicado"), queryset=Agreement.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = published_agreements()
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("starts_on", today)
            self.initial.setdefault("ends_on", add_months(today, 12) - datetime.timedelta(days=1))
