"""`<id>.xlf`: the document as XLIFF 2.0 for CAT tools.

One `<file>` (original = the article's file name), a `<group>` per paragraph, a
`<unit>` per segment (id = the segment key, also its `name`) holding one
`<segment>`. The segment's `state` follows its status: untranslated → `initial`
(no `<target>`), fuzzy → `translated`, reviewed → `reviewed`. The unit's `<notes>`
carry the glossary hits (category `glossary`) and findings (category = the finding's
code, priority 1 for errors, 2 for warnings, 5 for information).

Characters XML 1.0 forbids are written as XLIFF's `<cp hex="…"/>` inside source and
target, so they survive a round trip; in notes and attributes they become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from translit.document import Document, Segment
from translit.formats import RunInfo, finding_note, hit_note
from translit.formats.xmltext import XML_SPACE, clean, runs, serialize

SUFFIX = ".xlf"
NS = "urn:oasis:names:tc:xliff:document:2.0"
STATES = {"untranslated": "initial", "fuzzy": "translated", "reviewed": "reviewed"}
PRIORITY = {"error": "1", "warning": "2", "info": "5"}

_NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")


def _fill(element: ET.Element, text: str) -> None:
    """Set mixed content: text, with `<cp>` for each character XML cannot hold."""
    last: ET.Element | None = None
    for piece in runs(text):
        if isinstance(piece, int):
            last = ET.SubElement(element, "cp", hex=f"{piece:04X}")
        elif last is None:
            element.text = piece
        else:
            last.tail = piece


def unit_ids(doc: Document) -> dict[int, str]:
    """Unit id by segment (`id(seg)`): its key when that is a valid NMTOKEN used by
    no other unit or group, else `u<n>` (n = the segment's position)."""
    ids: dict[int, str] = {}
    used = {f"p{seg.paragraph}" for seg in doc.segments}  # the group ids
    for n, seg in enumerate(doc.segments, 1):
        uid = seg.key if _NMTOKEN.fullmatch(seg.key) and seg.key not in used else f"u{n}"
        used.add(uid)
        ids[id(seg)] = uid
    return ids


def _unit(parent: ET.Element, seg: Segment, uid: str, fill: list[tuple[ET.Element, str]]) -> None:
    unit = ET.SubElement(parent, "unit", id=uid, name=clean(seg.key))
    lines = [(hit_note(h), {"category": "glossary", "appliesTo": "source"}) for h in seg.hits]
    lines += [
        (finding_note(f), {"category": clean(f.code), "priority": PRIORITY.get(f.severity, "5")})
        for f in seg.findings
    ]
    if lines:
        notes = ET.SubElement(unit, "notes")
        for text, attrs in lines:
            ET.SubElement(notes, "note", attrs).text = clean(text)
    segment = ET.SubElement(unit, "segment", state=STATES[seg.status])
    fill.append((ET.SubElement(segment, "source"), seg.source))
    if seg.target:
        fill.append((ET.SubElement(segment, "target"), seg.target))


def render(doc: Document, run: RunInfo) -> str:
    """The XLIFF 2.0 document."""
    # the namespace as a plain xmlns attribute: ElementTree's default_namespace
    # option refuses unprefixed attributes
    root = ET.Element(
        "xliff",
        {"xmlns": NS, "version": "2.0"},
        srcLang=clean(run.source_lang),
        trgLang=clean(run.target_lang),
    )
    file = ET.SubElement(root, "file", {"id": "f1", "original": clean(doc.path.name)})
    file.set(XML_SPACE, "preserve")  # sentences are plain text: keep every space
    made_by = f"translit {run.tool_version}" + (f", model {run.model}" if run.model else "")
    notes = ET.SubElement(file, "notes")
    ET.SubElement(notes, "note", category="translit").text = clean(made_by)
    fill: list[tuple[ET.Element, str]] = []
    ids = unit_ids(doc)
    for segments in doc.paragraph_segments():
        group = ET.SubElement(file, "group", id=f"p{segments[0].paragraph}")
        for seg in segments:
            _unit(group, seg, ids[id(seg)], fill)
    if not doc.segments:  # a file needs at least one unit or group
        ET.SubElement(file, "group", id="p1")
    ET.indent(root)  # before the text goes in: indentation never touches it
    for element, text in fill:
        _fill(element, text)
    return serialize(root)
