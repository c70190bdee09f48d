"""tools/check_deps.py, run as `make lint` runs it, on small fake projects and on Garda itself.

The fake projects use packages installed in the development venv (requests, segno, granian,
django-axes, psycopg), because the checker asks importlib.metadata which distribution
provides an import name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
CHECKER = REPO / "tools" / "check_deps.py"

pytestmark = pytest.mark.skipif(not CHECKER.exists(), reason="runs from a source checkout")


def _project(root: Path, dependencies: list[str], files: dict[str, str], tool: str = "") -> Path:
    deps = ", ".join(f'"{d}"' for d in dependencies)
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "fake"\nversion = "1"\ndependencies = [{deps}]\n{tool}'
    )
    for name, text in files.items():
        path = root / "src" / "garda" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # our own script with fixed arguments
        [sys.executable, str(CHECKER), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_import_that_is_not_declared_fails(tmp_path: Path) -> None:
    # Imported inside a function, as notify.py imported requests: it still needs installing.
    root = _project(
        tmp_path,
        ["segno>=1.6"],
        {
            "__init__.py": "",
            "qr.py": "import segno\n",
            "notify.py": "def send():\n    import requests.adapters\n    return requests\n",
        },
    )
    result = _check(root)
    assert result.returncode == 1
    assert "used but not in [project.dependencies]: requests" in result.stderr
    assert "src/garda/notify.py:2" in result.stderr
    assert "segno" not in result.stderr


def test_a_declared_package_nothing_uses_fails(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        ["segno>=1.6", "requests>=2.31"],
        {"__init__.py": "", "qr.py": "import segno\n"},
    )
    result = _check(root)
    assert result.returncode == 1
    assert "declared but never used: requests" in result.stderr
    assert "segno" not in result.stderr


def test_settings_names_tools_and_drivers_count_as_used(tmp_path: Path) -> None:
    # axes only in INSTALLED_APPS, psycopg only through the engine Django loads it for,
    # granian only as the tool the code starts; a dotted file name is not a package.
    root = _project(
        tmp_path,
        ["django-axes>=7", "psycopg[binary,pool]>=3.2", "granian>=2.0"],
        {
            "__init__.py": "",
            "settings.py": (
                'INSTALLED_APPS = ["axes", "garda.core"]\n'
                'ENGINE = "django.db.backends.postgresql"\n'
                'KEY = "audit_ed25519.key"\n'
            ),
            "serve.py": 'import shutil\nGRANIAN = shutil.which("granian")\n',
        },
    )
    result = _check(root)
    assert result.returncode == 0, result.stderr
    assert "every import declared" in result.stdout


def test_an_installed_app_that_is_not_declared_fails(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        [],
        {"__init__.py": "", "settings.py": 'INSTALLED_APPS = ["axes"]\n'},
    )
    result = _check(root)
    assert result.returncode == 1
    assert "used but not in [project.dependencies]: django-axes" in result.stderr


def test_tests_and_type_checking_imports_need_no_declaration(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        [],
        {
            "__init__.py": "",
            "conftest.py": "import pytest\n",
            "core/testing.py": "import factory\n",
            "core/tests/test_x.py": "import hypothesis\n",
            "core/test_y.py": "import pytest\n",
            "typed.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import requests\n"
            ),
        },
    )
    result = _check(root)
    assert result.returncode == 0, result.stderr


def test_an_import_no_distribution_provides_fails(tmp_path: Path) -> None:
    root = _project(tmp_path, [], {"__init__.py": "", "x.py": "import surely_not_installed\n"})
    result = _check(root)
    assert result.returncode == 1
    assert "no installed distribution provides 'surely_not_installed'" in result.stderr


def test_a_pending_declaration_is_allowed_until_the_code_uses_it(tmp_path: Path) -> None:
    pending = '[tool.garda.check-deps]\npending = ["segno"]\n'
    root = _project(tmp_path, ["segno>=1.6"], {"__init__.py": ""}, tool=pending)
    assert _check(root).returncode == 0

    (root / "src" / "garda" / "qr.py").write_text("import segno\n")
    result = _check(root)
    assert result.returncode == 1
    assert "segno is used now: remove it from [tool.garda.check-deps] pending" in result.stderr


def test_garda_itself_passes() -> None:
    result = _check(REPO)
    assert result.returncode == 0, result.stderr
