"""`<id>.tmx`: the translated segments as a TMX 1.4b translation memory.

One `<tu>` per segment that has English (a memory holds pairs, so untranslated
segments are left out), `tuid` = the segment key, a `<tuv>` for each language.
Each unit says how far it got in `<prop type="x-translit-status">` (`fuzzy` =
machine output nobody approved, `reviewed`), so a memory can import only reviewed
pairs; glossary hits and findings are `<note>`s.

Characters XML 1.0 forbids (most control characters) are written as U+FFFD: TMX has
no element for them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from translit.document import Document
from translit.formats import RunInfo, notes
from translit.formats.xmltext import XML_LANG, clean, serialize

SUFFIX = ".tmx"


def tmx_date(created: str) -> str:
    """RunInfo.created ("2024-03-14 09:30+0700") as TMX wants it ("20240314T023000Z")."""
    try:
        moment = datetime.strptime(created, "%Y-%m-%d %H:%M%z")
    except ValueError:
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def render(doc: Document, run: RunInfo) -> str:
    """The TMX document for a document's translated segments."""
    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(
        root,
        "header",
        creationtool="translit",
        creationtoolversion=clean(run.tool_version),
        segtype="sentence",
        adminlang="en",
        srclang=clean(run.source_lang),
        datatype="plaintext",
    )
    header.set("o-tmf", "translit")
    date = tmx_date(run.created)
    if date:
        header.set("creationdate", date)
    ET.SubElement(header, "prop", type="x-translit-source-file").text = clean(doc.path.name)
    if run.model:
        ET.SubElement(header, "prop", type="x-translit-model").text = clean(run.model)
    body = ET.SubElement(root, "body")
    for seg in doc.segments:
        if not seg.target:
            continue
        tu = ET.SubElement(body, "tu", tuid=clean(seg.key))
        ET.SubElement(tu, "prop", type="x-translit-status").text = seg.status
        ET.SubElement(tu, "prop", type="x-translit-paragraph").text = str(seg.paragraph)
        for line in notes(seg):
            ET.SubElement(tu, "note").text = clean(line)
        for lang, text in ((run.source_lang, seg.source), (run.target_lang, seg.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: clean(lang)})
            ET.SubElement(tuv, "seg").text = clean(text)
    ET.indent(root)
    return serialize(root)
