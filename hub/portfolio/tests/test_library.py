import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hub.core.pdf import make_pdf
from hub.portfolio import services
from hub.portfolio.models import LibraryItem, Subscription


def _files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def _form(**extra):
    data = {"title": "Gestión de residuos", "kind": "estudio", "authors": "Equipo Hub", "year": 2025,
            "work_line": "conocimiento", "challenge": "ambiental", "licence": "CC BY 4.0", "summary": "Resumen"}
    data.update(extra)
    return data


def _item(user=None, upload=True, comunas=(), **extra):
    data = _form(**extra)
    pdf = SimpleUploadedFile("a.pdf", make_pdf(data["title"], "texto")) if upload else None
    return services.library_item_create(acting_user=user, data=data, upload=pdf, comunas=comunas)


def test_staff_uploads_a_pdf_and_it_is_stored_with_its_metadata(login, staff_user, media_tmp, comuna_a):
    client = login(staff_user)
    pdf = SimpleUploadedFile("informe.pdf", make_pdf("Informe", "Línea de texto"), content_type="application/pdf")
    response = client.post(reverse("portfolio:library_create"), _form(upload=pdf, comunas=[comuna_a.cut]))
    item = LibraryItem.objects.get()
    assert response.status_code == 302
    assert item.file_size == pdf.size and list(item.comunas.all()) == [comuna_a]
    assert len(_files(media_tmp)) == 1
    # Outside MEDIA_ROOT: /media/ may be served directly, the library file only through the checking view.
    assert _files(media_tmp / "media") == [] and item.file.path.startswith(str(media_tmp / "private_media"))
    assert client.get(item.download_url).getvalue().startswith(b"%PDF-")


def test_a_file_named_pdf_whose_content_is_not_pdf_is_refused_and_nothing_is_stored(login, staff_user, media_tmp):
    fake = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = login(staff_user).post(reverse("portfolio:library_create"), _form(upload=fake))
    assert response.status_code == 400
    assert "El archivo no es un PDF" in response.content.decode()
    assert not LibraryItem.objects.exists() and _files(media_tmp) == []


def test_a_pdf_over_the_size_limit_is_refused_and_nothing_is_stored(login, staff_user, media_tmp, settings):
    big = SimpleUploadedFile("grande.pdf", b"%PDF-1.4\n" + b"0" * (services.PDF_MAX_BYTES + 1))
    response = login(staff_user).post(reverse("portfolio:library_create"), _form(upload=big))
    assert response.status_code == 400
    assert "el máximo es 10 MB" in response.content.decode()
    assert not LibraryItem.objects.exists() and _files(media_tmp) == []


def test_a_failing_row_leaves_no_file_on_disk(staff_user, media_tmp, monkeypatch):
    def boom(item):
        raise RuntimeError("falla simulada")

    monkeypatch.setattr(services, "fts_sync", boom)
    with pytest.raises(RuntimeError):
        _item(staff_user)
    assert not LibraryItem.objects.exists() and _files(media_tmp) == []


def test_officials_cannot_upload(login, official_a):
    pdf = SimpleUploadedFile("a.pdf", make_pdf("x"))
    assert login(official_a).post(reverse("portfolio:library_create"), _form(upload=pdf)).status_code == 403
    assert not LibraryItem.objects.exists()


def test_premium_file_is_refused_to_anonymous_and_non_subscribers_with_metadata_still_visible(
    login, staff_user, official_a
):
    item = _item(staff_user, is_premium=True, title="Análisis premium")
    for user in (None, official_a):
        response = login(user).get(item.download_url)
        html = response.content.decode()
        assert response.status_code == 403
        assert "contenido premium" in html and "Análisis premium" in html and "Equipo Hub" in html
        assert "%PDF" not in html
    detail = login(None).get(item.get_absolute_url()).content.decode()
    assert "Análisis premium" in detail and "Descargar PDF" not in detail


def test_subscribers_and_staff_download_premium_files(login, staff_user, official_a):
    item = _item(staff_user, is_premium=True)
    Subscription.objects.create(user=official_a, valid_until=timezone.localdate() + datetime.timedelta(days=1))
    for user in (official_a, staff_user):
        response = login(user).get(item.download_url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.getvalue().startswith(b"%PDF-")


def test_an_expired_subscription_does_not_open_premium_files(login, staff_user, official_a):
    item = _item(staff_user, is_premium=True)
    Subscription.objects.create(user=official_a, valid_until=timezone.localdate() - datetime.timedelta(days=1))
    assert login(official_a).get(item.download_url).status_code == 403


def test_non_premium_files_are_public_but_served_through_the_view(client, staff_user):
    item = _item(staff_user)
    assert "/media/" not in client.get(item.get_absolute_url()).content.decode()
    assert client.get(item.download_url).status_code == 200


# --- Search (runs on SQLite FTS5 and on PostgreSQL with unaccent) -------------------------------------


def test_gestion_without_accent_finds_gestion_with_accent(client, staff_user):
    _item(staff_user, title="Gestión de residuos")
    _item(staff_user, title="Seguridad comunal", work_line="formacion", challenge="seguridad", summary="Otra cosa")
    html = client.get(reverse("portfolio:library_list"), {"q": "gestion"}).content.decode()
    assert "Gestión de residuos" in html and "Seguridad comunal" not in html
    html = client.get(reverse("portfolio:library_list"), {"q": "GESTIÓN"}).content.decode()
    assert "Gestión de residuos" in html


def test_results_are_ranked_by_relevance(staff_user):
    from hub.portfolio.search import library_search

    _item(staff_user, title="Informe anual", summary="Incluye un capítulo breve de gestión.", year=2025)
    _item(staff_user, title="Gestión municipal: gestión de residuos y gestión de personas", year=2020)
    result = library_search("gestion", {})
    titles = [i.title for i in result.items]
    assert titles == ["Gestión municipal: gestión de residuos y gestión de personas", "Informe anual"]
    assert result.total == 2


def test_facets_count_line_challenge_kind_typology_and_year(staff_user, comuna_a, comuna_b):
    from hub.portfolio.search import library_search

    _item(staff_user, title="Gestión A", comunas=[comuna_a], year=2024)
    _item(staff_user, title="Gestión B", comunas=[comuna_b], year=2025, kind="protocolo")
    _item(staff_user, title="Otra cosa", challenge="aps", year=2025)
    facets = library_search("gestion", {}).facets
    assert facets["challenge"] == [("ambiental", "Sostenibilidad ambiental", 2)]
    assert {code: n for code, _, n in facets["kind"]} == {"estudio": 1, "protocolo": 1}
    assert {code: n for code, _, n in facets["typology"]} == {"metropolitanas": 1, "mayores": 1}
    assert {code: n for code, _, n in facets["year"]} == {"2025": 1, "2024": 1}
    narrowed = library_search("gestion", {"typology": "mayores"})
    assert [i.title for i in narrowed.items] == ["Gestión B"]


def test_library_page_shows_facets_and_keeps_the_query_in_facet_links(client, staff_user):
    _item(staff_user, title="Gestión A", year=2024)
    html = client.get(reverse("portfolio:library_list"), {"q": "gestion"}).content.decode()
    assert "Sostenibilidad ambiental" in html and "q=gestion&amp;challenge=ambiental" in html
    assert "· 2024</p>" in html  # a year, not a thousands-separated number


def test_search_index_follows_updates_and_deletes(staff_user):
    from hub.portfolio.search import library_search

    item = _item(staff_user, title="Gestión A")
    services.library_item_update(acting_user=staff_user, item=item, data={"title": "Planificación urbana"})
    assert library_search("gestion", {}).total == 0
    assert library_search("planificacion", {}).total == 1
    services.library_item_delete(acting_user=staff_user, item=item)
    assert library_search("planificacion", {}).total == 0


def test_search_with_only_punctuation_lists_everything(client, staff_user):
    _item(staff_user, title="Gestión A")
    response = client.get(reverse("portfolio:library_list"), {"q": '"*)(-'})
    assert response.status_code == 200 and "Gestión A" in response.content.decode()
