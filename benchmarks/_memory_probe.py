"""Memory held by one loaded document; run by `run.py` in a fresh process.

Usage: `python benchmarks/_memory_probe.py {romstrategy,pydantic,msgspec} FILE`.
Prints the bytes that `tracemalloc` counts as allocated after the load and not
before, with the document's bytes freed and a full collection done.
"""

from __future__ import annotations

import gc
import pathlib
import sys
import tracemalloc

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    impl, file = sys.argv[1], pathlib.Path(sys.argv[2])
    from benchmarks import generate
    from benchmarks.run import loaders

    load = loaders()[impl]
    load(generate.document(10))  # warm up: lazy set-up is not part of the held data
    data = file.read_bytes()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = load(data)
    del data
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert held is not None
    print(after - before)


if __name__ == "__main__":
    main()
