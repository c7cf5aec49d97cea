"""Run a benchmark by name: `python -m bench ingest`, `python -m bench serve`, `python -m bench http`,
`python -m bench pages`, `python -m bench build` (see bench/README.md)."""
import sys

from . import build_scale, http_layer, ingest_throughput, pages, serving

BENCHMARKS = {"ingest": ingest_throughput.main, "serve": serving.main, "http": http_layer.main,
              "pages": pages.main, "build": build_scale.main}

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "ingest"
    if name not in BENCHMARKS:
        sys.exit(f"unknown benchmark {name!r}; one of {', '.join(BENCHMARKS)}")
    BENCHMARKS[name](sys.argv[2:])
