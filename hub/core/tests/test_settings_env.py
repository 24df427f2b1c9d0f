"""Settings read the environment strictly and write nothing when imported."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("Sí", True), (" on ", True),
                                                ("0", False), ("no", False), ("OFF", False), ("", False)])
def test_boolean_variables_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("HUB_TEST_FLAG", raw)
    assert env_bool("HUB_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("typo", ["ture", "yes please", "2", "verdadero"])
def test_a_typo_in_a_boolean_variable_stops_with_a_clear_message(monkeypatch, typo):
    monkeypatch.setenv("HUB_TEST_FLAG", typo)
    with pytest.raises(ImproperlyConfigured, match="HUB_TEST_FLAG"):
        env_bool("HUB_TEST_FLAG")


def test_importing_the_settings_writes_nothing(tmp_path):
    var_dir = tmp_path / "var-nuevo"
    env = {**os.environ, "HUB_VAR_DIR": str(var_dir), "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("SECRET_KEY", None)
    code = "import django; django.setup(); from django.conf import settings; assert settings.SECRET_KEY"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
    assert not var_dir.exists()
