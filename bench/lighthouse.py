"""Lighthouse performance (mobile) of the heaviest public page, with Debian's Chromium.

Target (issue 12): the heaviest public page, a year of the budget portal (/anggaran/<year>/:
its charts bring Chart.js), scores at least 90 on Lighthouse's performance category in its
mobile form factor (a mid-range phone on a slow 4G link, simulated: the score does not depend
on this machine's network, and little on its speed).

A fresh Garda with the demo data, served by `garda serve` as in production; the page is the
year /anggaran/ redirects to. Lighthouse (tools/lighthouse, pinned by its package-lock.json:
`npm ci --prefix tools/lighthouse`) runs --runs times (3) against it headless, with
CHROME_PATH=/usr/bin/chromium; the score reported is the median, with each run's metrics.
About 2 minutes (migrate and demo data ~45 s, compressing the static files the first time
~25 s, ~20 s a run). Exit 0 with figures, 2 when it could not run. Results:
bench/results/lighthouse.json, and the last run's full report in
bench/results/lighthouse-report.json.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--url http://127.0.0.1:8000/anggaran/2026/]

With --url it measures that page of a Garda already running (no fresh data).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import (
    PROJECT_DIR,
    RESULTS_DIR,
    BenchError,
    http_request,
    machine_info,
    running_garda,
    write_results,
)

LIGHTHOUSE = PROJECT_DIR / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
TARGET_SCORE = 90
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
    "total-byte-weight",
)
RUN_TIMEOUT_S = 180


def lighthouse_run(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run, performance only, mobile; its score (0-100) and metrics."""
    if not LIGHTHOUSE.exists():
        raise BenchError(f"{LIGHTHOUSE} missing: npm ci --prefix tools/lighthouse")
    if not Path(CHROMIUM).exists():
        raise BenchError(f"no Chromium at {CHROMIUM} (set CHROME_PATH)")
    command = [
        str(LIGHTHOUSE), url, "--only-categories=performance", "--form-factor=mobile",
        f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report}",
        "--quiet",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"lighthouse took longer than {RUN_TIMEOUT_S} s") from error
    if done.returncode != 0 or not report.exists():
        raise BenchError(f"lighthouse failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result = json.loads(report.read_text())
    if result.get("runtimeError"):
        raise BenchError(f"lighthouse: {result['runtimeError']}")
    score = result["categories"]["performance"]["score"]
    if score is None:
        raise BenchError("lighthouse gave no performance score (page failed to load?)")
    audits = result["audits"]
    return {
        "score": round(score * 100),
        "metrics": {name: audits[name]["displayValue"] for name in METRICS},
        "failing": {
            name: audit.get("displayValue") or audit["title"]
            for name, audit in audits.items()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in {"numeric", "binary", "metricSavings"}
        },
    }


def measure(url: str, runs: int) -> dict[str, Any]:
    RESULTS_DIR.mkdir(exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="garda-lighthouse-") as tmp:
        for index in range(runs):
            report = Path(tmp) / f"run-{index}.json"
            result = lighthouse_run(url, report)
            print(f"run {index + 1}: score {result['score']}  " + "  ".join(
                f"{name} {value}" for name, value in result["metrics"].items()
            ), flush=True)  # fmt: skip
            results.append(result)
        (RESULTS_DIR / "lighthouse-report.json").write_bytes(report.read_bytes())
    median = statistics.median(result["score"] for result in results)
    return {"url": url, "runs": results, "median_score": median}


def heaviest_budget_page(base_url: str) -> str:
    """The year /anggaran/ sends a visitor to: the latest, with its charts."""
    answer = http_request(base_url, "GET", "/anggaran/")
    location = (answer.header_values("Location") or [""])[0]
    if answer.status != 302 or not location.startswith("/anggaran/"):
        raise BenchError(f"/anggaran/ answered {answer.status} {location}")
    return base_url + location


def _run(args: argparse.Namespace) -> dict[str, Any]:
    if args.url:
        figures = measure(args.url, args.runs)
    else:
        print("Preparing a fresh Garda (migrate, demo data, collectstatic) ...", flush=True)
        with running_garda(threads=8) as server:
            figures = measure(heaviest_budget_page(server.base_url), args.runs)
    median = figures["median_score"]
    verdict = "PASS" if median >= TARGET_SCORE else "FAIL"
    last = figures["runs"][-1]["failing"]
    if last:
        print("below 0.9 in the last run: " + "; ".join(f"{k} ({v})" for k, v in last.items()))
    print(f"RESULT {verdict}: Lighthouse performance (mobile) {median:g} on {figures['url']} "
          f"(median of {args.runs}; target >= {TARGET_SCORE})")  # fmt: skip
    return {"bench": "lighthouse", "machine": machine_info(), **figures,
            "target_score": TARGET_SCORE, "verdict": verdict}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", help="a page of a Garda already running")
    args = parser.parse_args(argv)
    try:
        payload = _run(args)
    except BenchError as error:
        print(f"lighthouse bench could not run: {error}", file=sys.stderr)
        return 2
    print(f"results: {write_results('lighthouse', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
