"""`<id>.po`: the review master (gettext PO).

msgctxt is the segment key, msgid the Vietnamese sentence, msgstr the English.
Machine output carries the `fuzzy` flag until a reviewer approves it; `#:` points at
file:paragraph; `#.` lists glossary hits and findings.
"""

from __future__ import annotations

from translit.document import Document, Segment
from translit.formats import RunInfo, notes

SUFFIX = ".po"


def header(doc: Document, run: RunInfo) -> dict[str, str]:
    """PO header fields for a document."""
    meta = {
        "Project-Id-Version": doc.id,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": run.created,
        "PO-Revision-Date": run.created,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": run.target_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"translit {run.tool_version}",
        "X-Source-Language": run.source_lang,
        "X-Source-File": doc.path.name,
        "X-Translit-Layout": doc.layout,
    }
    if run.model:
        meta["X-Translit-Model"] = run.model
    return meta


def comments(seg: Segment) -> str:
    """The extracted comment (`#.`) for a segment: glossary hits, then findings."""
    return "\n".join(notes(seg))


def render(doc: Document, run: RunInfo) -> str:
    """The PO file text for a document."""
    import polib

    po = polib.POFile(wrapwidth=78)
    po.header = f"{doc.path.name}: {run.source_lang}→{run.target_lang} translation for review."
    po.metadata = header(doc, run)
    for seg in doc.segments:
        entry = polib.POEntry(
            msgctxt=seg.key,
            msgid=seg.source,
            msgstr=seg.target,
            occurrences=[(doc.path.name, str(seg.paragraph))],
            comment=comments(seg),
            flags=["fuzzy"] if seg.fuzzy else [],
        )
        po.append(entry)
    return str(po)
