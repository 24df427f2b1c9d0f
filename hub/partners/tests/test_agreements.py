import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.partners.models import Agreement, AgreementStatus, AgreementTransfer
from hub.partners.validators import MAX_PDF_BYTES

from .factories import PDF, agreement, org, transfer, with_document

pytestmark = pytest.mark.django_db


def _snapshot(a: Agreement):
    a = Agreement.objects.get(pk=a.pk)
    return (a.status, a.signed_on, a.signed_document.name, a.termination_reason, a.parties.count(), a.transfers.count())


def _transition(client, a, action, **extra):
    return client.post(f"/articulacion/convenios/{a.pk}/estado/", {"action": action, **extra}, follow=True)


# Creating and editing -------------------------------------------------------------------------------------------


def test_staff_creates_a_draft_agreement(login, staff_user):
    response = login(staff_user).post(
        "/articulacion/convenios/nuevo/",
        {"title": "Convenio nuevo", "purpose": "Objeto", "start_date": "2026-03-01", "end_date": "2027-02-28"},
    )
    created = Agreement.objects.get(title="Convenio nuevo")
    assert response.status_code == 302
    assert created.status == AgreementStatus.BORRADOR
    assert created.created_by == staff_user


def test_end_date_before_start_is_refused_in_spanish_and_nothing_saved(login, staff_user):
    response = login(staff_user).post(
        "/articulacion/convenios/nuevo/",
        {"title": "Fechas al revés", "purpose": "Objeto", "start_date": "2026-03-01", "end_date": "2026-01-31"},
    )
    assert response.status_code == 200
    assert "La fecha de término debe ser igual o posterior a la fecha de inicio" in response.text
    assert not Agreement.objects.filter(title="Fechas al revés").exists()


def test_editing_dates_into_the_wrong_order_leaves_the_agreement_unchanged(login, staff_user):
    a = agreement()
    response = login(staff_user).post(
        f"/articulacion/convenios/{a.pk}/editar/",
        {"title": "Otro título", "purpose": "Objeto", "start_date": "2026-05-01", "end_date": "2026-04-01"},
    )
    assert "posterior a la fecha de inicio" in response.text
    a.refresh_from_db()
    assert a.title != "Otro título"
    assert a.end_date == datetime.date(2027, 6, 30)


def test_staff_adds_parties_and_a_transfer_between_them(login, staff_user):
    a = agreement(parties=[])
    payer, payee = org(name="Pagadora"), org(name="Receptora")
    client = login(staff_user)
    client.post(f"/articulacion/convenios/{a.pk}/partes/", {"organization": payer.pk, "role": "financista"})
    client.post(f"/articulacion/convenios/{a.pk}/partes/", {"organization": payee.pk, "role": "ejecutor"})
    response = client.post(
        f"/articulacion/convenios/{a.pk}/montos/",
        {"payer": payer.pk, "payee": payee.pk, "amount_clp": "$15.000.000", "concept": "Aporte"},
        follow=True,
    )
    assert a.parties.count() == 2
    assert AgreementTransfer.objects.get(agreement=a).amount_clp == 15_000_000
    assert "$15.000.000" in response.text


def test_same_organization_twice_as_party_is_refused(login, staff_user):
    a = agreement()
    existing = a.parties.first().organization
    response = login(staff_user).post(
        f"/articulacion/convenios/{a.pk}/partes/", {"organization": existing.pk, "role": "ejecutor"}, follow=True
    )
    assert "ya es parte de este convenio" in response.text
    assert a.parties.count() == 2


@pytest.mark.parametrize("amount", ["-5000", "0", "mil pesos"])
def test_negative_zero_or_non_numeric_amount_is_refused(login, staff_user, amount):
    a = agreement()
    payer, payee = [p.organization for p in a.parties.all()]
    response = login(staff_user).post(
        f"/articulacion/convenios/{a.pk}/montos/",
        {"payer": payer.pk, "payee": payee.pk, "amount_clp": amount, "concept": "Aporte"},
        follow=True,
    )
    assert "Monto (CLP)" in response.text
    assert ("mayor que cero" in response.text) or ("solo números enteros" in response.text)
    assert a.transfers.count() == 0


def test_transfer_to_an_organization_that_is_not_a_party_is_refused(login, staff_user):
    a = agreement()
    payer = a.parties.first().organization
    outsider = org(name="Ajena")
    response = login(staff_user).post(
        f"/articulacion/convenios/{a.pk}/montos/",
        {"payer": payer.pk, "payee": outsider.pk, "amount_clp": "1000", "concept": "x"},
        follow=True,
    )
    assert "Quién recibe" in response.text
    assert a.transfers.count() == 0


# Status transitions ---------------------------------------------------------------------------------------------


def test_full_lifecycle_sign_activate_finish(login, staff_user):
    a = agreement()
    client = login(staff_user)
    document = SimpleUploadedFile("convenio.pdf", PDF, content_type="application/pdf")
    response = _transition(client, a, "sign", document=document, signed_on="2026-01-05")
    a.refresh_from_db()
    assert a.status == AgreementStatus.FIRMADO
    assert a.signed_on == datetime.date(2026, 1, 5)
    assert "Firmado" in response.text
    _transition(client, a, "activate")
    a.refresh_from_db()
    assert a.status == AgreementStatus.VIGENTE
    _transition(client, a, "finish")
    a.refresh_from_db()
    assert a.status == AgreementStatus.FINALIZADO
    pdf = client.get(f"/articulacion/convenios/{a.pk}/documento/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_signing_without_document_is_refused_and_nothing_changes(login, staff_user):
    a = agreement()
    before = _snapshot(a)
    response = _transition(login(staff_user), a, "sign")
    assert "suba el convenio firmado en PDF" in response.text
    assert _snapshot(a) == before


def test_non_pdf_signed_document_is_refused_by_content_not_name(login, staff_user):
    a = agreement()
    before = _snapshot(a)
    fake = SimpleUploadedFile("convenio.pdf", b"PK\x03\x04 this is a zip", content_type="application/pdf")
    response = _transition(login(staff_user), a, "sign", document=fake)
    assert "no es un PDF" in response.text
    assert _snapshot(a) == before


def test_too_large_pdf_is_refused(login, staff_user):
    a = agreement()
    before = _snapshot(a)
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * (MAX_PDF_BYTES + 1), content_type="application/pdf")
    response = _transition(login(staff_user), a, "sign", document=big)
    assert "el máximo es 10 MB" in response.text
    assert _snapshot(a) == before


def test_signing_with_a_single_party_is_refused(login, staff_user):
    a = agreement(parties=[org()])
    before = _snapshot(a)
    document = SimpleUploadedFile("convenio.pdf", PDF, content_type="application/pdf")
    response = _transition(login(staff_user), a, "sign", document=document)
    assert "al menos dos partes" in response.text
    assert _snapshot(a) == before


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("borrador", "activate", "Desde «Borrador» se puede pasar a: «Firmado»"),
        ("borrador", "terminate", "Desde «Borrador» se puede pasar a: «Firmado»"),
        ("firmado", "finish", "No se puede pasar de «Firmado» a «Finalizado»"),
        ("finalizado", "terminate", "ninguno (estado final)"),
        ("terminado", "activate", "ninguno (estado final)"),
    ],
)
def test_disallowed_transitions_are_refused_with_the_reason(login, staff_user, status, action, message):
    a = with_document(agreement(status=status))
    before = _snapshot(a)
    response = _transition(login(staff_user), a, action, reason="Motivo")
    assert message in response.text
    assert _snapshot(a) == before


def test_terminating_requires_a_reason_and_publishes_it(login, staff_user):
    a = with_document(agreement(status="vigente"))
    client = login(staff_user)
    response = _transition(client, a, "terminate", reason="  ")
    assert "Explique el motivo" in response.text
    a.refresh_from_db()
    assert a.status == AgreementStatus.VIGENTE
    _transition(client, a, "terminate", reason="Cambio de prioridades")
    a.refresh_from_db()
    assert a.status == AgreementStatus.TERMINADO
    assert "Cambio de prioridades" in login(None).get(a.get_absolute_url()).text


def test_removing_a_transfer_of_a_signed_agreement_is_refused(login, staff_user):
    a = with_document(agreement(status="firmado"))
    t = transfer(a)
    response = login(staff_user).post(f"/articulacion/convenios/{a.pk}/montos/{t.pk}/quitar/", follow=True)
    assert "no se borran" in response.text
    assert a.transfers.count() == 1


def test_partner_cannot_change_status(login, partner_user):
    a = agreement(parties=[partner_user.organization, org()])
    before = _snapshot(a)
    response = login(partner_user).post(f"/articulacion/convenios/{a.pk}/estado/", {"action": "activate"})
    assert response.status_code == 403
    assert _snapshot(a) == before


# Visibility -----------------------------------------------------------------------------------------------------


def test_public_sees_signed_agreements_but_not_drafts(client):
    signed = agreement(status="vigente", title="Convenio público vigente")
    draft = agreement(title="Borrador reservado")
    response = client.get("/articulacion/convenios/")
    assert "Convenio público vigente" in response.text
    assert "Borrador reservado" not in response.text
    assert client.get(signed.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_partner_sees_own_organizations_draft_but_not_other_drafts(login, partner_user):
    own = agreement(title="Borrador propio", parties=[partner_user.organization, org()])
    other = agreement(title="Borrador ajeno")
    client = login(partner_user)
    listing = client.get("/articulacion/convenios/")
    assert "Borrador propio" in listing.text
    assert "Borrador ajeno" not in listing.text
    assert "visible solo para usted" in listing.text
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_official_sees_only_public_agreements(login, official_a):
    agreement(status="firmado", title="Firmado visible")
    agreement(title="Borrador invisible")
    response = login(official_a).get("/articulacion/convenios/")
    assert "Firmado visible" in response.text
    assert "Borrador invisible" not in response.text


def test_staff_sees_all_drafts(login, staff_user):
    agreement(title="Borrador uno")
    response = login(staff_user).get("/articulacion/convenios/")
    assert "Borrador uno" in response.text


def test_draft_document_is_not_downloadable_by_the_public(client):
    a = with_document(agreement())
    assert client.get(f"/articulacion/convenios/{a.pk}/documento/").status_code == 404


# Transparency page: filters, pagination, CSV ---------------------------------------------------------------------


def test_transparency_page_filters_by_actor_type_status_year_organization_and_text(client):
    from hub.partners.models import ActorType

    uni = org(name="Universidad Filtro", actor_type=ActorType.ACADEMIA)
    agreement(status="vigente", title="Con universidad", parties=[uni, org()])
    agreement(
        status="finalizado",
        title="Antiguo",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    url = "/articulacion/convenios/"
    assert "Antiguo" not in client.get(url, {"actor_type": "academia"}).text
    assert "Con universidad" in client.get(url, {"actor_type": "academia"}).text
    assert "Con universidad" not in client.get(url, {"status": "finalizado"}).text
    assert "Antiguo" in client.get(url, {"year": 2020}).text
    assert "Con universidad" not in client.get(url, {"year": 2020}).text
    assert "Antiguo" not in client.get(url, {"organization": uni.pk}).text
    assert "Antiguo" in client.get(url, {"q": "antig"}).text
    assert "Ningún convenio coincide" in client.get(url, {"q": "nada-de-nada"}).text


def test_transparency_page_is_paginated(client):
    for i in range(23):
        agreement(status="firmado", title=f"Convenio paginado {i:02d}")
    first = client.get("/articulacion/convenios/")
    second = client.get("/articulacion/convenios/", {"page": 2})
    assert "Página 1 de 2" in first.text
    assert "23 convenios" in first.text
    assert second.text.count("Convenio paginado") == 3


def test_htmx_request_gets_only_the_results_fragment(client):
    agreement(status="firmado", title="Fragmento")
    response = client.get("/articulacion/convenios/", headers={"HX-Request": "true"})
    assert "Fragmento" in response.text
    assert "<html" not in response.text


def test_csv_is_utf8_with_bom_semicolons_and_chilean_amounts_and_has_no_drafts(client):
    a = agreement(status="vigente", title="Convenio con ñandú")
    transfer(a, amount=15_000_000)
    agreement(title="Borrador fuera del CSV")
    response = client.get("/articulacion/convenios/convenios.csv", {"status": "borrador"})
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("N°;Título;Objeto;Estado")
    assert "Convenio con ñandú" in text
    assert ";15.000.000;" in text
    assert "Borrador fuera del CSV" not in text
    assert "attachment" in response["Content-Disposition"]


def test_csv_honours_the_page_filters(client):
    agreement(status="vigente", title="Uno visible")
    agreement(status="finalizado", title="Dos filtrado")
    text = client.get("/articulacion/convenios/convenios.csv", {"status": "vigente"}).content.decode("utf-8-sig")
    assert "Uno visible" in text
    assert "Dos filtrado" not in text


# Expiring dashboard ---------------------------------------------------------------------------------------------


def test_expiring_dashboard_lists_agreements_ending_within_60_days(login, staff_user):
    from django.utils import timezone

    today = timezone.localdate()
    agreement(
        status="vigente",
        title="Vence pronto",
        start=today - datetime.timedelta(days=100),
        end=today + datetime.timedelta(days=30),
    )
    agreement(status="vigente", title="Vence tarde", start=today, end=today + datetime.timedelta(days=90))
    agreement(status="finalizado", title="Ya finalizado", start=today, end=today + datetime.timedelta(days=10))
    agreement(title="Borrador que vence", start=today, end=today + datetime.timedelta(days=10))
    response = login(staff_user).get("/articulacion/convenios/por-vencer/")
    assert "Vence pronto" in response.text
    assert "Vence tarde" not in response.text
    assert "Ya finalizado" not in response.text
    assert "Borrador que vence" not in response.text
    assert ">30<" in response.text


# API ------------------------------------------------------------------------------------------------------------


def test_api_lists_only_published_agreements_with_parties_and_amounts(client):
    a = agreement(status="vigente", title="Publicado API")
    transfer(a, amount=2_500_000)
    agreement(title="Borrador API")
    body = client.get("/api/v1/agreements").json()
    titles = [item["title"] for item in body["items"]]
    assert "Publicado API" in titles
    assert "Borrador API" not in titles
    item = next(i for i in body["items"] if i["title"] == "Publicado API")
    assert item["total_amount_clp"] == 2_500_000
    assert len(item["parties"]) == 2
    assert item["transfers"][0]["amount_clp"] == 2_500_000


def test_api_draft_is_404_even_for_staff_and_bad_status_is_422(login, staff_user):
    draft = agreement()
    client = login(staff_user)
    assert client.get(f"/api/v1/agreements/{draft.pk}").status_code == 404
    assert client.get("/api/v1/agreements", {"status": "borrador"}).status_code == 422
    assert client.get("/api/v1/agreements", {"limit": 1000}).status_code == 422
    assert client.get("/api/v1/agreements", {"offset": 10**30}).status_code == 422


def test_api_filters_and_paginates(client):
    for i in range(3):
        agreement(status="firmado", title=f"API {i}")
    body = client.get("/api/v1/agreements", {"limit": 2, "status": "firmado"}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 2


def test_openapi_schema_documents_the_articulacion_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in [
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/agreements",
        "/api/v1/agreements/{agreement_id}",
    ]:
        operation = schema["paths"][path]["get"]
        assert operation["tags"] == ["Articulación"]
        assert "200" in operation["responses"]


def test_linked_solutions_show_only_when_published(client):
    from hub.accounts.models import User
    from hub.portfolio.models import EcosystemUnit, Solution, SolutionStatus

    unit = EcosystemUnit.objects.create(slug="u", name="Unidad", mission="M", responsible="R")
    author = User.objects.create_user(username="autor", password="x-secreta-123456")
    fields = {
        "summary": "R",
        "work_line": "conocimiento",
        "challenge": "seguridad",
        "kind": "protocolo",
        "owner_unit": unit,
        "author": author,
    }
    published = Solution.objects.create(title="Solución publicada", status=SolutionStatus.PUBLISHED, **fields)
    draft = Solution.objects.create(title="Solución en borrador", status=SolutionStatus.DRAFT, **fields)
    a = agreement(status="vigente")
    a.solutions.add(published, draft)
    page = client.get(a.get_absolute_url()).text
    assert "Solución publicada" in page
    assert "Solución en borrador" not in page
    item = client.get(f"/api/v1/agreements/{a.pk}").json()
    assert item["solutions"] == [{"id": published.pk, "title": "Solución publicada"}]


def test_parties_and_amounts_of_a_signed_agreement_cannot_be_added(login, staff_user):
    a = with_document(agreement(status="firmado"))
    payer, payee = [p.organization for p in a.parties.all()]
    client = login(staff_user)
    response = client.post(
        f"/articulacion/convenios/{a.pk}/montos/",
        {"payer": payer.pk, "payee": payee.pk, "amount_clp": "1000", "concept": "Extra"},
        follow=True,
    )
    assert "no se modifican" in response.text
    response = client.post(
        f"/articulacion/convenios/{a.pk}/partes/", {"organization": org().pk, "role": "ejecutor"}, follow=True
    )
    assert "no se modifican" in response.text
    assert (a.parties.count(), a.transfers.count()) == (2, 0)
