"""The staff upload page, end to end through HTTP with the ImmediateBackend (set by conftest.py)."""

import gzip

import pytest
from django.shortcuts import resolve_url
from django.urls import reverse

from hub.observatory.models import ImportRun, ImportStatus, Observation
from hub.observatory.services import catalogue_sync

pytestmark = pytest.mark.django_db

HEADER = "comuna,cut_comuna,region,cut_region,fecha,delito,delito_n\n"


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """conftest.py sets TASKS_BACKEND too late when pytest-django has already read the settings: be explicit."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cead_upload(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    catalogue_sync()
    path = tmp_path / "cead_slice.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(HEADER)
        for month in range(1, 13):
            handle.write(f"Ñuñoa,13120,Metropolitana,13,2024-{month:02d}-01,Hurtos,{month}\n")
        handle.write("Ñuñoa,13120,Metropolitana,13,2024-01-01,Hurtos,99\n")  # duplicate: 1 of 13 rows
    return path


def post_upload(client, path, **extra):
    with open(path, "rb") as handle:
        data = {"importer": "cead", "file": handle, **extra}
        return client.post(reverse("observatory_import:upload"), data)


def test_staff_uploads_a_file_and_sees_the_finished_report(login, staff_user, cead_upload, settings):
    client = login(staff_user)
    response = post_upload(client, cead_upload)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("observatory_import:run_detail",
                                                                            args=[run.pk])
    # 1 bad row of 13 is above the 5 % threshold: refused whole, nothing written, the row is reported.
    assert run.status == ImportStatus.REJECTED
    assert not Observation.objects.exists()
    page = client.get(response["Location"])
    assert "fila 14" in page.content.decode() and "<progress" in page.content.decode()
    assert str(settings.MEDIA_ROOT / "imports") in run.file_path
    assert run.created_by == staff_user


def test_a_good_upload_loads_observations_and_the_status_fragment_stops_polling(login, staff_user, tmp_path,
                                                                              cead_upload):
    clean = tmp_path / "clean.csv.gz"
    with gzip.open(cead_upload, "rt", encoding="utf-8") as source, gzip.open(clean, "wt", encoding="utf-8") as out:
        out.writelines(source.readlines()[:-1])
    client = login(staff_user)
    post_upload(client, clean)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.SUCCEEDED and run.progress == 100
    assert Observation.objects.get(indicator__code="casos_policiales", comuna_id="13120", period="2024",
                                   dimension="").value == sum(range(1, 13))
    fragment = client.get(reverse("observatory_import:run_status", args=[run.pk])).content.decode()
    assert "hx-trigger" not in fragment and "Completada" in fragment
    listing = client.get(reverse("observatory_import:run_list")).content.decode()
    assert "clean.csv.gz" in listing


def test_a_pending_run_is_polled_every_second(login, staff_user):
    run = ImportRun.objects.create(importer="cead", file_name="x.csv.gz", status=ImportStatus.PENDING)
    fragment = login(staff_user).get(reverse("observatory_import:run_status", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and reverse("observatory_import:run_status", args=[run.pk]) in fragment


def test_dry_run_upload_writes_no_observation(login, staff_user, tmp_path, cead_upload):
    client = login(staff_user)
    path = tmp_path / "tiny.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(HEADER + "Ñuñoa,13120,Metropolitana,13,2024-01-01,Hurtos,4\n")
    post_upload(client, path, dry_run="on")
    run = ImportRun.objects.get()
    assert run.dry_run and run.status == ImportStatus.SUCCEEDED and run.rows_loaded == 3
    assert not Observation.objects.exists()


def test_generic_upload_without_mapping_is_refused_by_the_form(login, staff_user, cead_upload):
    response = post_upload(login(staff_user), cead_upload, importer="generic")
    assert response.status_code == 200
    assert "necesita su definición" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("persona", ["official_a", "official_b", "partner_user"])
def test_officials_and_partners_get_403_and_nothing_is_imported(request, login, persona, cead_upload):
    client = login(request.getfixturevalue(persona))
    assert post_upload(client, cead_upload).status_code == 403
    assert client.get(reverse("observatory_import:run_list")).status_code == 403
    assert not ImportRun.objects.exists() and not Observation.objects.exists()


def test_anonymous_is_sent_to_login(client, cead_upload, settings):
    response = post_upload(client, cead_upload)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not ImportRun.objects.exists()
