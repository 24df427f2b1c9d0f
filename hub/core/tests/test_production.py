"""Production serving and trust: one client IP rule, locks per (user, IP) with Retry-After, health probes,
gunicorn's access log without query strings, and a rate limit shared by two server processes through Redis."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axes.utils import reset
from django.test import RequestFactory, override_settings

from hub.core.client_ip import client_ip
from testkit.fixtures import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_without_trusted_proxies():
    with override_settings(HUB_TRUSTED_PROXIES=[]):
        assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_forwarded_for_is_read_only_through_a_trusted_proxy():
    with override_settings(HUB_TRUSTED_PROXIES=["10.0.0.5"]):
        assert client_ip(_request("10.0.0.5", "198.51.100.7")) == "198.51.100.7"
        # A client that reaches the app directly cannot choose its address by sending the header.
        assert client_ip(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"
        # Whatever the client prepends, the proxy's appended address is the one believed.
        assert client_ip(_request("10.0.0.5", "6.6.6.6, 198.51.100.7")) == "198.51.100.7"


def test_rotating_forwarded_for_does_not_escape_the_api_limit(client, db):
    with override_settings(HUB_API_RATE="3/min", HUB_TRUSTED_PROXIES=[]):
        from django.core.cache import cache

        cache.clear()
        codes = [
            client.get("/api/v1/comunas", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(5)
        ]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


@pytest.fixture
def axes_on():
    reset()
    with override_settings(AXES_ENABLED=True):
        yield
    reset()


def test_a_lock_is_for_one_user_from_one_address_and_says_when_to_retry(client, official_a, axes_on):
    for _ in range(5):
        client.post("/cuentas/ingresar/", {"username": "official_a", "password": "equivocada"})
    locked = client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    # The same user from another address still gets in: nobody can lock a known username for its owner.
    other = client.post(
        "/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD}, REMOTE_ADDR="192.0.2.44"
    )
    assert other.status_code == 302


def test_a_lock_does_not_lock_other_users_behind_the_same_address(client, official_a, official_b, axes_on):
    for _ in range(5):
        client.post("/cuentas/ingresar/", {"username": "official_a", "password": "equivocada"})
    response = client.post("/cuentas/ingresar/", {"username": "official_b", "password": PASSWORD})
    assert response.status_code == 302


def test_healthz_and_readyz_answer_with_every_check(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "cache": "ok", "tasks": "ok", "disk": "ok"}


def test_readyz_names_the_failing_check_with_503(client, db, monkeypatch):
    from hub.core import health

    def broken():
        raise RuntimeError("sin conexión")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error: RuntimeError: sin conexión")
    assert response.json()["checks"]["database"] == "ok"


def test_gunicorn_access_log_prints_no_query_string():
    namespace: dict = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)
    assert "%(U)s" in namespace["access_log_format"]
    assert "%(q)s" not in namespace["access_log_format"] and "%(r)s" not in namespace["access_log_format"]
    handler = namespace["logconfig_dict"]["handlers"]["console"]
    assert "scrub_secrets" in handler["filters"]


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(not _redis_up(), reason="Redis no está corriendo en 127.0.0.1:6379")
def test_two_server_processes_share_one_rate_limit_through_redis(tmp_path):
    db_file = tmp_path / "hub.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{db_file}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "HUB_API_RATE": "4/min",
        "AXES_ENABLED": "0",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "-c", "import redis; redis.Redis(db=15).flushdb()"], cwd=ROOT, env=env, check=True
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "config.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(100):
                try:
                    if _get(port, "/healthz") == 200:
                        break
                except OSError:
                    time.sleep(0.2)
        codes = [_get(ports[i % 2], "/api/v1/indicators") for i in range(8)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
    # Four requests per minute in all, whichever process answers: a per-process limit would allow eight.
    assert codes.count(200) == 4, codes
    assert codes.count(429) == 4, codes


def test_nul_in_a_path_parameter_is_a_404_not_a_500(client, db):
    assert client.get("/comunas/13%00101/").status_code == 404
    assert client.get("/api/v1/comunas/13%00101").status_code == 404


def test_api_validation_messages_are_in_spanish(client, db):
    response = client.get("/api/v1/comunas", {"limit": "muchos"})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["msg"] == "Debe ser un número entero."
    assert error["loc"][-1] == "limit"


def test_openapi_documents_every_error_answer(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "Error" in schema["components"]["schemas"]
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert {"401", "403", "404", "422", "429"} <= set(operation["responses"])


def test_uploaded_import_files_are_deleted_after_the_retention_period(tmp_path, settings):
    import time as _time

    from hub.core.management.commands.purge_uploads import purge_uploads

    settings.MEDIA_ROOT = tmp_path
    old = tmp_path / "imports" / "2026" / "viejo.csv"
    new = tmp_path / "imports" / "2026" / "nuevo.csv"
    old.parent.mkdir(parents=True)
    old.write_text("cut;valor\n")
    new.write_text("cut;valor\n")
    forty_days_ago = _time.time() - 40 * 86400
    import os as _os

    _os.utime(old, (forty_days_ago, forty_days_ago))
    removed = purge_uploads(30)
    assert removed == [old]
    assert not old.exists() and new.exists()


def test_form_text_loses_bidi_overrides_and_zero_width_characters():
    from django import forms

    class TitleForm(forms.Form):
        title = forms.CharField(max_length=200)

    form = TitleForm({"title": "Informe\u202e fdp.exe\u200b final\x07"})
    assert form.is_valid()
    assert form.cleaned_data["title"] == "Informe fdp.exe final"


def test_a_text_field_without_a_cap_refuses_three_megabytes_in_spanish():
    from django import forms

    class ProblemForm(forms.Form):
        problem = forms.CharField(widget=forms.Textarea)

    form = ProblemForm({"problem": "x" * 3_000_000})
    assert not form.is_valid()
    assert "demasiado largo" in form.errors["problem"][0]
    assert ProblemForm({"problem": "Necesitamos apoyo en ciberseguridad."}).is_valid()


def test_openapi_has_no_duplicate_response_codes(client, db):
    import json

    duplicates = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        duplicates.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=hook)
    assert duplicates == []
