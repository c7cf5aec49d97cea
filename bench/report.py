"""The serving benchmark's figures as text tables, the issue-5 targets met or missed, and
a plot of latency against size."""
from __future__ import annotations

from pathlib import Path

from . import mix

TARGETS = ("rest", "mhkg_sparql", "oxigraph")
SHORT = {"rest": "REST", "mhkg_sparql": "/sparql", "oxigraph": "oxigraph"}


def ms(value) -> str:
    if value is None:
        return "—"
    if value >= 10_000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ratio(a, b) -> float | None:
    return a / b if a is not None and b else None


def times(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def _p(size: dict, query: str, target: str, key: str = "p50"):
    return (size["latency"].get(query, {}).get(target) or {}).get(key)


def text(results: dict) -> str:
    lines = []
    m = results["machine"]
    lines.append(f"machine: {m['nproc']} cores, {m['ram_gib']} GiB RAM, {m['cpu']}")
    lines.append(f"seed graph, `mhkg build` with SHACL: {results.get('seed_build_s')} s")
    for size in results["sizes"]:
        b = size["build"]
        lines.append("")
        lines.append(f"== {size['size']}: {b['quads']:,} quads, MHKG served by {size.get('server')}")
        lines.append(f"load: raw bulk_load {b['bulk_load_s']} s ({b['bulk_load_qps']:,} quads/s); MHKG write path "
                     f"(bulk_extend+flush+optimize) {b['mhkg_write_s']} s ({b['mhkg_write_qps']:,} quads/s, "
                     f"{times(ratio(b['mhkg_write_s'], b['bulk_load_s']))} of raw); views {b['views_s']} s "
                     f"({b['views_mib']} MiB)")
        head = f"{'latency, ms':14}" + "".join(f"{SHORT[t] + ' p50/p95/p99':>26}" for t in TARGETS)
        lines.append(head + f"{'REST/ox':>10}{'/sparql−ox':>12}")
        for query in mix.QUERIES:
            row = f"{query:14}"
            for target in TARGETS:
                row += f"{' / '.join(ms(_p(size, query, target, k)) for k in ('p50', 'p95', 'p99')):>26}"
            rest, sparql, ox = (_p(size, query, t) for t in TARGETS)
            overhead = f"{sparql - ox:+.2f}" if sparql is not None and ox is not None else "—"
            lines.append(row + f"{times(ratio(rest, ox)):>10}{overhead:>12}")
        lines.append(f"{'throughput':14}{'clients':>8}" + "".join(f"{SHORT[t] + ' req/s':>16}" for t in TARGETS)
                     + f"{'REST/ox':>10}{'/sparql/ox':>12}")
        for load_name, by_clients in size.get("throughput", {}).items():
            for clients, figures in by_clients.items():
                values = {t: (figures.get(t) or {}).get("req_per_s") for t in TARGETS}
                row = f"{load_name:14}{clients:>8}" + "".join(
                    f"{(f'{values[t]:.1f}' if values[t] is not None else '—'):>16}" for t in TARGETS)
                lines.append(row + f"{times(ratio(values['rest'], values['oxigraph'])):>10}"
                             f"{times(ratio(values['mhkg_sparql'], values['oxigraph'])):>12}")
    if len(results["sizes"]) > 1:
        first, last = results["sizes"][0], results["sizes"][-1]
        lines.append("")
        lines.append(f"growth of p50 from {first['size']} to {last['size']} "
                     f"({last['build']['quads'] / first['build']['quads']:.0f}× the quads)")
        lines.append(f"{'query':14}" + "".join(f"{SHORT[t]:>26}" for t in TARGETS))
        for query in mix.QUERIES:
            row = f"{query:14}"
            for target in TARGETS:
                a, b = _p(first, query, target), _p(last, query, target)
                cell = f"{ms(a)} → {ms(b)} ms ({times(ratio(b, a))})" if a is not None and b is not None else "—"
                row += f"{cell:>26}"
            lines.append(row)
    lines.append("")
    lines.append("issue 5 targets")
    for t in results.get("targets", []):
        mark = "met   " if t["met"] else ("MISSED" if t["met"] is False else "n/a   ")
        lines.append(f"  {mark} {t['target']}: {t['measured']}" + (f" — {t['by']}" if t.get("by") else ""))
    return "\n".join(lines)


def targets(results: dict) -> list[dict]:
    """Each target of issue 5 §3, measured at 1M triples (or the largest size run)."""
    sizes = {s["size"]: s for s in results["sizes"]}
    if not sizes:
        return []
    size = sizes.get("1m") or results["sizes"][-1]
    at = f"at {size['size']}"
    out = []
    for query in mix.VIEW_QUERIES:
        p95 = _p(size, query, "rest", "p95")
        out.append({"target": f"{query}: REST p95 ≤ 20 ms {at}", "met": p95 <= 20 if p95 is not None else None,
                    "measured": f"{ms(p95)} ms", "by": f"{p95 - 20:+.1f} ms over" if p95 and p95 > 20 else None})
        faster = ratio(_p(size, query, "oxigraph"), _p(size, query, "rest"))
        out.append({"target": f"{query}: REST ≥ 50× faster than SPARQL on oxigraph serve (p50) {at}",
                    "met": faster >= 50 if faster is not None else None, "measured": f"{times(faster)} faster",
                    "by": f"{50 / faster:.1f}× short" if faster and faster < 50 else None})
    rest, ox = _p(size, "lookup", "rest"), _p(size, "lookup", "oxigraph")
    slower = ratio(rest, ox)
    out.append({"target": f"lookup: REST within 2× of oxigraph serve's SPARQL lookup (p50) {at}",
                "met": slower <= 2 if slower is not None else None,
                "measured": f"{ms(rest)} vs {ms(ox)} ms ({times(slower)})",
                "by": f"{slower / 2:.1f}× over the bound" if slower and slower > 2 else None})
    for query in mix.QUERIES:
        sparql, ox = _p(size, query, "mhkg_sparql"), _p(size, query, "oxigraph")
        added = sparql - ox if sparql is not None and ox is not None else None
        out.append({"target": f"{query}: /sparql adds ≤ 1.5 ms to oxigraph serve (p50) {at}",
                    "met": added <= 1.5 if added is not None else None,
                    "measured": f"{added:+.2f} ms" if added is not None else "not measured",
                    "by": f"{added - 1.5:.2f} ms over" if added is not None and added > 1.5 else None})
    tp = size.get("throughput", {}).get("mix", {}).get("32", {})
    rest_tp, ox_tp = (tp.get("rest") or {}).get("req_per_s"), (tp.get("oxigraph") or {}).get("req_per_s")
    out.append({"target": f"throughput at 32 clients: REST mix ≥ oxigraph serve on the SPARQL mix {at}",
                "met": rest_tp >= ox_tp if rest_tp is not None and ox_tp is not None else None,
                "measured": f"{rest_tp} vs {ox_tp} req/s ({times(ratio(rest_tp, ox_tp))})",
                "by": None if not (rest_tp is not None and ox_tp and rest_tp < ox_tp)
                else f"{1 - rest_tp / ox_tp:.0%} short"})
    b = size["build"]
    load = ratio(b["mhkg_write_s"], b["bulk_load_s"])
    out.append({"target": f"store write within 10% of raw bulk_load {at}", "met": load <= 1.10,
                "measured": f"{b['mhkg_write_s']} s vs {b['bulk_load_s']} s ({times(load)})",
                "by": f"{load - 1:.0%} slower" if load > 1.10 else None})
    seed = results.get("seed_build_s")
    out.append({"target": "seed graph build, SHACL included, < 5 s", "met": seed < 5 if seed is not None else None,
                "measured": f"{seed} s", "by": None})
    return out


def plot(results: dict, path: Path) -> Path | None:
    """p50 (line) and p95 (dotted) latency against size, one panel per query."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import ticker
    except ImportError:
        return None
    sizes = results["sizes"]
    quads = [s["build"]["quads"] for s in sizes]
    colours = {"rest": "tab:green", "mhkg_sparql": "tab:orange", "oxigraph": "tab:blue"}
    labels = {"rest": "MHKG REST", "mhkg_sparql": "MHKG /sparql", "oxigraph": "oxigraph serve"}
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5), sharex=True)
    for ax, query in zip(axes.flat, mix.QUERIES):
        for target in TARGETS:
            for key, style in (("p50", "-o"), ("p95", ":")):
                points = [(q, _p(s, query, target, key)) for q, s in zip(quads, sizes)]
                points = [(q, v) for q, v in points if v is not None]
                if points:
                    ax.plot(*zip(*points), style, color=colours[target],
                            label=f"{labels[target]} {key}" if key == "p50" else None)
        ax.set_title(f"{query} — {mix.MIX[query][0]}", fontsize=10)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_xlabel("quads")
        ax.set_ylabel("ms (p50 —, p95 ···)")
    axes.flat[0].legend(fontsize=8)
    m = results["machine"]
    fig.suptitle(f"MHKG vs oxigraph serve, latency against size ({m['nproc']} cores, {m['cpu']})", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
