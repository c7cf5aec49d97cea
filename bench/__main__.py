"""Run a benchmark by name: `python -m bench ingest` (see README, Benchmarks)."""
import sys

from . import ingest_throughput

BENCHMARKS = {"ingest": ingest_throughput.main}

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "ingest"
    if name not in BENCHMARKS:
        sys.exit(f"unknown benchmark {name!r}; one of {', '.join(BENCHMARKS)}")
    BENCHMARKS[name](sys.argv[2:])
