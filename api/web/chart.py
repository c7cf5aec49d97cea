"""An indicator's figures as a time series drawn in SVG on the server: it shows without
JavaScript, and every point is a link to the quote that states it (in the document reader)."""
from __future__ import annotations

from dataclasses import dataclass

from .reading import quote_url

WIDTH, HEIGHT, PAD = 640, 260, 48


@dataclass
class Point:
    year: int
    value: float
    label: str
    quote: str
    url: str
    x: float = 0
    y: float = 0


def _year(item: dict) -> int | None:
    text = str(item.get("year") or item.get("periodStart") or "")
    return int(text[:4]) if text[:4].isdigit() else None


def series(observations: list[dict]) -> dict | None:
    """Points (year, value, quote, link) scaled into the chart, with axis ticks; None when
    fewer than one observation has both a year and a value."""
    points = []
    for item in observations:
        year, value = _year(item), item.get("value")
        source = (item.get("sources") or [None])[0]
        if year is None or value is None or source is None:
            continue
        points.append(Point(year, float(value), item.get("label") or "", source["quote"], quote_url(source)))
    if not points:
        return None
    points.sort(key=lambda p: (p.year, p.value))
    years = [p.year for p in points]
    low, high = min(years), max(years)
    top = max(p.value for p in points) or 1.0
    span = max(high - low, 1)
    for p in points:
        p.x = PAD + (p.year - low) / span * (WIDTH - 2 * PAD) if high > low else WIDTH / 2
        p.y = HEIGHT - PAD - p.value / top * (HEIGHT - 2 * PAD)
    ticks = sorted(set(years))
    return {"points": points, "width": WIDTH, "height": HEIGHT, "pad": PAD, "top": top,
            "path": " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(points)),
            "ticks": [(y, PAD + (y - low) / span * (WIDTH - 2 * PAD) if high > low else WIDTH / 2) for y in ticks]}
