"""Configuration from the environment: generated secret key, deploy checks, SQLite mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

GARDA = [sys.executable, "-m", "garda"]


def _run(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_extra)
    return subprocess.run(  # noqa: S603  # our own CLI with fixed arguments
        [*GARDA, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_secret_key_is_generated_once_with_owner_only_mode(tmp_path: Path) -> None:
    first = _run(
        {"GARDA_DATA_DIR": str(tmp_path)},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = _run(
        {"GARDA_DATA_DIR": str(tmp_path)},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) > 50


def test_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = _run(
        {
            "GARDA_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "k" * 20 + "Jambi-produksi-9f8e7d6c5b4a39281706a5b4c3d2e1f0",
            "GARDA_SITE_URL": "https://garda.jambiprov.go.id",
            "ALLOWED_HOSTS": "garda.jambiprov.go.id",
            "DEBUG": "false",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_set(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.DEBUG is False
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgresql_uses_a_connection_pool(settings) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] >= 1


def test_site_url_follows_the_serving_port_and_mail_goes_to_files(tmp_path: Path) -> None:
    """`GARDA_PORT=8123 make run` hands out links to :8123 and keeps mail off the terminal."""
    env = {k: v for k, v in os.environ.items() if k not in {"GARDA_SITE_URL", "EMAIL_URL"}}
    env.update({"GARDA_DATA_DIR": str(tmp_path), "GARDA_PORT": "8123"})
    script = (
        "from django.conf import settings; from django.core.mail import send_mail; "
        "print(settings.SITE_URL); send_mail('Uji', 'Isi surat', None, ['a@contoh.id'])"
    )
    result = subprocess.run(  # noqa: S603  # our own CLI with fixed arguments
        [*GARDA, "shell", "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8123"
    outbox = list((tmp_path / "outbox").glob("*.log"))
    assert len(outbox) == 1
    assert "Isi surat" in outbox[0].read_text()
