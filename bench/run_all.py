"""Run every bench: each bench/*.py (not starting with "_") that defines a top-level main().

    .venv/bin/python bench/run_all.py            # all of them (what `make bench` runs)
    .venv/bin/python bench/run_all.py shell      # only the named ones
    .venv/bin/python bench/run_all.py --list     # what would run

Each bench runs in its own process, one after the other (never in parallel: they would
measure each other). Exit code: 0 when every bench produced figures, whatever its verdict;
2 when at least one could not run. Targets are reported by the benches, not asserted here.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def defines_main(path: Path) -> bool:
    """True if the module has a top-level `def main` (read, not imported)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)


def discover() -> list[Path]:
    return [
        path
        for path in sorted(BENCH_DIR.glob("*.py"))
        if not path.name.startswith("_") and path.name != Path(__file__).name and defines_main(path)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    wanted = list(sys.argv[1:] if argv is None else argv)
    benches = discover()
    if wanted == ["--list"]:
        print("\n".join(path.stem for path in benches))
        return 0
    if wanted:
        unknown = set(wanted) - {path.stem for path in benches}
        if unknown:
            print(f"unknown bench(es): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        benches = [path for path in benches if path.stem in wanted]
    outcomes: list[tuple[str, int, str, float]] = []
    for path in benches:
        print(f"=== bench {path.stem} ===", flush=True)
        started = time.time()
        code = subprocess.run([sys.executable, str(path)], check=False).returncode
        outcomes.append((path.stem, code, verdict(path.stem, since=started), time.time() - started))
        print(flush=True)
    print("=== summary ===")
    for name, code, result, seconds in outcomes:
        status = result if code == 0 else f"COULD NOT RUN (exit {code})"
        print(f"{name:<20} {status:<28} {seconds:6.0f} s")
    return 0 if all(code == 0 for _, code, _, _ in outcomes) else 2


def verdict(name: str, *, since: float) -> str:
    """The verdict a bench wrote to bench/results/<name>.json during this run, if any."""
    path = BENCH_DIR / "results" / f"{name}.json"
    if not path.exists() or path.stat().st_mtime < since:
        return "ran (no results file)"
    try:
        return str(json.loads(path.read_text()).get("verdict", "ran"))
    except (OSError, ValueError):
        return "ran (unreadable results file)"


if __name__ == "__main__":
    sys.exit(main())
