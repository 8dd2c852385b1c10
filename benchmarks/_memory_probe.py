"""Resident memory held by one loaded document; run by `run.py` in a fresh process.

Usage: `python benchmarks/_memory_probe.py {romstrategy,pydantic,msgspec} FILE`.
Prints the growth of the resident set size, in bytes, from just before the
load to after it, with the document's bytes freed and a full collection done.
"""

from __future__ import annotations

import gc
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss() -> int:
    """The resident set size of this process, in bytes (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    impl, file = sys.argv[1], pathlib.Path(sys.argv[2])
    from benchmarks import generate
    from benchmarks.run import loaders

    load = loaders()[impl]
    load(generate.document(10))  # warm up: lazy set-up is not part of the held data
    data = file.read_bytes()
    gc.collect()
    before = rss()
    held = load(data)
    del data
    gc.collect()
    after = rss()
    assert held is not None
    print(after - before)


if __name__ == "__main__":
    main()
