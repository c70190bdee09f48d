"""axe-core on every page the browser journeys open, at desktop width and at 390 px.

axe-core is the engine most accessibility checkers use (browser extensions, Lighthouse, CI
tools); Garda pins it with npm in tools/axe/ (`npm ci --prefix tools/axe`). Every browser context
the journeys create gets the script as an init script, so it sits in every document without
touching the page's Content-Security-Policy. A page is audited when the journey is about to
leave it (the navigation request is held until the audit is done, so the document audited is
the one the journey saw, filled forms and opened menus included) and, for pages still open,
when the test ends. Each audit runs at both widths, restoring the viewport after.

A test fails on any violation axe rates serious or critical under the WCAG 2.0/2.1/2.2 A and
AA rules; docs/standards.md says how to run it and read the report.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import greenlet
from playwright._impl._sync_base import SyncBase
from playwright.sync_api import BrowserContext, Error, Page

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Runs in the page: waits for the document to be complete, then returns axe's violations as
# plain data (rule, impact, help, and for each node its selector and axe's summary).
# Two animation frames: the resize event and its handlers run before the second.
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
RUN_AXE = """async tags => {
  if (document.readyState !== "complete") {
    await new Promise(done => window.addEventListener("load", done, { once: true }));
  }
  if (!window.axe) { return null; }
  const results = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""


def axe_available() -> bool:
    return AXE_SCRIPT.is_file()


@dataclass
class Finding:
    url: str
    width: int
    rule: str
    impact: str
    help: str
    nodes: list[dict[str, str]]

    def __str__(self) -> str:
        where = "; ".join(f"{n['target']}" for n in self.nodes[:5])
        more = f" (+{len(self.nodes) - 5} more)" if len(self.nodes) > 5 else ""
        return (
            f"{self.url} @{self.width}px [{self.impact}] {self.rule}: {self.help} -> {where}{more}"
        )


@dataclass
class AxeAudit:
    """The audits of one test: pages waiting for an audit, which (url, width) were audited, and
    what failed."""

    findings: list[Finding] = field(default_factory=list)
    audited: set[tuple[str, int]] = field(default_factory=set)
    contexts: list[BrowserContext] = field(default_factory=list)
    pending: list[Page] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    busy: bool = False

    def attach(self, context: BrowserContext) -> None:
        context.add_init_script(path=str(AXE_SCRIPT))
        context.on("page", self._watch)
        self.contexts.append(context)

    def _watch(self, page: Page) -> None:
        # Only noted here: a Playwright call inside an event handler would race the test.
        page.on("load", lambda loaded: self.pending.append(loaded))

    def audit_pending(self) -> None:
        """Audit every page whose document loaded since the test's last browser call."""
        if self.busy:
            return
        self.busy = True
        try:
            while self.pending:
                self.audit(self.pending.pop(0))
        finally:
            self.busy = False

    def audit(self, page: Page) -> None:
        if page.is_closed() or not page.url.startswith("http"):
            return
        url = page.url.split("#")[0]
        viewport = page.viewport_size or DESKTOP
        widths = [viewport, PHONE if viewport["width"] > PHONE["width"] else DESKTOP]
        try:
            for size in widths:
                if (url, size["width"]) in self.audited:
                    continue
                if size != viewport:
                    page.set_viewport_size(size)
                    # Let the page's resize handlers run first (garda.js gives a table that
                    # now scrolls its focus), as they would have for a phone loading the page.
                    page.evaluate(SETTLED)
                violations = page.evaluate(RUN_AXE, WCAG_AA_TAGS)
                if violations is None:  # not an HTML document (a JSON answer, a download)
                    break
                self.audited.add((url, size["width"]))
                self.findings.extend(
                    Finding(url=url, width=size["width"], **v)
                    for v in violations
                    if v["impact"] in FAILING_IMPACTS
                )
        except Error as error:
            # The page went away under the audit (a popup closed itself, a download ended).
            self.skipped.append(f"{url}: {error.message.splitlines()[0]}")
        finally:
            if not page.is_closed() and page.viewport_size != viewport:
                with contextlib.suppress(Error):
                    page.set_viewport_size(viewport)

    def audit_open_pages(self, context: BrowserContext) -> None:
        self.busy = True
        try:
            for open_page in context.pages:
                self.audit(open_page)
        finally:
            self.busy = False
            self.pending = [p for p in self.pending if p.context is not context]

    def finish(self) -> None:
        for context in self.contexts:
            self.audit_open_pages(context)

    def report(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "audited": sorted(f"{u} @{w}px" for u, w in self.audited),
                    "findings": [f.__dict__ for f in self.findings],
                    "skipped": self.skipped,
                },
                indent=2,
                ensure_ascii=False,
            )
        )


_running: list[AxeAudit] = []  # the running test's audit (set by e2e/conftest.py)


def start(audit: AxeAudit) -> None:
    _running.append(audit)


def stop(audit: AxeAudit) -> None:
    if audit in _running:
        _running.remove(audit)


def current() -> AxeAudit | None:
    return _running[-1] if _running else None


def audit_before_each_browser_call() -> None:
    """Every call a journey makes into the browser (a click, a fill, an expect, a goto) first
    audits the pages that loaded since its previous call: the document is audited as it
    arrived, before the journey touches it, and the journey never races the audit. Playwright
    has no public hook for this; its sync API sends every call through `SyncBase._sync`, which
    is wrapped here, from the test's own greenlet only (event handlers run in others)."""
    main = greenlet.getcurrent()
    original = SyncBase._sync

    def audited_sync(self: SyncBase, awaitable: Any) -> Any:
        __tracebackhide__ = True  # a failing call's traceback shows the test, not this wrapper
        audit = current()
        if audit is not None and audit.pending and not audit.busy and greenlet.getcurrent() is main:
            audit.audit_pending()
        return original(self, awaitable)

    SyncBase._sync = audited_sync  # type: ignore[method-assign]


def failure_message(findings: list[Finding]) -> str:
    lines: list[Any] = sorted({str(f) for f in findings})
    return "axe-core found serious or critical WCAG 2.2 AA violations:\n  " + "\n  ".join(lines)
