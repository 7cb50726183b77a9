"""Charts of a tracked figure: a terminal chart (default) and a PNG (matplotlib).

Terminal: one row per observation, in date order; a bar proportional to the value, a
light part for the uncertain part of a range or an "up to", an arrow for "at least".
PNG: value over time, one series per source, ranges as vertical bars, conflicts ringed;
increments ("3,000 more") and plans or forecasts are drawn apart from the counts (a "+" and
a hollow marker), never joined to a source's line.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from storytrace.stories.track import Figure, Observation, format_number

SOLID, LIGHT = "█", "░"
_MARKS = (("!", "conflict"), ("↻", "revision"), ("✗", "denied"), ("+", "increment"), ("→", "expected"))
LEGEND = ("█ value  ░ uncertain part (range, up to)  ▶ at least  ! conflict  ↻ revision  ✗ denied  "
          "+ increment  → planned or forecast")


def _bounds(o: Observation) -> tuple[float, float]:
    lo = o.low if o.low is not None else o.high
    hi = o.high if o.high is not None else o.low
    assert lo is not None and hi is not None
    if o.approx in ("up_to", "less_than"):
        return 0.0, hi
    return lo, hi


def terminal(figure: Figure, width: int = 40) -> str:
    """The figure as text rows (no colour codes), e.g. ``2024-10-18 ███████░░░ 10,000–12,000 NIS``."""
    obs = figure.observations
    if not obs:
        return "(no values)"
    top = max(max(_bounds(o)) for o in obs) or 1.0
    src_w = min(28, max(len(o.source) for o in obs))
    rows = [f"{figure.label}  (max {format_number(top)})"]
    for o in obs:
        lo, hi = _bounds(o)
        solid = round(width * lo / top) if o.approx not in ("up_to", "less_than") else 0
        total = max(1, round(width * hi / top))
        bar = SOLID * solid + LIGHT * max(0, total - solid)
        if o.approx in ("at_least", "more_than"):
            bar += "▶"
        marks = "".join(m for m, flag in _MARKS if flag in o.flags)
        day = o.date or " " * 10
        rows.append(f"{day} {bar:<{width + 1}} {o.value:<16} {o.source[:src_w]:<{src_w}} {marks}".rstrip())
    rows.append(LEGEND)
    return "\n".join(rows)


def png(figure: Figure, path: str | Path) -> Path:
    """Write the figure's values over time as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    by_source: dict[str, list[Observation]] = {}
    for o in figure.observations:
        if o.date:
            by_source.setdefault(o.source, []).append(o)
    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=110)
    for i, (source, obs) in enumerate(sorted(by_source.items())):
        # (matplotlib plots dates, but its stubs name only numbers and strings)
        xs: list[Any] = [date.fromisoformat(o.date[:10]) for o in obs]  # type: ignore[index]
        mids, errs_lo, errs_hi = [], [], []
        for o in obs:
            lo, hi = _bounds(o)
            hi = hi if math.isfinite(hi) else lo
            mid = hi if o.approx in ("up_to", "less_than") else (lo + hi) / 2
            mids.append(mid)
            errs_lo.append(mid - lo)
            errs_hi.append(hi - mid)
        color = f"C{i % 10}"
        counts = [k for k, o in enumerate(obs) if not o.increment and not o.expected]
        others = [k for k in range(len(obs)) if k not in counts]
        if counts:
            ax.errorbar([xs[k] for k in counts], [mids[k] for k in counts],
                        yerr=[[errs_lo[k] for k in counts], [errs_hi[k] for k in counts]], marker="o",
                        linestyle="-" if len(counts) > 1 else "none", capsize=4, label=source[:40],
                        color=color)
        for k in others:  # increments and plans: points of their own, never on the source's line
            ax.errorbar([xs[k]], [mids[k]], yerr=[[errs_lo[k]], [errs_hi[k]]], capsize=4, color=color,
                        marker="P" if obs[k].increment else "o", mfc="none" if obs[k].expected else color,
                        linestyle="none", label=None if counts else source[:40])
        for x, y, o in zip(xs, mids, obs, strict=True):
            if "conflict" in o.flags:
                ax.scatter([x], [y], s=220, facecolors="none", edgecolors="red", linewidths=1.5, zorder=5)
            ax.annotate(o.value, (x, y), textcoords="offset points", xytext=(5, 6), fontsize=8)
    ax.set_title(figure.label)
    ax.set_ylabel(figure.unit or "count")
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: format_number(v)))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.autofmt_xdate()
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
