"""Browser journeys against a live Garda, started the production way.

One server per session, in a temporary data dir: `garda migrate`, `garda seed_demo`, then
`garda serve` (granian + db_worker) on a free port. When DATABASE_URL points at PostgreSQL the
session creates its own database (garda_e2e_<pid>) beside it and drops it at the end; any other
DATABASE_URL is ignored so the journeys never write into a database someone else uses.

The tests talk to that server only, through Chromium (Debian's /usr/bin/chromium) driven by
Playwright's sync API; they never use pytest-django's database fixtures. Every console error and
uncaught page error on any page a test opens fails that test, unless the test declared it
expected with `console.allow(pattern)`.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import accessibility
import pytest
from accessibility import AXE_SCRIPT, AxeAudit, axe_available, failure_message
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIR / "artifacts"
BIN = Path(sys.executable).parent
GARDA = str(BIN / "garda")

DEMO_PASSWORD = "garda-demo-2026"
# Django's own label, "Sandi" in its Indonesian catalogue; Garda's texts say "kata sandi".
PASSWORD_LABEL = re.compile(r"^(kata )?sandi$", re.IGNORECASE)
CHROMIUM = "/usr/bin/chromium"
ENROLMENT_LINK = re.compile(r"https?://\S+/akun/2fa/pasang/\S+/")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 150  # seconds; collectstatic (compressing: ~25 s, more when busy) + boot


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under e2e/ is a browser journey."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


# --- The live server ------------------------------------------------------------------------


@dataclass
class LiveGarda:
    url: str
    env: dict[str, str]
    log: Path
    _used_steps: dict[str, int] = field(default_factory=dict)

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run a `garda` command against the live server's data; returns its stdout."""
        done = subprocess.run(
            [GARDA, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"garda {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )
        return done.stdout

    def totp_secret(self, username: str) -> str:
        """Base32 secret of the user's TOTP device (for a device confirmed in an earlier test)."""
        code = (
            "import base64\n"
            "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
            f"d = TOTPDevice.objects.filter(user__username={username!r})"
            ".order_by('-confirmed').first()\n"
            "print(base64.b32encode(d.bin_key).decode().rstrip('='))\n"
        )
        return self.manage("shell", "-c", code).strip().splitlines()[-1]

    def mailed_enrolment_link(self, address: str) -> str:
        """The newest TOTP enrolment link mailed to `address`, read from the outbox files the
        file mail backend writes when EMAIL_URL is unset (one file per sending process)."""
        outbox = Path(self.env["GARDA_DATA_DIR"]) / "outbox"
        deadline = time.monotonic() + 10  # the mail goes out after the request's commit
        while time.monotonic() < deadline:
            files = sorted(outbox.glob("*.log"), key=lambda path: path.stat().st_mtime)
            text = "".join(path.read_text(errors="replace") for path in files)
            messages = text.split("-" * 79)
            links = [
                found.group(0)
                for message in messages
                if f"To: {address}" in message
                for found in [ENROLMENT_LINK.search(message)]
                if found is not None
            ]
            if links:
                return links[-1]
            time.sleep(0.2)
        raise AssertionError(f"no enrolment link mailed to {address} in {outbox}")

    def totp_code(self, username: str, secret: str) -> str:
        """The code to type now. django-otp takes each 30 s step once per device but accepts
        one step of clock drift, so a second sign-in within the same step sends the next
        step's code instead of waiting."""
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        step = int(time.time()) // 30
        drift = max(0, self._used_steps.get(username, -1) + 1 - step)
        if drift > 1:
            # Two steps ahead is beyond django-otp's tolerance: wait one step, then count
            # again (the step just reached may be the one already taken: send the next).
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time()) // 30
            drift = max(0, self._used_steps.get(username, -1) + 1 - step)
        self._used_steps[username] = step + drift
        return f"{totp(key, drift=drift):06d}"

    def skip_to_next_step(self, username: str) -> None:
        """Wait for a new 30 s step and count it as used, so the next code is one step ahead."""
        time.sleep(30 - time.time() % 30 + 0.5)
        self._used_steps[username] = int(time.time()) // 30


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    parts = urlsplit(url)
    args = [
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    extra = {"PGPASSWORD": parts.password} if parts.password else {}
    return args, extra


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"garda serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/akun/masuk/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(
        f"garda serve did not answer within {SERVER_START_TIMEOUT} s:\n{log.read_text()}"
    )


@pytest.fixture(scope="session")
def live_garda(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGarda]:
    ARTIFACTS.mkdir(exist_ok=True)
    for stale in ARTIFACTS.glob("*.png"):  # a screenshot left by an earlier run would mislead
        stale.unlink()
    data_dir = tmp_path_factory.mktemp("garda-data")
    env = dict(os.environ)
    env.update(
        {
            "GARDA_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "garda.settings",
            "PYTHONUNBUFFERED": "1",
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    database_url = env.get("DATABASE_URL", "")
    pg_db: str | None = None
    pg_args: list[str] = []
    if database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        pg_db = f"garda_e2e_{os.getpid()}"
        pg_args, pg_env = _pg_args(database_url)
        env.update(pg_env)
        subprocess.run(["dropdb", *pg_args, "--if-exists", pg_db], env=env, check=True)
        subprocess.run(["createdb", *pg_args, pg_db], env=env, check=True)
        env["DATABASE_URL"] = _with_database(database_url, pg_db)
    else:
        env.pop("DATABASE_URL", None)  # SQLite in the temp data dir

    vendor = "postgresql" if pg_db else "sqlite"
    port = _free_port()
    # As `GARDA_PORT=... make run` does: no GARDA_SITE_URL, so links that leave the site
    # (certificate QR codes, mail, /data.json) must follow the port by themselves.
    env.pop("GARDA_SITE_URL", None)
    env["GARDA_PORT"] = str(port)
    live = LiveGarda(
        url=f"http://127.0.0.1:{port}", env=env, log=ARTIFACTS / f"server-{vendor}.log"
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        live.manage("migrate", "--no-input", timeout=300)
        live.manage("seed_demo", "--quiet-accounts")
        with live.log.open("wb") as log:
            server = subprocess.Popen(
                [GARDA, "serve", "--host", "127.0.0.1"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: granian and db_worker too
            )
        _wait_until_up(live.url, server, live.log)
        yield live
    finally:
        if server is not None:
            _stop_group(server)
        if pg_db:
            subprocess.run(
                ["dropdb", *pg_args, "--if-exists", "--force", pg_db], env=env, check=False
            )


def _stop_group(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)
    # granian's workers and the db_worker may outlive the parent by a moment.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def base_url(live_garda: LiveGarda) -> str:
    return live_garda.url


# --- Browser --------------------------------------------------------------------------------


AUDIT_KEY = pytest.StashKey[AxeAudit]()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not axe_available():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `npm ci --prefix tools/axe` first")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        accessibility.audit_before_each_browser_call()
        new_context = chromium.new_context

        def audited_context(**options: Any) -> BrowserContext:
            """Every context, the fixtures' and those a test opens itself, gets axe-core."""
            context = new_context(**options)
            audit = accessibility.current()
            if audit is not None:
                audit.attach(context)
                close = context.close

                def close_after_audit(**close_options: Any) -> None:
                    audit.audit_open_pages(context)
                    close(**close_options)

                context.close = close_after_audit  # type: ignore[method-assign]
            return context

        chromium.new_context = audited_context  # type: ignore[method-assign]
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    audit = AxeAudit()
    item.stash[AUDIT_KEY] = audit
    accessibility.start(audit)
    try:
        return (yield)
    except BaseException:
        accessibility.stop(audit)
        raise


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    try:
        return (yield)
    finally:
        audit = item.stash.get(AUDIT_KEY, None)
        if audit is not None:
            accessibility.stop(audit)


# Errors that say nothing about the page under test. Chromium asks for /favicon.ico once per
# browser and logs the 404 as a console error on whichever page happens to be first. Garda has
# no favicon yet (base.html links none, nothing serves /favicon.ico): drop this once it has.
KNOWN_NOISE = [re.compile(r"\(from \S+/favicon\.ico\): Failed to load resource")]


class ConsoleWatch:
    """Console errors and uncaught exceptions of every page a test opens."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._allowed: list[re.Pattern[str]] = list(KNOWN_NOISE)

    def allow(self, pattern: str) -> None:
        """Declare an error the test expects (e.g. the browser's note about a 403 document)."""
        self._allowed.append(re.compile(pattern))

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                source = message.location.get("url") or page.url
                self.errors.append(f"console.error on {page.url} (from {source}): {message.text}")

        def on_page_error(error: Exception) -> None:
            self.errors.append(f"uncaught error on {page.url}: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self._allowed)]


CONSOLE_KEY = pytest.StashKey[ConsoleWatch]()
PAGES_KEY = pytest.StashKey[list[Page]]()


@pytest.fixture
def console(request: pytest.FixtureRequest) -> ConsoleWatch:
    watch = ConsoleWatch()
    request.node.stash[CONSOLE_KEY] = watch
    request.node.stash[PAGES_KEY] = []
    return watch


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test on console errors and on axe-core's serious or critical findings; show
    them beside any other failure too."""
    audit = item.stash.get(AUDIT_KEY, None)
    try:
        result = yield
    except BaseException:
        watch = item.stash.get(CONSOLE_KEY, None)
        if watch is not None and watch.errors:
            item.add_report_section("call", "browser console", "\n".join(watch.errors))
        if audit is not None and audit.findings:
            item.add_report_section("call", "axe-core", failure_message(audit.findings))
        raise
    watch = item.stash.get(CONSOLE_KEY, None)
    if watch is not None and (errors := watch.unexpected()):
        raise AssertionError("errors in the browser console:\n  " + "\n  ".join(errors))
    if audit is not None:
        audit.finish()
        audit.report(ARTIFACTS / "axe" / f"{item.name}.json")
        if audit.findings:
            raise AssertionError(failure_message(audit.findings))
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if report.when == "call" and report.failed:
        for number, open_page in enumerate(item.stash.get(PAGES_KEY, [])):
            if not open_page.is_closed():
                # Best effort: the failure report matters more than its picture.
                with contextlib.suppress(Exception):
                    _screenshot(open_page, f"{item.name}-FAILED-{number}")
    return report


def _new_page(
    request: pytest.FixtureRequest,
    browser: Browser,
    base_url: str,
    console: ConsoleWatch,
    **options: object,
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        base_url=base_url,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        # Bootstrap then skips its transitions, so a screenshot never catches a menu half open.
        reduced_motion="reduce",
        **options,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    console.watch(page)
    context.on("page", console.watch)  # pages the test opens later (popups, new tabs)
    request.node.stash[PAGES_KEY].append(page)
    yield page
    context.close()


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, console: ConsoleWatch
) -> Iterator[Page]:
    """A fresh desktop-sized context per test (id-ID, Asia/Jakarta)."""
    yield from _new_page(
        request, browser, base_url, console, viewport={"width": 1280, "height": 800}
    )


@pytest.fixture
def phone_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, console: ConsoleWatch
) -> Iterator[Page]:
    """A phone: 390x844 CSS pixels, touch, mobile viewport rules."""
    yield from _new_page(
        request,
        browser,
        base_url,
        console,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


# --- Helpers for the journeys ---------------------------------------------------------------


def _screenshot(page: Page, stem: str) -> Path:
    path = ARTIFACTS / f"{stem}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """`shot(page, name)` saves a full-page PNG as e2e/artifacts/<test name>-<name>.png."""

    def take(page: Page, name: str) -> Path:
        return _screenshot(page, f"{request.node.name}-{name}")

    return take


@pytest.fixture
def sign_in(live_garda: LiveGarda) -> Callable[..., None]:
    """`sign_in(page, username)`: the password form, then the TOTP step when the role has one.

    A first-time admin is told a set-up link was mailed; the fixture opens the link an operator
    prints with `garda totp_enrolment_link` (test_shell follows the mailed one), which shows the
    secret. One set up earlier in the session gets only the code field, and its secret is read
    with a `garda shell` command.
    """

    def do(
        page: Page,
        username: str,
        password: str = DEMO_PASSWORD,
        shot: Callable[[Page, str], Path] | None = None,
    ) -> None:
        """`shot`, when given, photographs the second-factor page as "<test>-2fa"."""
        page.goto("/akun/masuk/")
        page.get_by_label("Username atau NIP").fill(username)
        page.get_by_label(PASSWORD_LABEL).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Masuk", exact=True).click()
        if "/akun/2fa/" not in page.url:
            return
        if shot:
            shot(page, "2fa")
        if page.locator("#enrolment-link-sent").count():
            page.goto(live_garda.manage("totp_enrolment_link", username).strip())
        secret_box = page.locator("#totp-secret")
        if secret_box.count():
            secret = secret_box.inner_text().strip()
        else:
            secret = live_garda.totp_secret(username)
        for _attempt in range(2):
            code = live_garda.totp_code(username, secret)
            page.get_by_label("Kode 6 digit dari aplikasi autentikator").fill(code)
            with page.expect_navigation():
                page.get_by_role("button", name="Verifikasi").click()
            if "/akun/2fa/" not in page.url:
                return
            # django-otp takes each 30 s step once per device and never one at or below the
            # last it took; a step taken where this fixture could not count it is refused.
            # The next step's code, sent within the following step, is above any taken so far.
            live_garda.skip_to_next_step(username)
        raise AssertionError(f"{username}: the second factor refused two fresh codes")

    return do
