"""A puskesmas day in SimPy: the walk-in practice against Garda's booked queue, and an M/M/c
queue checked against Erlang C.

No Django here on purpose: `garda queue_simulate` and the tests call these functions, and a
researcher can import the module in a notebook without settings.

Defaults come from the domain notes (docs/mobilejkn.md, queue-mobilejkn.md): a kecamatan
puskesmas sees 150-300 patients a day, registration is open 08.00-12.00 (240 minutes) and
takes 3-5 minutes a patient, online bookings have 10-15% no-shows, and the outpatient standard
is a wait of at most 60 minutes (Kepmenkes 129/2008). The service stage modelled is the
bottleneck the patient queues for: several counters/rooms working in parallel.

Times are minutes from the opening of registration.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Generator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import simpy

WAIT_STANDARD_MINUTES = 60.0  # Kepmenkes 129/2008


@dataclass(frozen=True)
class DayParameters:
    """One puskesmas day. Every field is a flag of `garda queue_simulate`."""

    patients: int = 200  # demand of the day (patients who intend to come)
    servers: int = 4  # counters/rooms serving in parallel
    session_minutes: float = 240.0  # 08.00-12.00
    service_min_minutes: float = 3.0
    service_max_minutes: float = 5.0
    # Walk-in practice: most people come around opening and queue; the rest trickle in.
    share_at_opening: float = 0.6
    early_minutes: float = 30.0  # the crowd starts gathering this long before opening
    crowd_until_minutes: float = 15.0  # ... and keeps arriving until this long after
    last_arrival_minutes: float = 210.0  # nobody arrives in the last half hour
    # Garda: online bookings slotted by the Bailey-Welch rule, walk-ins mixed in.
    booked_share: float = 0.7
    no_show_rate: float = 0.12
    lateness_mean_minutes: float = -5.0  # people tend to come a little early
    lateness_sd_minutes: float = 8.0
    late_window_minutes: float = 15.0  # later than this: the ticket falls into the walk-in line
    replications: int = 20
    seed: int = 2026

    @property
    def service_mean(self) -> float:
        return (self.service_min_minutes + self.service_max_minutes) / 2


@dataclass
class ScenarioResult:
    patients: int
    mean_wait_minutes: float
    p50_wait_minutes: float
    p90_wait_minutes: float
    max_wait_minutes: float
    share_within_60_minutes: float
    replications: int
    booked: int = 0
    walk_ins: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("waits")
        for key, value in data.items():
            if isinstance(value, float):
                data[key] = round(value, 3)
        # `patients` is per day (mean over replications), as a reader expects.
        data["patients"] = round(self.patients / self.replications, 1)
        data["booked"] = round(self.booked / self.replications, 1)
        data["walk_ins"] = round(self.walk_ins / self.replications, 1)
        data["no_shows"] = round(self.no_shows / self.replications, 1)
        return data


def percentile(values: Sequence[float], fraction: float) -> float:
    """Linear-interpolated percentile (fraction in [0, 1]); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _summarise(waits: list[float], replications: int, **counts: int) -> ScenarioResult:
    within = sum(1 for wait in waits if wait <= WAIT_STANDARD_MINUTES)
    return ScenarioResult(
        patients=len(waits),
        mean_wait_minutes=statistics.fmean(waits) if waits else 0.0,
        p50_wait_minutes=percentile(waits, 0.5),
        p90_wait_minutes=percentile(waits, 0.9),
        max_wait_minutes=max(waits, default=0.0),
        share_within_60_minutes=within / len(waits) if waits else 1.0,
        replications=replications,
        waits=waits,
        **counts,
    )


@dataclass(frozen=True)
class _Arrival:
    at: float  # minutes from opening
    key: float  # order in the queue: appointment time or arrival time


def _serve_day(arrivals: list[_Arrival], params: DayParameters, rng: random.Random) -> list[float]:
    """Run one day: each arrival joins one line of `servers` ordered by its key; returns the
    on-site waits (service start minus arrival)."""
    env = simpy.Environment(initial_time=min((a.at for a in arrivals), default=0.0))
    counters = simpy.PriorityResource(env, capacity=params.servers)
    waits: list[float] = []

    def patient(arrival: _Arrival) -> Generator[simpy.Event, Any, None]:
        yield env.timeout(arrival.at - env.now)
        # Counters open at 0: whoever came earlier stands in line until then.
        # SimPy orders by an int: the key in milliseconds keeps its order.
        with counters.request(priority=round(arrival.key * 1000)) as turn:
            yield turn
            if env.now < 0:
                yield env.timeout(-env.now)
            waits.append(env.now - arrival.at)
            yield env.timeout(rng.uniform(params.service_min_minutes, params.service_max_minutes))

    for arrival in sorted(arrivals, key=lambda a: a.at):
        env.process(patient(arrival))
    env.run()
    return waits


def _walk_in_arrivals(params: DayParameters, rng: random.Random) -> list[_Arrival]:
    arrivals = []
    for _ in range(params.patients):
        if rng.random() < params.share_at_opening:
            at = rng.uniform(-params.early_minutes, params.crowd_until_minutes)
        else:
            at = rng.uniform(params.crowd_until_minutes, params.last_arrival_minutes)
        arrivals.append(_Arrival(at=at, key=at))  # first come, first served
    return arrivals


def bailey_welch_slots(count: int, *, servers: int, interval: float) -> list[float]:
    """Appointment times: `servers + 1` at opening (two for a single server, as Bailey and
    Welch put it, so a counter never idles waiting for the first patient), then one every
    `interval` minutes."""
    head = min(count, servers + 1)
    return [0.0] * head + [interval * i for i in range(1, count - head + 1)]


def _garda_arrivals(params: DayParameters, rng: random.Random) -> tuple[list[_Arrival], int, int]:
    booked = sum(1 for _ in range(params.patients) if rng.random() < params.booked_share)
    walk_ins = params.patients - booked
    # One booked patient per mean service time per counter, stretched so the walk-ins expected
    # in the same session fit beside them.
    walk_in_load = walk_ins * params.service_mean / (params.servers * params.last_arrival_minutes)
    free_share = max(0.2, 1.0 - walk_in_load)
    interval = params.service_mean / (params.servers * free_share)
    arrivals: list[_Arrival] = []
    no_shows = 0
    for slot in bailey_welch_slots(booked, servers=params.servers, interval=interval):
        if rng.random() < params.no_show_rate:
            no_shows += 1
            continue
        at = slot + rng.gauss(params.lateness_mean_minutes, params.lateness_sd_minutes)
        # Late beyond the window: the booking lapses into the walk-in line (Qmatic practice).
        key = slot if at - slot <= params.late_window_minutes else at
        arrivals.append(_Arrival(at=at, key=key))
    for _ in range(walk_ins):
        at = rng.uniform(0.0, params.last_arrival_minutes)
        arrivals.append(_Arrival(at=at, key=at))
    return arrivals, booked, no_shows


def simulate_walk_in(params: DayParameters) -> ScenarioResult:
    rng = random.Random(params.seed)  # noqa: S311  # seeded, reproducible: not for secrets
    waits: list[float] = []
    for _ in range(params.replications):
        waits += _serve_day(_walk_in_arrivals(params, rng), params, rng)
    return _summarise(waits, params.replications, walk_ins=params.patients * params.replications)


def simulate_garda(params: DayParameters) -> ScenarioResult:
    rng = random.Random(params.seed + 1)  # noqa: S311  # seeded, reproducible: not for secrets
    waits: list[float] = []
    booked_total = no_show_total = 0
    for _ in range(params.replications):
        arrivals, booked, no_shows = _garda_arrivals(params, rng)
        booked_total += booked
        no_show_total += no_shows
        waits += _serve_day(arrivals, params, rng)
    return _summarise(
        waits,
        params.replications,
        booked=booked_total,
        walk_ins=params.patients * params.replications - booked_total,
        no_shows=no_show_total,
    )


def compare(params: DayParameters) -> dict[str, ScenarioResult]:
    return {"walk_in": simulate_walk_in(params), "garda": simulate_garda(params)}


# --- M/M/c against theory ---------------------------------------------------------------------


def erlang_c(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arrival waits in an M/M/c queue (Erlang C), computed through the
    Erlang B recursion, which stays stable for large c where factorials overflow."""
    offered = arrival_rate / service_rate
    if offered >= servers:
        return 1.0
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = offered * blocking / (k + offered * blocking)
    return servers * blocking / (servers - offered * (1 - blocking))


def erlang_c_mean_wait(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time in queue Wq = C(c, a) / (c*mu - lambda), in the unit of 1/rate."""
    if arrival_rate >= servers * service_rate:
        return math.inf
    probability = erlang_c(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    return probability / (servers * service_rate - arrival_rate)


@dataclass(frozen=True)
class MmcParameters:
    arrival_rate: float  # per hour
    service_rate: float  # per hour, per server
    servers: int
    hours: float = 2000.0  # simulated per replication
    warmup_hours: float = 50.0  # arrivals before this are not counted (start from empty)
    replications: int = 10
    seed: int = 2026


def simulate_mmc(params: MmcParameters) -> dict[str, Any]:
    if params.arrival_rate >= params.servers * params.service_rate:
        raise ValueError("arrival rate must be below servers x service rate (a stable queue)")
    rng = random.Random(params.seed)  # noqa: S311  # seeded, reproducible: not for secrets
    replication_means: list[float] = []
    waited = customers = 0
    for _ in range(params.replications):
        env = simpy.Environment()
        servers = simpy.Resource(env, capacity=params.servers)
        waits: list[float] = []

        def customer(env: simpy.Environment, res: simpy.Resource, sink: list[float]) -> Any:
            arrived = env.now
            with res.request() as turn:
                yield turn
                if arrived >= params.warmup_hours:
                    sink.append(env.now - arrived)
                yield env.timeout(rng.expovariate(params.service_rate))

        def source(env: simpy.Environment, res: simpy.Resource, sink: list[float]) -> Any:
            while True:
                yield env.timeout(rng.expovariate(params.arrival_rate))
                env.process(customer(env, res, sink))

        env.process(source(env, servers, waits))
        env.run(until=params.warmup_hours + params.hours)
        replication_means.append(statistics.fmean(waits) * 60)
        waited += sum(1 for w in waits if w > 0)
        customers += len(waits)
    theory = erlang_c_mean_wait(
        arrival_rate=params.arrival_rate, service_rate=params.service_rate, servers=params.servers
    )
    mean = statistics.fmean(replication_means)
    spread = statistics.stdev(replication_means) if len(replication_means) > 1 else 0.0
    return {
        "model": "mmc",
        "arrival_rate_per_hour": params.arrival_rate,
        "service_rate_per_hour": params.service_rate,
        "servers": params.servers,
        "utilisation": round(params.arrival_rate / (params.servers * params.service_rate), 4),
        "customers": customers,
        "replications": params.replications,
        "mean_wait_minutes": round(mean, 4),
        "mean_wait_minutes_stderr": round(spread / math.sqrt(len(replication_means)), 4),
        "erlang_c_mean_wait_minutes": round(theory * 60, 4),
        "relative_error": round(abs(mean - theory * 60) / (theory * 60), 4) if theory else 0.0,
        "probability_of_wait": round(waited / customers, 4) if customers else 0.0,
        "erlang_c_probability_of_wait": round(
            erlang_c(
                arrival_rate=params.arrival_rate,
                service_rate=params.service_rate,
                servers=params.servers,
            ),
            4,
        ),
    }
