"""The lead's shared pieces, tested on their own: transitions, the Excel CSV writer, the Chilean formatter."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hub.core.csv_export import excel_csv_response, excel_csv_text, safe_cell
from hub.core.formatting import format_clp, format_number, format_percent
from hub.core.models import StateChange
from hub.core.transitions import TransitionRefused, allowed_next, state_history, transition
from hub.partners.models import AGREEMENT_TRANSITIONS, Agreement, AgreementStatus


def _agreement(status=AgreementStatus.BORRADOR) -> Agreement:
    return Agreement.objects.create(
        title="Convenio de prueba", purpose="Objeto", status=status,
        start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2027, 1, 1),
    )


# --- transitions -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_allowed_transition_saves_the_state_and_records_who_and_when(staff_user):
    a = _agreement(AgreementStatus.FIRMADO)
    transition(a, to=AgreementStatus.VIGENTE, allowed=AGREEMENT_TRANSITIONS, acting_user=staff_user, reason="Inicio")
    a.refresh_from_db()
    assert a.status == AgreementStatus.VIGENTE
    change = StateChange.objects.get()
    assert (change.from_state, change.to_state, change.actor, change.reason) == ("firmado", "vigente", staff_user,
                                                                                 "Inicio")
    assert list(state_history(a)) == [change]


@pytest.mark.django_db
def test_a_refused_transition_explains_in_spanish_and_changes_nothing(staff_user):
    a = _agreement(AgreementStatus.BORRADOR)
    with pytest.raises(TransitionRefused) as refused:
        transition(a, to=AgreementStatus.FINALIZADO, allowed=AGREEMENT_TRANSITIONS, acting_user=staff_user)
    message = " ".join(refused.value.messages)
    assert "No se puede pasar de «Borrador» a «Finalizado»" in message
    assert "«Firmado»" in message
    a.refresh_from_db()
    assert a.status == AgreementStatus.BORRADOR
    assert not StateChange.objects.exists()


@pytest.mark.django_db
def test_a_final_state_says_so(staff_user):
    a = _agreement(AgreementStatus.TERMINADO)
    with pytest.raises(TransitionRefused, match="estado final"):
        transition(a, to=AgreementStatus.VIGENTE, allowed=AGREEMENT_TRANSITIONS, acting_user=staff_user)


@pytest.mark.django_db
def test_a_guard_refusal_rolls_back_everything_the_guard_touched(staff_user):
    a = _agreement(AgreementStatus.FIRMADO)

    def guard(locked):
        locked.termination_reason = "cambiado por el guardia"
        raise TransitionRefused("Falta el motivo.")

    with pytest.raises(ValidationError, match="Falta el motivo"):
        transition(a, to=AgreementStatus.TERMINADO, allowed=AGREEMENT_TRANSITIONS, acting_user=staff_user,
                   guard=guard, extra_update_fields=["termination_reason"])
    a.refresh_from_db()
    assert (a.status, a.termination_reason) == (AgreementStatus.FIRMADO, "")
    assert not StateChange.objects.exists()


@pytest.mark.django_db
def test_allowed_next_lists_the_buttons_to_show():
    assert allowed_next(_agreement(AgreementStatus.BORRADOR), AGREEMENT_TRANSITIONS) == [AgreementStatus.FIRMADO]
    assert allowed_next(_agreement(AgreementStatus.FINALIZADO), AGREEMENT_TRANSITIONS) == []


# --- Excel CSV ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dangerous", ["=1+1", "+56 9 1234", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'])
def test_cells_that_a_spreadsheet_would_run_are_written_as_text(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous
    assert f";'{dangerous[:1]}" in excel_csv_text(["a", "b"], [["x", dangerous]]).replace('"', "")


@pytest.mark.parametrize("value", [-12, -3.5, "-12,5", "-1.234", "Ñuñoa", "", None, True])
def test_numbers_and_plain_text_are_left_alone(value):
    assert not safe_cell(value).startswith("'")


def test_the_response_is_utf8_with_bom_semicolons_crlf_and_a_download_name():
    response = excel_csv_response("convenios.csv", ["Comuna", "Monto"], [["Ñuñoa", 1500]], preamble=["Fuente: Hub"])
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert text == "Fuente: Hub\r\nComuna;Monto\r\nÑuñoa;1500\r\n"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="convenios.csv"'


# --- formatting ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: format_clp(1234567), "$1.234.567"),
        (lambda: format_clp(0), "$0"),
        (lambda: format_clp(None), "—"),
        (lambda: format_clp(999.6), "$1.000"),
        (lambda: format_number(1234567.891, 1), "1.234.567,9"),
        (lambda: format_number(-1234), "-1.234"),
        (lambda: format_number(""), "—"),
        (lambda: format_percent(12.5), "12,5 %"),
        (lambda: format_percent(7, 0), "7 %"),
    ],
)
def test_chilean_formatting(call, expected):
    assert call() == expected


def test_templates_use_the_same_formatter():
    from django.template import Context, Template

    out = Template("{% load hub_format %}{{ a|clp }} {{ b|pct }} {{ c|num:1 }}").render(
        Context({"a": 25000, "b": 3.26, "c": 1500.26})
    )
    assert out == "$25.000 3,3 % 1.500,3"
