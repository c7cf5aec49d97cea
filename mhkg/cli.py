"""`mhkg`: build, check, query, export and serve the knowledge graph.

Every failure a user can act on (a bad quote, an unknown term, a store in use, a
malformed query) is printed as one clear message with exit status 1 or 2, never a
traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pyoxigraph import Store

from kg.build import build, statistics
from kg.corpus import MANIFEST, CorpusError
from kg.exchange import FormatError, export, query_to_bytes
from kg.facts import FACTS_DIR, FactError
from kg.graph import BuildError, assemble
from kg.ingest.pipeline import IngestError, curation_candidates, ingest
from kg.ingest.readers import MAX_BYTES, UnreadableDocument
from kg.ingest.replay import replay_ingested
from kg.ontology import OntologyError
from kg.release import ReleaseError, current_release, data_dir
from kg.remote import RemoteStoreError, is_url
from kg.review import ReviewError, accept, edit, listing, open_paper, reject
from kg.sparql_text import QueryTooComplex
from kg.store import StoreError, open_store, run_named
from kg.validate import ShapeViolation, validate

USER_ERRORS = (BuildError, ShapeViolation, CorpusError, FactError, OntologyError, StoreError, FormatError,
               IngestError, UnreadableDocument, RemoteStoreError, ReleaseError, QueryTooComplex, ReviewError)


def _store_path(args) -> Path | str:
    """The store to use: --store (a directory or a store server's query URL), else the
    current release's."""
    if getattr(args, "store", None):
        return args.store if is_url(args.store) else Path(args.store)
    release = current_release(args.data)
    if release is None:
        raise StoreError(f"no graph built in {data_dir(args.data)} yet: run `mhkg build` first")
    return release.store_location


def cmd_build(args) -> None:
    build(args.data, if_missing=args.if_missing, store_url=args.store, graph_store_url=args.graph_store_url)


def cmd_validate(args) -> None:
    assembly = assemble(only=args.facts)
    if args.facts:
        print(f"{', '.join(str(f) for f in args.facts)}: every quote located, every term known")
        return
    validate(assembly.quads)
    stats = statistics(assembly.quads)
    # the ingested papers too, each with what it needs of the curated graph, as `mhkg build` checks them
    graph = Store()
    graph.bulk_extend(assembly.quads)
    checked = replay_ingested(graph, args.data, log=lambda *_: None, load=False)
    print(f"valid: {stats['quads']} quads, every quote located, SHACL conforms"
          + (f"; the {len(checked)} ingested papers conform too" if checked else ""))


def cmd_query(args) -> None:
    sparql = sys.stdin.read() if args.sparql == "-" else args.sparql
    try:
        output = query_to_bytes(open_store(_store_path(args)), sparql, args.format)
    except SyntaxError as err:
        raise FormatError(f"malformed SPARQL: {err}") from None
    sys.stdout.buffer.write(output)


def cmd_export(args) -> None:
    output = export(open_store(_store_path(args)), args.format)
    if args.output:
        Path(args.output).write_bytes(output)
    else:
        sys.stdout.buffer.write(output)


def cmd_stats(args) -> None:
    store = open_store(_store_path(args))
    release = current_release(args.data) if not args.store else None
    if release:
        print(f"build {release.build_id} ({release.meta.get('built_at', '?')})")
    print("resources per class:")
    for row in run_named(store, "stats_resources_per_class"):
        print(f"  {row['resources'].value:>6}  {row['class'].value}")
    print("triples per named graph:")
    for row in run_named(store, "stats_triples_per_graph"):
        print(f"  {row['triples'].value:>6}  {row['graph'].value}")


def cmd_ingest(args) -> None:
    changed = ingest(args.paths, args.data, max_bytes=args.max_bytes)
    print(f"{len(changed)} document(s) ingested" + (f": {', '.join(changed)}" if changed else ""))


def cmd_candidates(args) -> None:
    for slug, names, figures in curation_candidates(args.data, args.document):
        print(f"== {slug}")
        print(f"names the graph does not know ({len(names)}):")
        for name in names:
            abbreviation = f" ({name.abbreviation})" if name.abbreviation else ""
            print(f"  {name.count:>3}  {name.name}{abbreviation}  — {name.contexts[0][:120]}")
        print(f"candidate figures ({len(figures)}):")
        for figure in figures:
            qualifier = f"{figure.qualifier} " if figure.qualifier else ""
            print(f"  {qualifier}{figure.value} {figure.unit} [{', '.join(figure.years)}]  — {figure.sentence[:120]}")


def cmd_review(args) -> None:
    """List a paper's suggested facts; --edit, --reject, then --accept (in that order)."""
    paper = open_paper(args.slug, args.data)
    for key, assignment in args.edit or []:
        edit(paper, key, [assignment])
    if args.edit:
        paper.save()
    if args.reject:
        print(f"rejected {len(reject(paper, args.reject))}")
        paper.save()
    if args.accept:
        keys = accept(paper, args.accept, facts_dir=args.facts_dir, manifest=args.manifest)
        paper.save()
        print(f"accepted {len(keys)} into {args.facts_dir / (args.slug + '.yaml')}: {', '.join(keys)}")
        print("run `mhkg build` to compile them into the graph")
    pending = listing(paper)
    print(f"{len(pending)} suggestion(s) pending for {args.slug}" + (":" if pending else ""))
    for line in pending:
        print(f"  {line}")


SERVE_OPTIONS = {"timeout": "timeout_s", "max_query_bytes": "max_query_bytes", "max_rows": "max_rows",
                "max_answer_bytes": "max_answer_bytes", "query_memory_mib": "query_memory_mib",
                "recycle_rss_mib": "recycle_rss_mib", "sparql_queue": "sparql_queue",
                "public_base": "public_base", "allowed_hosts": "allowed_hosts"}


def cmd_serve(args) -> None:
    """Serve the current release of --data (followed as new releases are published), or
    one --store (a directory or a store server's URL) as it is."""
    from api.server import serve

    if not args.store and current_release(args.data) is None:
        raise StoreError(f"no graph built in {data_dir(args.data)} yet: run `mhkg build` first")
    store = (args.store if is_url(args.store) else Path(args.store)) if args.store else None
    serve(store, data=None if store else data_dir(args.data), host=args.host, port=args.port,
          workers=args.workers, threads=args.threads,
          config={key: getattr(args, option) for option, key in SERVE_OPTIONS.items()})


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="mhkg", description=__doc__.splitlines()[0])
    top.add_argument("--data", help="data directory holding releases/ and current (default: $MHKG_DATA or ./data)")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build, validate and publish the graph as a new release")
    p.add_argument("--if-missing", action="store_true", help="do nothing when a graph is already built")
    p.add_argument("--store", metavar="URL",
                   help="load into this SPARQL store server (its query endpoint) instead of an on-disk store")
    p.add_argument("--graph-store-url", metavar="URL",
                   help="the server's Graph Store Protocol endpoint, where it follows no known convention")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="check quotes, terms and SHACL shapes without building")
    p.add_argument("--facts", nargs="+", type=Path, help="check only these fact files (quotes and terms)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query ('-' reads it from stdin)")
    p.add_argument("sparql")
    p.add_argument("--format", default="json", choices=["json", "xml", "csv", "tsv", "ttl", "nt", "jsonld", "rdfxml"])
    p.add_argument("--store", help="an Oxigraph store directory (default: the current release)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write the whole graph out")
    p.add_argument("--format", default="trig", choices=["trig", "nq", "ttl", "jsonld"])
    p.add_argument("--output", "-o", help="file to write (default: stdout)")
    p.add_argument("--store")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="resources per class and triples per named graph")
    p.add_argument("--store")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("ingest", help="add papers (text, PDF, official XML, web page) to the graph as a new release")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                   help="refuse a paper of more bytes than this, or whose text or decoded PDF content "
                        "is larger (default: %(default)s)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("candidates", help="names and figures found in ingested papers, for curation")
    p.add_argument("--document", nargs="+", help="only these ingested documents (slugs)")
    p.set_defaults(func=cmd_candidates)

    p = sub.add_parser("review", help="list, accept, edit or reject the facts suggested for an ingested paper")
    p.add_argument("slug", help="the ingested paper (its slug, as `mhkg ingest` printed it)")
    p.add_argument("--accept", nargs="+", metavar="KEY", help="accept these suggestions (keys or patterns: 'observation/*')")
    p.add_argument("--reject", nargs="+", metavar="KEY", help="reject these suggestions")
    p.add_argument("--edit", nargs=2, action="append", metavar=("KEY", "FIELD=VALUE"),
                   help="set a field of a suggestion before accepting it (repeatable; FIELD= removes it)")
    p.add_argument("--facts-dir", type=Path, default=FACTS_DIR, help="the fact files to publish into (default: kg/facts)")
    p.add_argument("--manifest", type=Path, default=MANIFEST,
                   help="the corpus manifest the paper's text joins (default: kg/corpus/manifest.yaml)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("serve", help="serve /sparql and the REST API with a production WSGI server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--store", help="serve any Oxigraph store directory instead of the current release")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--timeout", type=float, default=10.0, help="SPARQL execution time limit in seconds")
    p.add_argument("--max-query-bytes", type=int, default=65536)
    p.add_argument("--max-rows", type=int, default=10000)
    p.add_argument("--max-answer-bytes", type=int, default=32 << 20,
                   help="bytes of one SPARQL answer at most; the rows past them are cut")
    p.add_argument("--query-memory-mib", type=int, default=1024,
                   help="memory cap of a query process; a query past it is answered 507")
    p.add_argument("--recycle-rss-mib", type=int, default=256,
                   help="a query process resident past this after an answer is replaced")
    p.add_argument("--sparql-queue", type=int, default=2,
                   help="SPARQL queries waiting for a query process at most (per server process); more get 503")
    p.add_argument("--public-base", help="the URL clients reach the service at (behind a proxy); every URL the "
                   "service writes starts with it (default: http://HOST:PORT)")
    p.add_argument("--allowed-hosts", default="", help="Host names answered, comma-separated (default: any)")
    p.set_defaults(func=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.func(args)
    except USER_ERRORS as err:
        print(f"mhkg {args.command}: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
