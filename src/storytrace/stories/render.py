"""Render a :class:`~storytrace.stories.brief.Briefing` as Markdown, HTML or JSON.

Templates live in ``stories/templates``. HTML is autoescaped: every string that comes
from an article (names, quotes, sentences, titles, outlets) is escaped; citations are
footnotes that hold the cited sentence with the fact highlighted.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from storytrace.stories.brief import Briefing, Statement
from storytrace.stories.cite import Citation

SECTIONS = [("summary", "Summary"), ("developments", "Key developments"), ("figures", "Tracked figures"),
            ("quotes", "Key quotes"), ("actors", "Actors involved"), ("places", "Places")]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: object) -> str:
    """Backslash-escape Markdown syntax in article strings (they are shown, never interpreted)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@lru_cache(maxsize=2)
def _env(html: bool) -> Environment:
    env = Environment(loader=PackageLoader("storytrace.stories", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False) if html
                      else False, undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                      keep_trailing_newline=True)
    env.filters["md"] = md_escape
    return env


def markdown(b: Briefing) -> str:
    def cites(s: Statement) -> str:
        return " ".join(f"[{md_escape(b.citation(n).label)}](#c{n})" for n in s.cites)

    text = _env(False).get_template("brief.md.j2").render(b=_view(b), sections=SECTIONS, cites=cites)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html(b: Briefing) -> str:
    def cites(s: Statement) -> Markup:
        return Markup("").join(
            Markup(' <sup><a href="#c{n}" title="{t}">[{label}]</a></sup>').format(
                n=n, t=b.citation(n).text, label=b.citation(n).label) for n in s.cites)

    def highlight(c: Citation) -> Markup:
        i = c.text.find(c.evidence)
        if i < 0 or not c.evidence:
            return Markup("“{}”").format(c.text)
        return Markup("“{}<mark>{}</mark>{}”").format(c.text[:i], c.evidence, c.text[i + len(c.evidence):])

    return _env(True).get_template("brief.html.j2").render(b=_view(b), sections=SECTIONS, cites=cites,
                                                           highlight=highlight)


def as_json(b: Briefing) -> str:
    return json.dumps(b.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _view(b: Briefing) -> dict[str, object]:
    """The template's view of a briefing (attribute and item access alike)."""
    view: dict[str, object] = {k: getattr(b, k) for k in
                               ("title", "scope", "story", "first", "last", "documents", "outlets",
                                "citations")}
    for name, _ in SECTIONS:
        view[name] = getattr(b, name)
    return view


def summary_text(b: Briefing) -> str:
    """The summary as plain lines with citation labels (``storytrace demo``)."""
    lines = []
    for s in b.summary:
        # several facts of one paragraph share a label: name the paragraph once
        labels = " ".join(dict.fromkeys(f"[{b.citation(n).label}]" for n in s.cites))
        lines.append(f"- {s.text} {labels}")
    return "\n".join(lines)

