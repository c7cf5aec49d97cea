"""Page benchmark: each kind of HTML page beside its JSON twin, the REST answer the page is
built from, on the same synthetic graph and the same server (issue 11: every page from the
views, p95 ≤ 50 ms at 1M triples).

    python -m bench pages                     # 100k and 1M triples
    python -m bench pages --quick             # 100k only, 2 s per measurement
    python -m bench pages --sizes 100k,1m

For each size: generate (or reuse) the graph, load it with the ontology (ontology/*.ttl, as
`mhkg build` adds it, so the ontology browser has its terms) and build its views once (kept
in bench/.cache/pages/<size>/release, reused while the graph and kg/views.py are the same), start
`mhkg serve` on it, and ask each page, then its twin, again and again with one client for
`--seconds` after a warm-up request (bench/load.py's `latency`): p50/p95/p99. Samples how
busy the machine is before and after each size (bench/serving.py's `others_busy`). Prints
a table, writes bench/results/pages.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import time
from pathlib import Path

import requests

import kg.views
from kg.ontology import ontology_quads

from . import report, synthetic
from .load import JSON, Request, latency
from .servers import MhkgServer
from .serving import RESULTS, _git_head, load_release, machine, others_busy

HTML = {"Accept": "text/html"}
JSON_LD = {"Accept": "application/ld+json"}
TARGET_P95_MS = 50.0

#: name → what the page is; its HTML request and its JSON twin's are made by `requests_for`.
PAGES = {
    "home": "home page (counts per kind, documents, examples)",
    "search": "search results (passages and names with the word)",
    "actor_most": "resource page of the most-mentioned actor",
    "actor_least": "resource page of a little-mentioned actor",
    "reader": "document reader (passages, marks, names linked)",
    "tracker": "recommendation tracker, filtered by report and status",
    "indicator": "indicator page with its chart",
    "ontology": "ontology browser (terms, uses, examples)",
    "commitments": "commitments tracker",
}


def choose(base: str, params: dict) -> dict:
    """What the pages are about: the generator's choices (bench/synthetic.py): its most-named
    actor and the least-named one of its rotation with a mention; and the document with the
    most passages among the first listed (asked of the REST API)."""
    documents = requests.get(f"{base}/api/documents", params={"limit": 20}, headers=JSON, timeout=120).json()
    sizes = {}
    for item in documents["items"]:
        page = requests.get(f"{base}/api/documents/{item['slug']}/passages", params={"limit": 1}, headers=JSON,
                            timeout=120).json()
        sizes[item["slug"]] = page.get("total", 0)
    document = max(sizes, key=lambda slug: (sizes[slug], slug))
    mentions = {}
    for slug in reversed(params["actors"]):     # the least named of the rotation that is named at all
        mentions[slug] = len(requests.get(f"{base}/api/actors/{slug}", headers=JSON, timeout=120).json()["mentions"])
        if mentions[slug]:
            break
    least = next(reversed(mentions))
    most = params["actors"][0]
    mentions[most] = len(requests.get(f"{base}/api/actors/{most}", headers=JSON, timeout=120).json()["mentions"])
    return {"most": most, "most_mentions": mentions[most], "least": least, "least_mentions": mentions[least],
            "document": document, "document_passages": sizes[document], "report": params["report"],
            "status": params["status"],
            "indicator": params["indicator"], "word": params["search_word"]}


def requests_for(base: str, name: str, chosen: dict) -> tuple[Request, Request]:
    """The page `name` (HTML) and its JSON twin: the REST answer with the same data (the one
    the page links as its JSON, where it links one)."""
    c = chosen
    if name == "home":      # REST has no counts resource: the twin is the list of documents the page shows
        return (f"{base}/", {}, HTML), (f"{base}/api/documents", {"limit": 100}, JSON)
    if name == "search":
        return (f"{base}/search", {"q": c["word"]}, HTML), (f"{base}/api/search", {"q": c["word"]}, JSON)
    if name in ("actor_most", "actor_least"):
        slug = c["most" if name == "actor_most" else "least"]
        return (f"{base}/id/actor/{slug}", {}, HTML), (f"{base}/api/actors/{slug}", {}, JSON)
    if name == "reader":
        return ((f"{base}/read/{c['document']}", {}, HTML),
                (f"{base}/api/documents/{c['document']}/passages", {}, JSON))
    if name == "tracker":
        chosen_filters = {"report": c["report"], "status": c["status"]}
        return (f"{base}/recommendations", chosen_filters, HTML), (f"{base}/api/recommendations", chosen_filters, JSON)
    if name == "indicator":
        return (f"{base}/id/indicator/{c['indicator']}", {}, HTML), (f"{base}/api/indicators/{c['indicator']}", {}, JSON)
    if name == "ontology":  # the ontology's own JSON-LD, as the page links it
        return (f"{base}/def", {}, HTML), (f"{base}/def", {}, JSON_LD)
    if name == "commitments":
        return (f"{base}/commitments", {}, HTML), (f"{base}/api/instruments", {"type": "Commitment"}, JSON)
    raise KeyError(name)


def views_code() -> str:
    """A digest of the code that builds the views: a release made by other code is made again."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(Path(kg.views.__file__).parent.glob("*.py")))).hexdigest()[:16]


def answer_bytes(session: requests.Session, request: Request) -> int | None:
    """The answer's size. Asked before the measurement, it is also the page's very first
    request, whose work done once per build (the ontology's term usage: seconds at 1M) would
    otherwise eat the measurement's time."""
    url, params, headers = request
    response = session.get(url, params=params, headers=headers, timeout=600)
    return len(response.content) if response.status_code == 200 else None


def measure_size(size: int, args, log) -> dict:
    name = synthetic.size_name(size)
    nq, info = synthetic.cached(size, args.seed, args.cache)
    log(f"== {name}: {nq.name} ({info['triples']:,} lines)")
    release = args.cache / "pages" / name / "release"
    made_of = {"build_id": f"bench-{nq.stem}", "views_code": views_code()}
    marker = release.parent / "made-of.json"
    if marker.is_file() and json.loads(marker.read_text()) == made_of and (release / "build.json").is_file():
        log(f"  release reused: {release}")
        build = None
    else:
        marker.unlink(missing_ok=True)
        build = load_release(nq, release, log, extra=ontology_quads())
        marker.write_text(json.dumps(made_of) + "\n")
    busy = others_busy()
    log(f"  others' use of the machine (3 s, benchmark idle): {busy}")
    result = {"size": name, "target_triples": size, "counts": info["counts"], "build": build,
              "others_busy_before": busy, "pages": {}}
    with MhkgServer(release / "store", release.parent / "logs", workers=args.workers, threads=args.threads) as mhkg:
        chosen = choose(mhkg.base, info["params"])
        result.update(server=mhkg.how, chosen=chosen)
        session = requests.Session()
        for page in PAGES:
            figures = {}
            for form, request in zip(("html", "json"), requests_for(mhkg.base, page, chosen)):
                started = time.perf_counter()
                size_ = answer_bytes(session, request)     # also the first request, apart from the clock
                first_ms = (time.perf_counter() - started) * 1000
                lat = latency(session, [request], args.seconds, max_seconds=args.max_seconds)
                figures[form] = {**lat.as_dict(), "bytes": size_, "very_first_ms": round(first_ms, 1)}
                log(f"  {page:12} {form:5} p50 {report.ms(lat.p50):>9} p95 {report.ms(lat.p95):>9}  n={lat.n}"
                    f"  {figures[form]['bytes'] or 0:>10,} B" + (f"  errors={lat.errors} ({lat.error})"
                                                                  if lat.errors else ""))
            result["pages"][page] = figures
        session.close()
    result["others_busy_after"] = busy = others_busy()
    log(f"  others' use of the machine (3 s, benchmark idle): {busy}")
    return result


def table(results: dict) -> str:
    """Per size and page: HTML and JSON p50 / p95, the HTML's size, and the 50 ms verdict."""
    lines = ["| size | page | HTML p50 / p95 ms | JSON twin p50 / p95 ms | HTML / JSON KiB | p95 ≤ 50 ms |",
             "| --- | --- | ---: | ---: | ---: | --- |"]
    for entry in results["sizes"]:
        for page, figures in entry["pages"].items():
            html, twin = figures["html"], figures["json"]
            met = html["p95"] is not None and not html["errors"] and html["p95"] <= TARGET_P95_MS
            lines.append(f"| {entry['size']} | {page} | {report.ms(html['p50'])} / {report.ms(html['p95'])} | "
                         f"{report.ms(twin['p50'])} / {report.ms(twin['p95'])} | "
                         f"{_kib(html['bytes'])} / {_kib(twin['bytes'])} | {'met' if met else '**missed**'} |")
    return "\n".join(lines)


def _uncommitted() -> list[str]:
    """Files of the service changed in the working tree the server runs (they count in the figures)."""
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--", "api", "kg"], check=False, capture_output=True,
                             text=True,
                             cwd=Path(__file__).resolve().parent.parent, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line[3:] for line in out.splitlines()]


def _kib(size: int | None) -> str:
    return "—" if size is None else f"{size / 1024:,.0f}" if size >= 10240 else f"{size / 1024:,.1f}"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench pages", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="graph sizes in triples (default 100k,1m)")
    parser.add_argument("--quick", action="store_true", help="100k only, 2 s per measurement")
    parser.add_argument("--seconds", type=float, default=5.0, help="per latency measurement (default 5)")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="a measurement stops after this even with fewer than 3 answers")
    parser.add_argument("--workers", type=int, default=2, help="MHKG server processes (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per MHKG process (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS, help="where pages.json goes")
    parser.add_argument("--cache", type=Path, default=synthetic.CACHE,
                        help="where the graphs and releases are kept (default bench/.cache)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.seconds, args.max_seconds = "100k", 2.0, 20.0
    sizes = [synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()]

    def log(line: str) -> None:
        print(line, flush=True)

    info = machine()
    log(f"machine: {info['nproc']} cores, {info['ram_gib']} GiB, {info['cpu']}")
    results = {"machine": info, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "git": _git_head(),
               "uncommitted": _uncommitted(),
               "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
               "target_p95_ms": TARGET_P95_MS, "pages": PAGES, "sizes": []}
    for size in sizes:
        results["sizes"].append(measure_size(size, args, log))
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pages.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(results))
    print(f"\nfigures: {args.out / 'pages.json'}")
