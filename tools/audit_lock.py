"""pip-audit over the production lock file (requirements/production.txt): exit 1 when a locked
package has a known vulnerability.

pip-audit needs a vulnerability service. It asks PyPI's only (the per-release JSON API): Garda's
build machines reach the package registries and nothing else, so no other service is tried.
Where PyPI cannot answer (the development machines reach a mirror whose per-release JSON answers
404, so pip-audit skips every package as "not found on PyPI"), the audit has not run: it says
so loudly, names how many packages went unchecked, and exits 0 (2 with --strict), so CI fails
on a vulnerability found, never on a service it cannot reach.

Usage: python tools/audit_lock.py [--lock requirements/production.txt] [--strict]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SERVICES = ("pypi",)
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    service: str
    audited: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    vulnerable: list[str] = field(default_factory=list)
    failure: str = ""


def audit(lock: Path, service: str) -> Outcome:
    outcome = Outcome(service)
    command = [
        sys.executable, "-m", "pip_audit", "--disable-pip", "--require-hashes",
        "-r", str(lock), "--vulnerability-service", service, "--format", "json",
        "--progress-spinner", "off",
    ]  # fmt: skip
    try:
        done = subprocess.run(  # noqa: S603  # fixed arguments, no shell
            command, capture_output=True, text=True, timeout=600, check=False
        )
    except subprocess.TimeoutExpired:
        outcome.failure = "timed out after 600 s"
        return outcome
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        # pip-audit crashed before reporting (no route to the service, usually)
        lines = (done.stderr or done.stdout).strip().splitlines()
        outcome.failure = lines[-1] if lines else f"pip-audit exited {done.returncode}"
        return outcome
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']}=={dependency.get('version', '?')}"
        if dependency.get("skip_reason"):
            outcome.skipped[name] = dependency["skip_reason"]
            continue
        outcome.audited.append(name)
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
            outcome.vulnerable.append(f"{name}: {vuln['id']} (fixed in {fixed})")
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements" / "production.txt")
    parser.add_argument("--strict", action="store_true", help="exit 2 when nothing was audited")
    args = parser.parse_args()
    outcomes: list[Outcome] = []
    for service in SERVICES:
        outcome = audit(args.lock, service)
        outcomes.append(outcome)
        if outcome.vulnerable:
            print(f"pip-audit ({service}): known vulnerabilities in the production lock:")
            for line in outcome.vulnerable:
                print(f"  {line}")
            print("Update the lock (README, 'Dependencies') to a fixed release.")
            return 1
        if outcome.audited:
            print(
                f"pip-audit ({service}): {len(outcome.audited)} locked packages audited, "
                f"no known vulnerabilities"
                + (f"; {len(outcome.skipped)} not checked" if outcome.skipped else "")
                + "."
            )
            for name, reason in sorted(outcome.skipped.items()):
                print(f"  not checked: {name}: {reason}")
            return 0
    print("!" * 72)
    print("pip-audit COULD NOT RUN: no vulnerability service answered for any locked package.")
    for outcome in outcomes:
        why = outcome.failure or (
            f"{len(outcome.skipped)} packages skipped, e.g. "
            + next(iter(outcome.skipped.values()), "nothing to audit")
        )
        print(f"  {outcome.service}: {why}")
    print(
        "The production lock is NOT audited; run tools/audit_lock.py where PyPI's "
        "vulnerability data answers."
    )
    print("!" * 72)
    return 2 if args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
