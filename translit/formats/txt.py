"""`<id>.en.txt`: the English article, with the source's paragraphs and line breaks."""

from __future__ import annotations

from collections.abc import Sequence

from translit.document import Document, Segment
from translit.formats import RunInfo

SUFFIX = ".en.txt"


def paragraph_text(segments: Sequence[Segment]) -> str:
    """A paragraph's English: its segments' English joined by a space, or a line break
    where the source has one; segments without English left out."""
    parts: list[str] = []
    for seg in segments:
        if seg.target:
            parts.append(seg.target)
            parts.append("\n" if seg.line_break else " ")
    return "".join(parts).rstrip()


def render(doc: Document, run: RunInfo) -> str:
    """The article's English text: paragraphs separated as in the source."""
    paragraphs = [paragraph_text(segments) for segments in doc.paragraph_segments()]
    separator = "\n\n" if doc.layout == "blank" else "\n"
    text = separator.join(p for p in paragraphs if p)
    return f"{text}\n" if text else ""
