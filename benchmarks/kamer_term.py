"""A parliamentary term of the Kamer's records read with `from_odata`: time and memory.

The Kamer published about 262,000 `Zaak` records in one term, in pages of 250.
This writes invented records shaped like them (`generate.term_pages`: the real
fields, 26 in 100 motions and amendments with `ZaakActor`, `Besluit` and
`Kamerstukdossier` expanded, the real spread of outcomes and appraisals) to a
folder, then reads the folder in a fresh interpreter, `--repeat` times, and
prints the CPU and wall time of `from_odata` (the median) and the peak memory
of the interpreter (`getrusage`, the largest) for each size. Usage:

    python -m benchmarks.kamer_term --records 1000,250000
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from benchmarks import generate  # after the path is set
from benchmarks.run import machine

_READ = """
import resource, sys, time
from romstrategy.parliament import from_odata
started, cpu = time.perf_counter(), time.process_time()
found = from_odata(sys.argv[1])
wall, cpu = time.perf_counter() - started, time.process_time() - cpu
usage = resource.getrusage(resource.RUSAGE_SELF)
print(len(found.motions), found.counts.records, cpu, wall, usage.ru_maxrss * 1024)
"""
"""Read the folder in `argv[1]` and print motions, records, the CPU and wall seconds of
`from_odata` alone (after the import), and the interpreter's peak memory in bytes."""


def measure(folder: pathlib.Path) -> tuple[int, int, float, float, int]:
    """One reading of `folder` in a fresh interpreter: motions, records, CPU, wall, peak."""
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(folder)], capture_output=True, text=True, check=True
    )
    motions, records, cpu, wall, peak = done.stdout.split()
    return int(motions), int(records), float(cpu), float(wall), int(peak)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", default="1000,250000", help="records per term")
    parser.add_argument("--repeat", type=int, default=3, help="readings of each size")
    args = parser.parse_args(argv)
    print(f"# from_odata over a term of the Kamer's records\n\n{machine()}\n")
    print("| records | pages | bytes | motions | CPU s | wall s | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(text.replace("_", "")) for text in args.records.split(",")):
        with tempfile.TemporaryDirectory() as name:
            folder = pathlib.Path(name)
            written = generate.term_pages(size, folder)
            runs = [measure(folder) for _ in range(args.repeat)]
        motions, records = runs[0][:2]
        cpu = statistics.median(run[2] for run in runs)
        wall = statistics.median(run[3] for run in runs)
        peak = max(run[4] for run in runs) / 2**20
        pages = -(-size // generate.PAGE)
        print(
            f"| {records:,} | {pages:,} | {written:,} | {motions:,} | {cpu:.2f} | {wall:.2f} "
            f"| {peak:.0f} |"
        )


if __name__ == "__main__":
    main()
