"""`garda queue_simulate`: a puskesmas day under the walk-in practice and under Garda, or an
M/M/c queue beside its Erlang C value. Thin wrapper over garda.queueing.simulation."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.queueing.simulation import (
    WAIT_STANDARD_MINUTES,
    DayParameters,
    MmcParameters,
    ScenarioResult,
    compare,
    simulate_garda,
    simulate_mmc,
    simulate_walk_in,
)

# Issue 5's targets, printed beside the figures (not enforced here: the tests enforce them).
TARGET_MEAN_RATIO = 0.40
TARGET_MMC_ERROR = 0.05


class Command(BaseCommand):
    help = (
        "Simulasi satu hari puskesmas (SimPy): praktik datang langsung dibanding antrean "
        "Garda, atau antrean M/M/c dibanding rumus Erlang C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", choices=("day", "mmc"), default="day")
        parser.add_argument("--scenario", choices=("walk_in", "garda"), default="garda")
        parser.add_argument("--compare", action="store_true", help="both scenarios of a day")
        parser.add_argument("--json", action="store_true", help="print JSON only")
        defaults = DayParameters()
        for item in fields(DayParameters):
            if item.name == "servers":
                continue  # shared with --model mmc, below
            parser.add_argument(
                "--" + item.name.replace("_", "-"),
                type=type(getattr(defaults, item.name)),
                default=getattr(defaults, item.name),
                dest=item.name,
            )
        parser.add_argument(
            "--servers", type=int, default=None, help=f"day: default {defaults.servers}"
        )
        parser.add_argument("--arrival-rate", type=float, help="mmc: arrivals per hour")
        parser.add_argument("--service-rate", type=float, help="mmc: services per hour per server")
        parser.add_argument("--hours", type=float, default=MmcParameters.hours)
        parser.add_argument("--warmup-hours", type=float, default=MmcParameters.warmup_hours)
        parser.add_argument(
            "--mmc-replications", type=int, default=MmcParameters.replications, dest="mmc_reps"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["model"] == "mmc":
            self._mmc(options)
            return
        values = {item.name: options[item.name] for item in fields(DayParameters)}
        values["servers"] = options["servers"] or DayParameters.servers
        self._check_day(values)
        params = DayParameters(**values)
        if options["compare"]:
            results = compare(params)
        elif options["scenario"] == "walk_in":
            results = {"walk_in": simulate_walk_in(params)}
        else:
            results = {"garda": simulate_garda(params)}
        if options["json"]:
            self.stdout.write(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2))
            return
        self._print_day(results)

    def _check_day(self, values: dict[str, Any]) -> None:
        if values["patients"] < 1 or values["servers"] < 1 or values["replications"] < 1:
            raise CommandError("--patients, --servers dan --replications harus minimal 1.")
        if not 0 <= values["booked_share"] <= 1 or not 0 <= values["no_show_rate"] <= 1:
            raise CommandError("--booked-share dan --no-show-rate harus antara 0 dan 1.")
        if values["service_min_minutes"] > values["service_max_minutes"]:
            raise CommandError("--service-min-minutes melebihi --service-max-minutes.")

    def _print_day(self, results: dict[str, ScenarioResult]) -> None:
        self.stdout.write(
            f"{'skenario':<10} {'pasien/hari':>11} {'rerata':>8} {'p50':>7} {'p90':>7} "
            f"{'<=60 mnt':>9}"
        )
        for name, result in results.items():
            data = result.to_dict()
            self.stdout.write(
                f"{name:<10} {data['patients']:>11} {data['mean_wait_minutes']:>8.1f} "
                f"{data['p50_wait_minutes']:>7.1f} {data['p90_wait_minutes']:>7.1f} "
                f"{data['share_within_60_minutes']:>9.1%}"
            )
        if len(results) == 2:
            ratio = results["garda"].mean_wait_minutes / results["walk_in"].mean_wait_minutes
            p90 = results["garda"].p90_wait_minutes
            self.stdout.write(
                f"rerata Garda / datang langsung = {ratio:.2f} "
                f"(target <= {TARGET_MEAN_RATIO:.2f}); "
                f"p90 Garda {p90:.1f} menit (target <= {WAIT_STANDARD_MINUTES:.0f})"
            )

    def _mmc(self, options: dict[str, Any]) -> None:
        if not options["arrival_rate"] or not options["service_rate"] or not options["servers"]:
            raise CommandError("--model mmc butuh --arrival-rate, --service-rate dan --servers.")
        try:
            result = simulate_mmc(
                MmcParameters(
                    arrival_rate=options["arrival_rate"],
                    service_rate=options["service_rate"],
                    servers=options["servers"],
                    hours=options["hours"],
                    warmup_hours=options["warmup_hours"],
                    replications=options["mmc_reps"],
                    seed=options["seed"],
                )
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"M/M/{result['servers']} (utilisasi {result['utilisation']:.2f}, "
            f"{result['customers']} pasien): rerata tunggu simulasi "
            f"{result['mean_wait_minutes']:.2f} menit, Erlang C "
            f"{result['erlang_c_mean_wait_minutes']:.2f} menit, selisih "
            f"{result['relative_error']:.1%} (target <= {TARGET_MMC_ERROR:.0%})"
        )
