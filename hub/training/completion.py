"""Attendance rate, final grade and the declarative completion rule: pure functions of stored facts.

A rule (stored per cohort as a versioned JSON, see models.CompletionRule) looks like::

    {"approval": {"min_attendance_pct": 75, "min_grade": "4.0"},
     "participation": {"min_attendance_pct": 75},
     "late_credit_pct": 50}

* attendance rate = credited minutes ÷ scheduled minutes of the sessions held, leaving out excused sessions;
  present earns the whole session, late ``late_credit_pct`` of it, absent nothing.
* final grade = Σ(weight × grade) ÷ Σ weight over the graded assessments, on the Chilean 1.0–7.0 scale,
  rounded half up to one decimal; None when there is no grade.
* outcome: "aprobada" if the approval clause holds, else "participo" if the participation clause holds
  (attendance only), else "no_completo". A clause without "min_grade" ignores grades; a cohort without any
  assessment never reaches "aprobada" through a grade it does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CREDIT = {"presente": Decimal(1), "ausente": Decimal(0)}


def validate_rule(rule) -> dict:
    """Return the rule normalised, or raise a ValidationError in Spanish saying what to fix."""
    if not isinstance(rule, dict):
        raise ValidationError(_("La regla debe ser un objeto JSON."))
    out: dict = {}
    for clause in ("approval", "participation"):
        body = rule.get(clause)
        if body is None:
            continue
        if not isinstance(body, dict):
            raise ValidationError(_("La cláusula «%(c)s» debe ser un objeto.") % {"c": clause})
        clean: dict = {}
        pct = body.get("min_attendance_pct", 0)
        if not isinstance(pct, int) or not 0 <= pct <= 100:
            raise ValidationError(_("La asistencia mínima debe ser un entero entre 0 y 100."))
        clean["min_attendance_pct"] = pct
        if "min_grade" in body and body["min_grade"] is not None:
            try:
                grade = Decimal(str(body["min_grade"]))
            except Exception as exc:
                raise ValidationError(_("La nota mínima debe ser un número entre 1,0 y 7,0.")) from exc
            if not Decimal("1.0") <= grade <= Decimal("7.0"):
                raise ValidationError(_("La nota mínima debe estar entre 1,0 y 7,0."))
            clean["min_grade"] = str(grade.quantize(Decimal("0.1")))
        out[clause] = clean
    if not out:
        raise ValidationError(_("La regla necesita al menos una cláusula: «approval» o «participation»."))
    late = rule.get("late_credit_pct", 50)
    if not isinstance(late, int) or not 0 <= late <= 100:
        raise ValidationError(_("El crédito por atraso debe ser un entero entre 0 y 100."))
    out["late_credit_pct"] = late
    return out


def attendance_rate(marks: list[tuple[str, int]], *, late_credit_pct: int = 50) -> Decimal | None:
    """marks: (mark, scheduled minutes) of the sessions recorded so far. None when nothing counts yet."""
    credited = Decimal(0)
    scheduled = 0
    late = Decimal(late_credit_pct) / 100
    for mark, minutes in marks:
        if mark == "justificado":
            continue
        scheduled += minutes
        credited += (late if mark == "atrasado" else CREDIT.get(mark, Decimal(0))) * minutes
    if scheduled == 0:
        return None
    return credited / scheduled


def final_grade(grades: list[tuple[Decimal, int]]) -> Decimal | None:
    """grades: (grade, weight) of the graded assessments."""
    total_weight = sum(w for _, w in grades)
    if not total_weight:
        return None
    value = sum(Decimal(g) * w for g, w in grades) / total_weight
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Evaluation:
    attendance: Decimal | None  # 0..1
    grade: Decimal | None
    outcome: str  # aprobada | participo | no_completo

    @property
    def attendance_pct(self) -> Decimal | None:
        return None if self.attendance is None else (self.attendance * 100).quantize(Decimal("0.1"))

    def as_json(self, version: int) -> dict:
        return {
            "attendance_pct": None if self.attendance is None else str(self.attendance_pct),
            "grade": None if self.grade is None else str(self.grade),
            "outcome": self.outcome,
            "rule_version": version,
        }


def _meets(clause: dict, attendance: Decimal | None, grade: Decimal | None) -> bool:
    if attendance is None or attendance * 100 < clause.get("min_attendance_pct", 0):
        return False
    if clause.get("min_grade") is not None:
        return grade is not None and grade >= Decimal(clause["min_grade"])
    return True


def evaluate(rule: dict, *, marks, grades) -> Evaluation:
    attendance = attendance_rate(marks, late_credit_pct=rule.get("late_credit_pct", 50))
    grade = final_grade(grades)
    if "approval" in rule and _meets(rule["approval"], attendance, grade):
        outcome = "aprobada"
    elif "participation" in rule and _meets(rule["participation"], attendance, grade):
        outcome = "participo"
    else:
        outcome = "no_completo"
    return Evaluation(attendance=attendance, grade=grade, outcome=outcome)


def at_risk(rule: dict, evaluation: Evaluation) -> list[str]:
    """Reasons (Spanish) why a learner is trending below the rule before the end; empty when on track."""
    reasons = []
    clause = rule.get("approval") or rule.get("participation") or {}
    if evaluation.attendance is not None and evaluation.attendance * 100 < clause.get("min_attendance_pct", 0):
        reasons.append(_("Asistencia %(a)s %% bajo el mínimo de %(m)s %%")
                       % {"a": evaluation.attendance_pct, "m": clause.get("min_attendance_pct")})
    min_grade = (rule.get("approval") or {}).get("min_grade")
    if min_grade is not None and evaluation.grade is not None and evaluation.grade < Decimal(min_grade):
        reasons.append(_("Promedio %(g)s bajo la nota mínima %(m)s") % {"g": evaluation.grade, "m": min_grade})
    return reasons
