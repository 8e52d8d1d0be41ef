"""`<id>.md`: a side-by-side table that GitHub and GitLab render.

One row per segment: key, Vietnamese, English, status, and notes (glossary hits and
findings). The first line is an HTML comment (invisible when rendered) that marks the
file as translit's output, so that it is never taken for an article. Article text is
made inert: `|` and Markdown punctuation are backslash-escaped, `&`, `<` and `>`
become entities (so no text can open an HTML tag or spell one as `&lt;`), and a line
break inside a cell becomes `<br>`.
"""

from __future__ import annotations

import re

from translit.document import Document, Segment
from translit.formats import RunInfo, count, notes
from translit.io import OUTPUT_MARKER

SUFFIX = ".md"

# What can start or end inline formatting in a table cell: escapes, code spans,
# emphasis, links and images (`[`, `]`), strike-through, and the cell separator.
# Block syntax (#, -, +, 1.) has no effect inside a cell, so it is left as written.
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def cell(text: str) -> str:
    """Text made safe for one table cell: escaped, line breaks as `<br>`."""
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = re.sub(r"[&<>]", lambda m: _ENTITIES[m.group()], text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "<br>".join(line.strip() or "&nbsp;" for line in text.split("\n")) if text else ""


def _row(seg: Segment) -> str:
    target = cell(seg.target) if seg.target else "*(not translated)*"
    status = f"**{seg.status}**" if seg.status != "reviewed" else seg.status
    cells = [
        cell(seg.key),
        cell(seg.source),
        target,
        status,
        "<br>".join(cell(n) for n in notes(seg)),
    ]
    return "| " + " | ".join(cells) + " |"


def render(doc: Document, run: RunInfo) -> str:
    """The Markdown review table for a document."""
    c = count(doc)
    findings = ", ".join(f"{n} {severity}" for severity, n in c.findings.items())
    lines = [
        OUTPUT_MARKER,
        f"# {cell(doc.id)}",
        "",
        f"{cell(doc.path.name)}, {run.source_lang}→{run.target_lang}"
        + (f", model {cell(run.model)}" if run.model else "")
        + f", translit {run.tool_version}",
        "",
        f"{c.segments} segments: {c.reviewed} reviewed, {c.fuzzy} fuzzy, "
        f"{c.untranslated} untranslated; {c.hits} glossary hits; findings: {findings}.",
        "",
        "| key | Vietnamese | English | status | notes |",
        "| --- | --- | --- | --- | --- |",
    ]
    previous = None
    for seg in doc.segments:
        if previous is not None and seg.paragraph != previous:
            lines.append("|  |  |  |  |  |")  # an empty row between paragraphs
        previous = seg.paragraph
        lines.append(_row(seg))
    return "\n".join(lines) + "\n"
