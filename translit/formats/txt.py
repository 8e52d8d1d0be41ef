"""`<id>.en.txt`: the English article, with the source's paragraphs and line breaks."""

from __future__ import annotations

from translit.document import Document
from translit.formats import RunInfo

SUFFIX = ".en.txt"


def render(doc: Document, run: RunInfo) -> str:
    """The article's English text: paragraphs separated as in the source."""
    paragraphs = []
    for segments in doc.paragraph_segments():
        parts: list[str] = []
        for seg in segments:
            if seg.target:
                parts.append(seg.target)
                parts.append("\n" if seg.line_break else " ")
        paragraphs.append("".join(parts).rstrip())
    separator = "\n\n" if doc.layout == "blank" else "\n"
    text = separator.join(p for p in paragraphs if p)
    return f"{text}\n" if text else ""
