"""Demo membresía y finanzas: fee scales 2025 and 2026, memberships in every state, a year of income.

Fictitious (no public source lists AMUCH's income): everything is marked is_demo and shows a "Demo" badge.
Memberships follow the territory demo (two of every three comunas) and are then varied so every computed
state appears: Ñuñoa vigente (the demo official keeps member benefits), Temuco en gracia, Valparaíso morosa,
Arica suspendida, Providencia en retiro, Antofagasta retirada, Puerto Montt pendiente. Income is spread over
the last twelve months across the nine lines; international cooperation breaches the 35 % limit.
Everything goes through the finance services, acting as the demo staff account. Idempotent.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from hub.accounts.models import User
from hub.core.pdf import make_pdf
from hub.core.taxonomy import RevenueLine as L
from hub.demo.partners import ORGANIZATIONS
from hub.finance import services
from hub.finance.fees import ScaleRule
from hub.finance.models import FeeScale, Membership, ReviewDecision, ReviewPrinciple, SaasTool
from hub.partners import services as partner_services
from hub.partners.models import Agreement, Organization
from hub.territory.models import Comuna

D = datetime.timedelta
SPECIAL = {
    "09101": "en_gracia",  # Temuco
    "05101": "morosa",  # Valparaíso
    "15101": "suspendida",  # Arica
    "13123": "en_retiro",  # Providencia
    "02101": "retirada",  # Antofagasta
    "10101": "pendiente",  # Puerto Montt
}


def _org(key: str) -> Organization:
    name = next(row[1] for row in ORGANIZATIONS if row[0] == key)
    return Organization.objects.get(name=name)


def _agreement(title, purpose, parties, today) -> Agreement:
    agreement = Agreement.objects.filter(title=title).first()
    if agreement is not None:
        return agreement
    from hub.demo.accounts import demo_staff

    actor = demo_staff()
    agreement = partner_services.agreement_create(
        acting_user=actor,
        title=title,
        purpose=purpose,
        start_date=today - D(days=700),
        end_date=today + D(days=400),
        is_demo=True,
    )
    for organization, role in parties:
        partner_services.agreement_party_add(
            acting_user=actor, agreement=agreement, organization=organization, role=role
        )
    partner_services.agreement_sign(
        acting_user=actor,
        agreement=agreement,
        signed_on=today - D(days=700),
        document=ContentFile(make_pdf(title, "Documento de demostración, sin valor legal."), name="convenio.pdf"),
    )
    partner_services.agreement_activate(acting_user=actor, agreement=agreement)
    return agreement


def _scales(staff, today):
    for year, base, rate, minimum, maximum in (
        (today.year - 1, 750_000, "7.5", 750_000, 5_500_000),
        (today.year, 800_000, "8", 800_000, 6_000_000),
    ):
        rule = ScaleRule(
            kind="formula",
            base_clp=base,
            rate_per_inhabitant=Decimal(rate),
            minimum_clp=minimum,
            maximum_clp=maximum,
            factors={"rurales_semiurbanas": Decimal("0.80")},
        )
        scale = services.fee_scale_create(
            acting_user=staff, year=year, name=f"Escala {year} (demo)", rule=rule, is_demo=True
        )
        services.fee_scale_approve(
            acting_user=staff,
            scale=scale,
            decision_body="Asamblea General (demo)",
            decision_reference=f"Acta N° {year - 1984} (demo)",
            decision_date=datetime.date(year - 1, 11, 20),
        )


def _memberships(staff, today, framework):
    y = today.year
    flagged = set(Comuna.objects.filter(is_amuch_member=True).values_list("cut", flat=True))
    cuts = sorted(flagged | set(SPECIAL))
    comunas = Comuna.objects.in_bulk(cuts)
    for cut in cuts:
        comuna = comunas[cut]
        state = SPECIAL.get(cut, "vigente")
        if state == "pendiente":
            m = services.membership_create(
                acting_user=staff, comuna=comuna, joined_on=today - D(days=45), agreement=framework, is_demo=True
            )
            services.membership_period_create(acting_user=staff, membership=m, year=y)
            continue
        m = services.membership_create(
            acting_user=staff, comuna=comuna, joined_on=datetime.date(y - 3, 1, 1), agreement=framework, is_demo=True
        )
        if state in ("morosa", "suspendida"):
            old = services.membership_period_create(acting_user=staff, membership=m, year=y - 2, fee_clp=900_000)
            services.membership_payment_register(
                acting_user=staff,
                period=old,
                paid_on=datetime.date(y - 2, 3, 10),
                amount_clp=900_000,
                reference="Decreto de pago (demo)",
                is_demo=True,
            )
            services.membership_period_create(acting_user=staff, membership=m, year=y - 1)
            services.membership_period_create(acting_user=staff, membership=m, year=y)
            if state == "suspendida":
                services.membership_suspend(
                    acting_user=staff,
                    membership=m,
                    on=datetime.date(y - 1, 9, 1),
                    reference="Acuerdo de Asamblea N° 40 (demo)",
                )
            continue
        previous = services.membership_period_create(acting_user=staff, membership=m, year=y - 1)
        services.membership_payment_register(
            acting_user=staff,
            period=previous,
            paid_on=datetime.date(y - 1, 2, 15),
            amount_clp=previous.fee_clp,
            reference="Transferencia (demo)",
            is_demo=True,
        )
        if state == "en_gracia":
            services.membership_period_create(acting_user=staff, membership=m, year=y, due_on=today - D(days=20))
            continue
        current = services.membership_period_create(acting_user=staff, membership=m, year=y)
        if state != "retirada":
            services.membership_payment_register(
                acting_user=staff,
                period=current,
                paid_on=min(today, datetime.date(y, 1, 20)),
                amount_clp=current.fee_clp,
                reference="Transferencia (demo)",
                is_demo=True,
            )
        if state == "en_retiro":
            services.membership_notice(
                acting_user=staff,
                membership=m,
                notice_on=today - D(days=60),
                reference="Oficio alcaldicio N° 118 (demo)",
            )
        if state == "retirada":
            services.membership_notice(
                acting_user=staff,
                membership=m,
                notice_on=today - D(days=300),
                reference="Acuerdo de concejo N° 27 (demo)",
            )


def _income(staff, today, agreements):
    amuch, subdere, bid, giz = _org("amuch"), _org("subdere"), _org("bid"), _org("giz")
    fundacion, consultora, usach, ufro = _org("fundacion"), _org("consultora"), _org("usach"), _org("ufro")
    comunas = list(Comuna.objects.filter(cut__in=["13120", "09101", "13101", "08101", "04101", "06101"]))

    def on(months_ago, day=10):
        base = today.replace(day=1)
        for _ in range(months_ago):
            base = (base - D(days=1)).replace(day=1)
        return min(today, base.replace(day=day))

    def add(line, amount, when, *, comuna=None, org=None, agreement, recurrent=False, **extra):
        services.revenue_register(
            acting_user=staff,
            line=line,
            amount_clp=amount,
            on=when,
            agreement=agreement,
            client_comuna=comuna,
            client_organization=org,
            recurrent=recurrent,
            is_demo=True,
            **extra,
        )

    training, services_state, studies, coop, sponsor, events, publications = (
        agreements["formacion"],
        agreements["estado"],
        agreements["estudios"],
        agreements["cooperacion"],
        agreements["auspicios"],
        agreements["eventos"],
        agreements["publicaciones"],
    )
    for i in range(10):  # 2 Formación: municipalities buy seats; one programme paid by SUBDERE
        add(
            L.FORMACION,
            6_000_000 + 500_000 * i,
            on(11 - i),
            comuna=comunas[i % len(comunas)],
            agreement=training,
            description="Diplomado en gestión municipal (demo)",
            document_type="34",
            document_number=f"{1200 + i}",
        )
    add(
        L.FORMACION,
        25_000_000,
        on(4),
        org=subdere,
        agreement=services_state,
        description="Programa nacional de formación de equipos comunales (demo)",
    )
    for i in range(5):  # 3 Asistencia técnica
        add(
            L.ASISTENCIA,
            16_000_000 + 2_000_000 * i,
            on(10 - 2 * i),
            comuna=comunas[(i + 2) % len(comunas)],
            agreement=training,
            description="Asistencia técnica en seguridad municipal (demo)",
        )
    add(
        L.ASISTENCIA,
        20_000_000,
        on(2),
        org=subdere,
        agreement=services_state,
        description="Asistencia para la ley de seguridad municipal (demo)",
    )
    add(L.ESTUDIOS, 24_000_000, on(9), org=fundacion, agreement=studies, description="Estudio de percepción (demo)")
    add(L.ESTUDIOS, 18_000_000, on(6), org=usach, agreement=studies, description="Índice de capacidades (demo)")
    add(L.ESTUDIOS, 18_000_000, on(1), org=ufro, agreement=studies, description="Estudio APS rural (demo)")
    add(
        L.COOPERACION,
        None,
        on(8),
        org=bid,
        agreement=coop,
        currency="USD",
        original_amount=Decimal("300000"),
        exchange_rate=Decimal("948.35"),
        rate_date=on(8),
        rate_source="Banco Central de Chile (dólar observado)",
        restricted=True,
        restriction_purpose="Gobierno digital en municipios rurales (demo)",
        description="Cooperación técnica no reembolsable, primer desembolso (demo)",
        document_type="ext",
    )
    add(
        L.COOPERACION,
        None,
        on(3),
        org=giz,
        agreement=coop,
        currency="EUR",
        original_amount=Decimal("160000"),
        exchange_rate=Decimal("1031.20"),
        rate_date=on(3),
        rate_source="Banco Central de Chile",
        restricted=True,
        restriction_purpose="Adaptación climática local (demo)",
        description="Aporte de cooperación (demo)",
        document_type="ext",
    )
    add(
        L.AUSPICIOS,
        25_000_000,
        on(7),
        org=consultora,
        agreement=sponsor,
        recurrent=True,
        description="Auspicio plurianual del congreso, año 1 (demo)",
    )
    add(L.AUSPICIOS, 15_000_000, on(2), org=fundacion, agreement=sponsor, description="Patrocinio premio (demo)")
    for i in range(6):  # 8 Eventos: registrations and stands
        add(
            L.EVENTOS,
            4_000_000 + 500_000 * i,
            on(6 - i),
            comuna=comunas[i % len(comunas)],
            agreement=events,
            description="Inscripciones al congreso nacional (demo)",
        )
    add(L.EVENTOS, 8_000_000, on(5), org=consultora, agreement=events, description="Stands del congreso (demo)")
    for i in range(6):  # 9 Publicaciones premium
        add(
            L.PUBLICACIONES,
            2_000_000,
            on(11 - 2 * i),
            org=usach if i % 2 else ufro,
            agreement=publications,
            recurrent=True,
            description="Suscripción a contenidos premium (demo)",
        )
    del amuch


def load(stdout):
    if FeeScale.objects.filter(is_demo=True).exists():
        stdout.write("Finanzas demo: ya cargadas.")
        return
    staff = User.objects.get(username="equipo")
    today = timezone.localdate()
    amuch, subdere, bid, giz = _org("amuch"), _org("subdere"), _org("bid"), _org("giz")
    fundacion, consultora, usach = _org("fundacion"), _org("consultora"), _org("usach")
    nunoa, temuco = _org("nunoa"), _org("temuco")
    agreements = {
        "membresia": _agreement(
            "Estatutos y convenio marco de incorporación a AMUCH (demo)",
            "Incorporación de municipios a la asociación y cuota anual según la escala aprobada.",
            [(amuch, "contraparte"), (nunoa, "contraparte"), (temuco, "contraparte")],
            today,
        ),
        "formacion": _agreement(
            "Convenio marco de formación y asistencia técnica municipal (demo)",
            "Cupos de formación y asistencia técnica especializada para municipios.",
            [(amuch, "ejecutor"), (nunoa, "contraparte"), (temuco, "contraparte")],
            today,
        ),
        "estado": _agreement(
            "Programa de fortalecimiento de equipos comunales con SUBDERE (demo)",
            "Formación y asistencia técnica pagadas por SUBDERE para municipios de menor capacidad.",
            [(subdere, "financista"), (amuch, "ejecutor")],
            today,
        ),
        "estudios": _agreement(
            "Convenio de estudios e inteligencia aplicada (demo)",
            "Estudios aplicados sobre gestión local encargados por fundaciones y universidades.",
            [(fundacion, "financista"), (usach, "asesor"), (amuch, "ejecutor")],
            today,
        ),
        "cooperacion": _agreement(
            "Cooperación internacional para gobierno local (demo)",
            "Cooperación no reembolsable del BID y la GIZ con destino restringido.",
            [(bid, "financista"), (giz, "financista"), (amuch, "ejecutor")],
            today,
        ),
        "auspicios": _agreement(
            "Auspicio del Congreso Nacional de Municipios (demo)",
            "Auspicio plurianual y patrocinio de premios, sin contraprestación de agenda.",
            [(consultora, "patrocinante"), (fundacion, "patrocinante"), (amuch, "contraparte")],
            today,
        ),
        "eventos": _agreement(
            "Congreso Nacional de Municipios: inscripciones y stands (demo)",
            "Inscripciones de municipios y arriendo de stands.",
            [(amuch, "ejecutor"), (consultora, "contraparte")],
            today,
        ),
        "publicaciones": _agreement(
            "Suscripciones a contenidos premium (demo)",
            "Suscripción institucional a la biblioteca premium del Hub.",
            [(amuch, "ejecutor"), (usach, "contraparte")],
            today,
        ),
        "saas": _agreement(
            "Licencias de plataformas del Hub para municipios (demo)",
            "Licencias anuales de herramientas de la plataforma para municipios usuarios.",
            [(amuch, "ejecutor"), (nunoa, "contraparte"), (temuco, "contraparte")],
            today,
        ),
    }
    for key, decision in (
        ("estudios", ReviewDecision.APROBADO),
        ("saas", ReviewDecision.APROBADO),
        ("publicaciones", ReviewDecision.APROBADO),
        ("auspicios", ReviewDecision.CONDICIONES),
    ):
        services.agreement_review_create(
            acting_user=staff,
            agreement=agreements[key],
            principle=ReviewPrinciple.COHERENCIA,
            decision=decision,
            criteria="Objeto alineado con la misión; sin conflicto de interés; independencia técnica (demo)",
            rationale="Revisión de demostración."
            + (
                " Condición: el auspiciador no interviene en la agenda."
                if decision == ReviewDecision.CONDICIONES
                else ""
            ),
            reviewed_on=today - D(days=400),
            is_demo=True,
        )
    services.agreement_review_create(
        acting_user=staff,
        agreement=agreements["estado"],
        principle=ReviewPrinciple.SUBSIDIARIEDAD,
        decision=ReviewDecision.APROBADO,
        criteria="Ningún organismo público ofrece este servicio a escala comunal",
        rationale="SUBDERE no cuenta con equipos de formación en terreno; el Hub actúa a pedido y por plazo (demo).",
        reviewed_on=today - D(days=400),
        is_demo=True,
    )
    services.year_target_set(
        acting_user=staff,
        year=today.year,
        recurrent_share_pct=45,
        reference="Acuerdo de Directorio N° 3 (demo)",
        is_demo=True,
    )
    _scales(staff, today)
    _memberships(staff, today, agreements["membresia"])
    _income(staff, today, agreements)
    for cut, tool, months_ago, price in (
        ("13120", SaasTool.OBSERVATORIO, 11, 12_000_000),
        ("09101", SaasTool.SEGURIDAD, 4, 9_500_000),
        ("13101", SaasTool.DATOS, 7, 8_000_000),
        ("08101", SaasTool.APS, 2, 14_000_000),
    ):
        start = today - D(days=30 * months_ago + 5)
        services.saas_licence_create(
            acting_user=staff,
            comuna=Comuna.objects.get(cut=cut),
            tool=tool,
            starts_on=start,
            ends_on=start + D(days=364),
            price_clp=price,
            agreement=agreements["saas"],
            is_demo=True,
        )
    stdout.write(
        f"Finanzas demo: {Membership.objects.filter(is_demo=True).count()} membresías, escalas "
        f"{today.year - 1}-{today.year}, ingresos de 12 meses en las nueve líneas."
    )
