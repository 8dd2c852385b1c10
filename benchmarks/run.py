"""Benchmark romstrategy against pydantic v2 and msgspec, in one run, interleaved.

Usage: `python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 5] [--seed 2024]`

Prints one table per workload: load, dump, formats (TOML and YAML), rules, realisation
(`validate()` and `progress()` with three transactions per allocation), motions (the
Tweede Kamer's records read and merged), import and memory. Each
time is the median over `--repeat` rounds (at least 5) after one warm-up
round, with the spread as min-max. In each round the three libraries run one
after the other, in a rotating order, and the ratios are the medians of the
per-round ratios, so drift of the machine hits all three alike. The garbage
collector stays on, as for any user; a full collection runs, untimed, before
each measurement.
"""

from __future__ import annotations

import argparse
import gc
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import romstrategy as rs  # noqa: E402  # after the path is set
from benchmarks import generate  # noqa: E402

PEERS = ("pydantic", "msgspec")
IMPLS = ("romstrategy", *PEERS)
TARGETS_AT = 100_000


def loaders() -> dict[str, Callable[[bytes], Any]]:
    """JSON bytes to a validated object, for each library."""
    from benchmarks import msgspec_model, pydantic_model

    return {
        "romstrategy": lambda data: rs.loads(data, "json"),
        "pydantic": pydantic_model.load,
        "msgspec": msgspec_model.load,
    }


def dumpers() -> dict[str, Callable[[Any], bytes]]:
    """A loaded object to JSON bytes, for each library."""
    from benchmarks import msgspec_model, pydantic_model

    return {
        "romstrategy": lambda strategy: rs.dumps(strategy, "json").encode("utf-8"),
        "pydantic": pydantic_model.dump,
        "msgspec": msgspec_model.dump,
    }


def rules_validate() -> Callable[[rs.Strategy], Any] | None:
    """`romstrategy.rules.validate`, or `None` while it does not exist yet."""
    try:
        from romstrategy import rules
    except Exception:  # any failure to import means: not available
        return None
    validate = getattr(rules, "validate", None)
    return validate if callable(validate) else None


# --- measuring ------------------------------------------------------------------------


def _timed(function: Callable[[], Any]) -> float:
    gc.collect()
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    del result
    return elapsed


def interleaved(
    calls: dict[str, Callable[[], Any]], repeat: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Time each call once per round, rotating the order; the warm-up rounds are dropped."""
    names = list(calls)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(warmup + repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed = _timed(calls[name])
            if round_ >= warmup:
                times[name].append(elapsed)
    return times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def _figure(times: Sequence[float]) -> str:
    return f"{_ms(statistics.median(times))} ({_ms(min(times))}-{_ms(max(times))})"


def _ratio(mine: Sequence[float], theirs: Sequence[float]) -> str:
    ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
    return f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n## {title}\n")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def _target(ok: bool) -> str:
    return "met" if ok else "NOT met"


# --- workloads --------------------------------------------------------------------------


def bench_load(documents: dict[int, bytes], repeat: int) -> None:
    load = loaders()
    header = ["N", *IMPLS, "vs pydantic", "vs msgspec", "target <= 1.0x pydantic, <= 2x msgspec"]
    rows = []
    for n, data in documents.items():
        calls = {name: (lambda f=f, d=data: f(d)) for name, f in load.items()}
        times = interleaved(calls, repeat)
        rows.append(_row(n, times, msgspec_limit=2.0))
    _table("load: JSON bytes to a validated object", header, rows)


def bench_dump(documents: dict[int, bytes], repeat: int) -> None:
    load, dump = loaders(), dumpers()
    header = ["N", *IMPLS, "vs pydantic", "vs msgspec", "target <= 1.0x pydantic"]
    rows = []
    for n, data in documents.items():
        loaded = {name: load[name](data) for name in IMPLS}
        calls = {name: (lambda f=dump[name], o=loaded[name]: f(o)) for name in IMPLS}
        times = interleaved(calls, repeat)
        del loaded, calls
        rows.append(_row(n, times))
    _table("dump: a loaded object to JSON bytes", header, rows)


def _median_ratio(mine: Sequence[float], theirs: Sequence[float]) -> float:
    return statistics.median([a / b for a, b in zip(mine, theirs, strict=True)])


def _row(n: int, times: dict[str, list[float]], msgspec_limit: float | None = None) -> list[str]:
    ok = _median_ratio(times["romstrategy"], times["pydantic"]) <= 1.0
    if msgspec_limit is not None:
        ok = ok and _median_ratio(times["romstrategy"], times["msgspec"]) <= msgspec_limit
    return [
        f"{n:,}",
        *(_figure(times[name]) for name in IMPLS),
        _ratio(times["romstrategy"], times["pydantic"]),
        _ratio(times["romstrategy"], times["msgspec"]),
        _target(ok),
    ]


def bench_formats(documents: dict[int, bytes], repeat: int) -> None:
    """TOML and YAML: load and dump by romstrategy alone (no peer reads these here)."""
    header = ["N", "TOML load", "TOML dump", "YAML load", "YAML dump"]
    rows = []
    for n, data in documents.items():
        strategy = rs.loads(data, "json")
        texts = {kind: rs.dumps(strategy, kind) for kind in ("toml", "yaml")}
        calls = {
            f"{kind} {verb}": call
            for kind, text in texts.items()
            for verb, call in (
                ("load", lambda k=kind, x=text: rs.loads(x, k)),
                ("dump", lambda k=kind, s=strategy: rs.dumps(s, k)),
            )
        }
        times = interleaved(calls, repeat)
        rows.append([f"{n:,}", *(_figure(values) for values in times.values())])
    _table("formats: TOML and YAML text to and from a Strategy", header, rows)


def bench_rules(documents: dict[int, bytes], repeat: int) -> None:
    validate = rules_validate()
    if validate is None:
        print("\n## rules\n\nrules: not available (romstrategy.rules.validate cannot be imported)")
        return
    header = ["N", "activities", "validate()", "findings", "time / time at N/10", "target"]
    rows = []
    medians: dict[int, float] = {}
    for n, data in documents.items():
        strategy = rs.loads(data, "json")
        findings = len(validate(strategy).findings)
        times = interleaved({"rules": lambda s=strategy: validate(s)}, repeat)["rules"]
        median = medians[n] = statistics.median(times)
        previous = medians.get(n // 10)
        scaling = f"{median / previous:.1f}x" if previous is not None else "-"
        target = "-"
        if n == TARGETS_AT:
            target = f"< 0.5 s: {_target(median < 0.5)}"
            if previous is not None:
                target += f"; 10x data <= 15x time: {_target(median / previous <= 15)}"
        rows.append(
            [f"{n:,}", f"{len(strategy.activities):,}", _figure(times), findings, scaling, target]
        )
        del strategy
    _table("rules: validate() on the loaded strategy (no peer)", header, rows)
    if TARGETS_AT in medians and TARGETS_AT // 10 in medians:
        ratio = medians[TARGETS_AT] / medians[TARGETS_AT // 10]
        print(
            f"\nvalidate() {TARGETS_AT:,} / {TARGETS_AT // 10:,}: {ratio:.1f}x "
            f"(target <= 15x: {_target(ratio <= 15)})"
        )


def _tally(names: Sequence[str]) -> dict[str, int]:
    """The machine's baseline: one dict increment per name, as progress does per transaction."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _realisation_calls(strategy: rs.Strategy) -> dict[str, Callable[[], Any]]:
    calls: dict[str, Callable[[], Any]] = {"validate()": lambda: rs.validate(strategy)}
    for by in ("pillar", "source", "allocation", "year", "rom"):
        calls[f"progress(by={by!r})"] = lambda by=by: rs.progress(strategy, by=by)
    names = [transaction.allocation for transaction in strategy.transactions]
    calls["baseline: a dict count by allocation"] = lambda: _tally(names)
    return calls


def bench_realisation(documents: dict[int, bytes], repeat: int) -> None:
    """validate() and progress() with three transactions per allocation.

    The strategy is written and read back, so that its objects lie in memory as
    after `load`. The baseline counts the transactions per allocation id in a
    dict, the least work a pass by allocation can do: its growth from N/10 to N
    is what this machine's memory makes of 10x the data.
    """
    header = ["N", "transactions", "call", "time", "time / time at N/10", "target"]
    limits = {"validate()": 1.0, "progress(by='pillar')": 0.5}
    rows = []
    previous: dict[str, float] = {}
    for n, data in documents.items():
        generated = generate.with_transactions(rs.loads(data, "json"))
        strategy = rs.loads(rs.dumps(generated, "json"), "json")
        del generated
        times = interleaved(_realisation_calls(strategy), repeat)
        for name, values in times.items():
            median = statistics.median(values)
            scaling = f"{median / previous[name]:.1f}x" if name in previous else "-"
            target = "-"
            if n == TARGETS_AT and name in limits:
                target = f"< {limits[name]} s: {_target(median < limits[name])}"
                if name in previous and n // 10 in documents:
                    target += f"; 10x data <= 15x time: {_target(median / previous[name] <= 15)}"
            rows.append([f"{n:,}", f"{len(strategy.transactions):,}", name, _figure(values)])
            rows[-1] += [scaling, target]
            previous[name] = median
        del strategy
    _table("realisation: validate() and progress(), 3 transactions per allocation", header, rows)


def bench_motions(documents: dict[int, bytes], repeat: int) -> None:
    """Motions from the Tweede Kamer's open data: N/10 records read, then merged.

    The records are invented (`generate.zaken`); they are merged into the
    reference strategy, which holds none of them, with `add_new=True`, and
    then merged again, which changes nothing.
    """
    from romstrategy import parliament

    header = ["records", "call", "time", "time / time at N/10"]
    rows = []
    previous: dict[str, float] = {}
    for n in documents:
        answer = generate.zaken(n // 10)
        motions = parliament.from_odata(answer).motions
        plan = rs.reference.strategy_2024()
        merged = parliament.merge(plan, motions, add_new=True)
        calls: dict[str, Callable[[], Any]] = {
            "from_odata(answer)": lambda answer=answer: parliament.from_odata(answer),
            "merge(reference, motions, add_new=True)": lambda plan=plan, motions=motions: (
                parliament.merge(plan, motions, add_new=True)
            ),
            "merge again (changes nothing)": lambda merged=merged, motions=motions: (
                parliament.merge(merged, motions, add_new=True)
            ),
        }
        for name, values in interleaved(calls, repeat).items():
            median = statistics.median(values)
            scaling = f"{median / previous[name]:.1f}x" if name in previous else "-"
            rows.append([f"{n // 10:,}", name, _figure(values), scaling])
            previous[name] = median
    _table("motions: from_odata() and merge() of invented Tweede Kamer records", header, rows)


IMPORTS = {
    "python -c pass": "pass",
    "import attrs, cattrs, pendulum": "import attrs, cattrs, pendulum",
    "import romstrategy": "import romstrategy",
    "import pydantic": "import pydantic",
    "import msgspec": "import msgspec",
}
_ADDED = (
    "import attrs, cattrs, pendulum, time\n"
    "started = time.perf_counter()\n"
    "import romstrategy\n"
    "print(time.perf_counter() - started)"
)


def _import_env(cache: str) -> dict[str, str]:
    # Imports are timed as users see them, from bytecode caches, which the warm-up round
    # writes to a folder of its own (this machine sets PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _run_python(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)
    return time.perf_counter() - started


def bench_import(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        _bench_import(repeat, _import_env(cache))


def _bench_import(repeat: int, env: dict[str, str]) -> None:
    runs = max(repeat, 10)
    calls = {label: (lambda c=code: _run_python(c, env)) for label, code in IMPORTS.items()}
    # Each call is a fresh process; its wall time is what it returns, not _timed's.
    times: dict[str, list[float]] = {label: [] for label in calls}
    labels = list(calls)
    for round_ in range(1 + runs):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            elapsed = calls[label]()
            if round_:
                times[label].append(elapsed)
    added_in_process = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _ADDED],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
        added_in_process.append(float(out.stdout))
    base = times["import attrs, cattrs, pendulum"]
    mine = times["import romstrategy"]
    added = [a - b for a, b in zip(mine, base, strict=True)]
    rows = [[label, _figure(values), "-"] for label, values in times.items()]
    added_ms = statistics.median(added) * 1000
    rows.append(
        [
            "romstrategy minus attrs, cattrs, pendulum (per round)",
            _figure(added),
            f"<= 15 ms: {_target(added_ms <= 15)}",
        ]
    )
    rows.append(
        [
            "import romstrategy after attrs, cattrs, pendulum (in process)",
            _figure(added_in_process),
            f"<= 15 ms: {_target(statistics.median(added_in_process) * 1000 <= 15)}",
        ]
    )
    _table(
        f"import: fresh processes with bytecode caches, {runs} rounds after a warm-up",
        ["what", "wall time", "target"],
        rows,
    )


def bench_memory(documents: dict[int, bytes], repeat: int) -> None:
    probe = pathlib.Path(__file__).with_name("_memory_probe.py")
    header = ["N", *(f"{name} B/allocation" for name in IMPLS), "vs pydantic", "target <= 500"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n, data in documents.items():
            file = pathlib.Path(folder) / f"strategy-{n}.json"
            file.write_bytes(data)
            held: dict[str, list[float]] = {name: [] for name in IMPLS}
            for round_ in range(repeat):
                shift = round_ % len(IMPLS)
                for name in IMPLS[shift:] + IMPLS[:shift]:
                    out = subprocess.run(
                        [sys.executable, str(probe), name, str(file)],
                        check=True,
                        capture_output=True,
                        text=True,
                    )
                    held[name].append(int(out.stdout) / n)
            mine = statistics.median(held["romstrategy"])
            rows.append(
                [
                    f"{n:,}",
                    *(
                        f"{statistics.median(v):,.0f} ({min(v):,.0f}-{max(v):,.0f})"
                        for v in held.values()
                    ),
                    f"{mine / statistics.median(held['pydantic']):.2f}x",
                    _target(mine <= 500),
                ]
            )
    _table(
        "memory: bytes per allocation held after load (tracemalloc, fresh process)",
        header,
        rows,
    )


def machine() -> str:
    """The machine, in one line: cores, CPU model, Python and library versions."""
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import msgspec
    import pydantic

    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"romstrategy {_version('romstrategy')}, pydantic {pydantic.VERSION}, "
        f"msgspec {msgspec.__version__}, attrs {_version('attrs')}, "
        f"cattrs {_version('cattrs')}, pendulum {_version('pendulum')}"
    )


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="allocations per document")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds, at least 5")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--workloads",
        default="load,dump,formats,rules,realisation,motions,import,memory",
        help="which tables to print",
    )
    args = parser.parse_args(argv)
    if args.repeat < 5:
        parser.error("--repeat: at least 5 rounds")
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    workloads = set(args.workloads.split(","))
    print(f"# romstrategy benchmarks\n\n{machine()}")
    print(f"median (min-max) of {args.repeat} rounds after a warm-up; seed {args.seed}")
    documents = {n: generate.document(n, args.seed) for n in sizes}
    print("documents: " + ", ".join(f"N={n:,}: {len(d):,} bytes" for n, d in documents.items()))
    if "load" in workloads:
        bench_load(documents, args.repeat)
    if "dump" in workloads:
        bench_dump(documents, args.repeat)
    if "formats" in workloads:
        bench_formats(documents, args.repeat)
    if "rules" in workloads:
        bench_rules(documents, args.repeat)
    if "realisation" in workloads:
        bench_realisation(documents, args.repeat)
    if "motions" in workloads:
        bench_motions(documents, args.repeat)
    if "import" in workloads:
        bench_import(args.repeat)
    if "memory" in workloads:
        bench_memory(documents, args.repeat)


if __name__ == "__main__":
    main()
