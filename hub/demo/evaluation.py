"""Demo evaluation: a few more implemented replications (so the current year has coverage in every typology),
the quality rubric of the demo agreements, yearly targets, the previous year's period closed with its
snapshot, and its annual report. Figures are still computed from records; nothing is typed.

Idempotent: replications by (practice, comuna), rubric per agreement, one period per year, reports by hash.
"""

import datetime

from hub.accounts.models import User
from hub.evaluation import services
from hub.evaluation.models import AgreementQuality, AnnualReport, Period, ResultsIndicator
from hub.network.models import Practice, Replication, ReplicationStatus
from hub.partners.models import Agreement
from hub.territory.models import Comuna

# practice title, replicating comuna (one per typology and more), months before today it ended
EXTRA_REPLICATIONS = [
    ("Puntos limpios móviles", "13110", 2),  # La Florida
    ("Consejos vecinales de seguridad con datos", "05109", 4),  # Viña del Mar
    ("Telemedicina en postas rurales", "09120", 3),  # Padre Las Casas
    ("Telemedicina en postas rurales", "09102", 5),  # Carahue
    ("Puntos limpios móviles", "05602", 8),  # Algarrobo
    ("Reciclaje de orgánicos casa a casa", "07101", 6),  # Talca
    ("Academia municipal de liderazgo", "16101", 7),  # Chillán
]


def _replications(today):
    made = 0
    for title, cut, months in EXTRA_REPLICATIONS:
        practice = Practice.objects.filter(title=title).first()
        comuna = Comuna.objects.filter(cut=cut).first()
        if practice is None or comuna is None or practice.comuna_id == cut:
            continue
        end = today - datetime.timedelta(days=30 * months)
        _, created = Replication.objects.get_or_create(
            practice=practice,
            comuna=comuna,
            defaults={
                "status": ReplicationStatus.IMPLEMENTED,
                "start_date": end - datetime.timedelta(days=180),
                "end_date": end,
                "results": "Demo: implementación completada con acompañamiento de la comuna de origen.",
                "is_demo": True,
            },
        )
        made += created
    return made


def load(stdout):
    staff = User.objects.filter(username="equipo").first()
    if staff is None:
        stdout.write("Evaluación demo: falta el usuario «equipo»; omitida.")
        return
    today = datetime.date.today()
    made = _replications(today)
    for i, agreement in enumerate(Agreement.objects.filter(is_demo=True).order_by("pk")):
        if not agreement.is_published or AgreementQuality.objects.filter(agreement=agreement).exists():
            continue
        services.agreement_quality_set(
            acting_user=staff,
            agreement=agreement,
            is_active=agreement.status == "vigente",
            shared_resources=bool(agreement.transfers.exists()),
            has_results=i % 2 == 0,
            renewed=i % 3 == 0,
            evidence_note="Demo: informe de seguimiento del convenio.",
        )
    cartera = ResultsIndicator.objects.get(code="cartera")
    cobertura = ResultsIndicator.objects.get(code="cobertura")
    for year, cartera_target, cobertura_target in ((today.year - 1, 4, 0.02), (today.year, 8, 0.05)):
        if not Period.objects.filter(year=year, status="cerrado").exists():
            services.target_set(
                acting_user=staff,
                indicator=cartera,
                year=year,
                value=cartera_target,
                note="Demo: meta de crecimiento de la cartera",
            )
            services.target_set(
                acting_user=staff,
                indicator=cobertura,
                year=year,
                value=cobertura_target,
                note="Demo: meta de cobertura",
            )
    previous = services.period_open(acting_user=staff, year=today.year - 1)
    Period.objects.filter(pk=previous.pk).update(is_demo=True)
    if not previous.is_closed:
        services.period_close(acting_user=staff, period=previous, cutoff=datetime.date(today.year, 1, 31))
    current = services.period_open(acting_user=staff, year=today.year)
    Period.objects.filter(pk=current.pk).update(is_demo=True)
    # The current year's report, cut today (a demo has no history before its load date).
    report = AnnualReport.objects.filter(year=today.year).order_by("created_at").first()
    if report is None:
        report = services.annual_report_create(acting_user=staff, year=today.year, cutoff=today)
    type(report).objects.filter(pk=report.pk).update(is_demo=True)
    stdout.write(
        f"Evaluación demo: {made} replicaciones nuevas, rúbricas de convenios, metas, periodo {previous.year} cerrado, "
        f"memoria {report.year} ({report.sha256[:12]})."
    )
