"""`<id>.po`: the review master (gettext PO), written and read back.

msgctxt is the segment key, msgid the Vietnamese sentence, msgstr the English.
Machine output carries the `fuzzy` flag until a reviewer approves it; `#:` points at
file:paragraph; `#.` lists glossary hits and findings; `# ` is the reviewer's own
note and `#| msgid` the source an old translation was made for; sentences that left
the article are kept as obsolete `#~` entries. The header records what is needed to
rebuild the article from the PO alone: the source file, the paragraph layout and the
segments followed by a line break (`X-Translit-Line-Breaks`), and for a source with
a structure of its own (a Word file, a web page) its layout (`X-Translit-Blocks`:
paragraph styles and tables, so `.en.docx` can be rebuilt) and what it says about
itself (`X-Source-Title`, `-Author`, `-Date`, `-URL`, `-Site`).
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from pathlib import Path

from translit.document import Block, Document, Para, Segment, Table, key_order
from translit.formats import RunInfo, notes
from translit.io import InputError, read_bytes

SUFFIX = ".po"
MAX_BYTES = 256 * 1024 * 1024  # the review file of the largest article (io.MAX_ARTICLE_BYTES)
SOURCE_LANG = "vi"
KEY = re.compile(r"p(\d+)\.s(\d+)")
# An obsolete entry's key may carry `~N` where it would otherwise repeat another's.
OBSOLETE_KEY = re.compile(r"p(\d+)\.s(\d+)(?:~\d+)?")
# Header fields a reviewer's tool sets; a re-run keeps them (and fields of its own).
REVIEW_FIELDS = ("Last-Translator", "Language-Team", "Plural-Forms")
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_ENGLISH = re.compile(r"en(?:[_-][A-Za-z0-9]+)*(?:@\w+)?")  # en, en_US, en-GB, ...
# Document.meta keys and the header fields that hold them.
META_FIELDS = {
    "title": "X-Source-Title",
    "author": "X-Source-Author",
    "date": "X-Source-Date",
    "url": "X-Source-URL",
    "site": "X-Source-Site",
}
BLOCKS_FIELD = "X-Translit-Blocks"


def _para_json(para: Para) -> list[int | str]:
    return [para.number, para.style] if para.style else [para.number]


def blocks_to_json(blocks: list[Block]) -> str:
    """The layout as one line of JSON: a paragraph is `[number]` or `[number, "style"]`,
    a table `{"table": [[cell, ...], ...], "style": ...}` with a cell a list of paragraphs."""
    items: list[object] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [[[_para_json(p) for p in cell] for cell in row] for row in block.rows]
            items.append({"table": rows, "style": block.style} if block.style else {"table": rows})
        else:
            items.append(_para_json(block))
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _para(item: object) -> Para:
    if (
        not isinstance(item, list)
        or not 1 <= len(item) <= 2
        or type(item[0]) is not int
        or item[0] < 0
        or (len(item) == 2 and not isinstance(item[1], str))
    ):
        raise ValueError(item)
    return Para(item[0], item[1] if len(item) == 2 else "")


def blocks_from_json(text: str) -> list[Block]:
    """The layout `blocks_to_json` wrote; ValueError for anything else."""
    blocks: list[Block] = []
    for item in json.loads(text):
        if isinstance(item, dict):
            style = item.get("style", "")
            rows = item.get("table")
            if not isinstance(rows, list) or not isinstance(style, str):
                raise ValueError(item)
            blocks.append(
                Table(
                    tuple(tuple(tuple(_para(p) for p in cell) for cell in row) for row in rows),
                    style,
                )
            )
        else:
            blocks.append(_para(item))
    return blocks


# A `#:` file name with white space in it is wrapped in FIRST STRONG ISOLATE … POP
# DIRECTIONAL ISOLATE, as GNU gettext (0.20 and later) writes and reads it.
FSI, PDI = "\u2068", "\u2069"
_LINE_NUMBER = re.compile(r"(.*):\d+", re.DOTALL)
# The first header comment line translit writes (the rest are the reviewer's).
_OWN_HEADER_LINE = re.compile(r".*: \S+→\S+ translation for review\.")


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
        "X-Translit-Line-Breaks": " ".join(s.key for s in doc.segments if s.line_break),
    }
    if doc.blocks:
        meta[BLOCKS_FIELD] = blocks_to_json(doc.blocks)
    for key, name in META_FIELDS.items():
        if doc.meta.get(key):
            meta[name] = " ".join(doc.meta[key].split())  # one line
    if run.model:
        meta["X-Translit-Model"] = run.model
    if run.engine:
        meta["X-Translit-Engine"] = run.engine
    if run.glossaries:
        meta["X-Translit-Glossaries"] = ", ".join(run.glossaries)
    # the reviewer's fields, and any a reviewer's tool added (X-Poedit-*, ...), are kept
    meta.update(
        {
            k: v
            for k, v in doc.review_header.items()
            if v and (k in REVIEW_FIELDS or (k not in meta and not k.startswith("X-Translit-")))
        }
    )
    return meta


_DATE_FIELD = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): ([^"\\]*)\\n"$', re.MULTILINE)


def keep_dates(new: str, old: str) -> str:
    """The PO text `new`, about to replace `old`, with old's dates where nothing they
    date changed: both when the files differ in nothing else (a re-run that changed
    nothing leaves the file byte for byte as it was, so a desk keeping its POs in git
    sees no diff), and `POT-Creation-Date` while the sources (keys and Vietnamese) are
    the same. `PO-Revision-Date` is the run's time once anything else changed."""
    old_dates = dict(_DATE_FIELD.findall(old))
    new_dates = dict(_DATE_FIELD.findall(new))
    if len(old_dates) != 2 or len(new_dates) != 2:
        return new

    def dated(dates: dict[str, str]) -> str:
        return _DATE_FIELD.sub(lambda m: f'"{m[1]}: {dates[m[1]]}\\n"', new)

    unchanged = dated(old_dates)
    if unchanged == old:
        return unchanged
    if _sources(new) == _sources(old):
        new_dates["POT-Creation-Date"] = old_dates["POT-Creation-Date"]
    return dated(new_dates)


def _sources(text: str) -> list[tuple[str | None, str, bool]]:
    """The entries' keys and Vietnamese (and whether obsolete), in order."""
    import polib

    try:
        return [(e.msgctxt, e.msgid, e.obsolete) for e in polib.pofile(text)]
    except (OSError, ValueError):  # the old file is not ours to read: the sources changed
        return []


def comments(seg: Segment) -> str:
    """The extracted comment (`#.`) for a segment: glossary hits and conversions
    (`glossary: Mátxcơva → Moscow`, `date: 7.12 → December 7`), then findings."""
    return "\n".join(notes(seg))


def render(doc: Document, run: RunInfo) -> str:
    """The PO file text for a document, obsolete entries last."""
    import polib

    po = polib.POFile(wrapwidth=78)
    po.header = f"{doc.path.name}: {run.source_lang}→{run.target_lang} translation for review."
    if doc.header_comment:
        po.header += f"\n{doc.header_comment}"
    po.metadata = header(doc, run)
    for seg in doc.segments:
        po.append(_entry(seg, doc))
    for seg in doc.obsolete:
        po.append(_entry(seg, doc, obsolete=True))
    return str(po)


def _entry(seg: Segment, doc: Document, obsolete: bool = False):  # -> polib.POEntry
    import polib

    entry = polib.POEntry(
        msgctxt=seg.key,
        msgid=seg.source,
        msgstr=seg.target,
        occurrences=[] if obsolete else [(reference_name(doc.path.name), str(seg.paragraph))],
        comment="" if obsolete else comments(seg),
        tcomment=seg.note,
        flags=["fuzzy"] if seg.fuzzy else [],
        previous_msgid=seg.previous_source or None,
        obsolete=obsolete,
    )
    if seg.plural_source:  # kept as the reviewer's tool wrote it; form 0 is the target
        forms = [seg.target, *seg.plural_targets[1:]]
        entry.msgid_plural = seg.plural_source
        entry.msgstr_plural = dict(enumerate(forms))
    return entry


def reference_name(name: str) -> str:
    """A file name as a `#:` reference holds it (wrapped in FSI … PDI if it has spaces)."""
    return f"{FSI}{name}{PDI}" if any(char.isspace() for char in name) else name


def reference_names(occurrences: list[tuple[str, str]]) -> list[str]:
    """The file names of an entry's `#:` references as polib read them.

    polib splits a reference line at white space, so a name wrapped in FSI … PDI
    comes in pieces (and `:N` inside one may have been read as a line number); the
    pieces are joined again (with one space for whatever white space there was).
    """
    names: list[str] = []
    pending: list[str] = []
    for name, line in occurrences:
        token = f"{name}:{line}" if line else name
        if pending or token.startswith(FSI):
            pending.append(token)
            if PDI not in token:
                continue
            token, pending = " ".join(pending), []
        whole = _LINE_NUMBER.fullmatch(token)
        names.append((whole.group(1) if whole else token).strip(FSI + PDI))
    if pending:
        names.append(" ".join(pending).strip(FSI + PDI))
    return names


class _Lines:
    """PO text for polib, split into lines at "\\n" only: polib's own `splitlines`
    also breaks at U+2028, U+2029, U+0085, U+001C-U+001E, form feeds and vertical tabs,
    which a reviewer's English may hold (and which polib writes as they are)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def splitlines(self) -> list[str]:
        return self.text.split("\n")


def read(path: Path, article_id: str | None = None) -> Document:
    """Read a translit PO file back into a Document, as the reviewer left it.

    Segments come back with their key, source, English, fuzzy flag, reviewer note and
    previous source, in key order; obsolete entries go to `Document.obsolete`. The
    paragraphs are rebuilt from the segments, so the article can be rebuilt without
    its source file. Glossary hits and findings are not read: they are recomputed
    from the text.

    Raises InputError (one line, naming the file and line where there is one) for a
    file that cannot be read, is not a PO file, is not a Vietnamese→English translit
    PO, or holds entries for another article.
    """
    import polib

    text = unicodedata.normalize("NFC", _read_text(path))  # an editor may save NFD
    try:
        po = polib.pofile(_Lines(text), encoding="utf-8")
    except (OSError, ValueError) as err:
        line = _POLIB_LINE.search(str(err))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise InputError(f"{where}: not a valid PO file (syntax error)") from None
    meta = po.metadata
    source_lang = meta.get("X-Source-Language", SOURCE_LANG)
    if source_lang != SOURCE_LANG or not _ENGLISH.fullmatch(meta.get("Language", "en")):
        raise InputError(
            f"{path}: a {source_lang}→{meta.get('Language', '?')} PO file; "
            "translit reads Vietnamese→English (vi→en) review files"
        )
    doc_id = article_id or path.name.removesuffix(".po")
    source_file = meta.get("X-Source-File") or f"{doc_id}.txt"
    breaks = set(meta.get("X-Translit-Line-Breaks", "").split())
    segments: list[Segment] = []
    obsolete: list[Segment] = []
    for entry in po:
        segment = _segment(entry, path, source_file, breaks)
        (obsolete if entry.obsolete else segments).append(segment)
    if not segments and not obsolete and not meta:
        raise InputError(f"{path}: not a translit PO file (no header and no entries)")
    segments.sort(key=lambda s: key_order(s.key))
    doc = Document(
        id=doc_id,
        path=Path(source_file),
        paragraphs=[],
        segments=segments,
        layout="line" if meta.get("X-Translit-Layout") == "line" else "blank",
        obsolete=obsolete,
        review_header=dict(meta),
        meta={key: meta[name] for key, name in META_FIELDS.items() if meta.get(name)},
        header_comment=_reviewer_header_lines(po.header),
    )
    # a damaged layout line leaves the layout empty: the paragraphs are still there
    with contextlib.suppress(ValueError, TypeError, RecursionError):
        doc.blocks = blocks_from_json(meta.get(BLOCKS_FIELD) or "[]")
    _rebuild_paragraphs(doc)
    return doc


def _reviewer_header_lines(header: str) -> str:
    """The header comment without the line translit writes first."""
    lines = header.split("\n")
    if lines and _OWN_HEADER_LINE.fullmatch(lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip("\n")


def _read_text(path: Path) -> str:
    data = read_bytes(path, MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8; translit writes PO files in UTF-8") from None


def _segment(entry, path: Path, source_file: str, breaks: set[str]) -> Segment:
    key = (OBSOLETE_KEY if entry.obsolete else KEY).fullmatch(entry.msgctxt or "")
    if key is None:
        where = f"{path}:{entry.linenum}" if getattr(entry, "linenum", None) else str(path)
        raise InputError(
            f"{where}: entry has no segment key (msgctxt like p3.s2); "
            "not a PO file written by translit"
        )
    for name in [] if entry.obsolete else reference_names(entry.occurrences):
        if name.split() != source_file.split():
            raise InputError(
                f"{path}:{entry.linenum}: entry {entry.msgctxt} belongs to {name}, "
                f"but this file is for {source_file}; entries of another article"
            )
    fuzzy = "fuzzy" in entry.flags
    forms = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
    target = forms[0] if entry.msgid_plural and forms else entry.msgstr
    if target:
        origin = "machine" if fuzzy else "reviewed"
    else:
        origin = "none"
    return Segment(
        key=entry.msgctxt,
        source=entry.msgid,
        paragraph=int(key.group(1)),
        start=0,
        end=len(entry.msgid),
        line_break=entry.msgctxt in breaks,
        target=target,
        origin=origin,  # type: ignore[arg-type]
        fuzzy=fuzzy and bool(target),
        previous_source=entry.previous_msgid or "",
        note=entry.tcomment or "",
        plural_source=entry.msgid_plural or "",
        plural_targets=forms if entry.msgid_plural else (),
        repairs=_repairs(entry.comment or ""),
    )


# A hit note that says how its term got into the English (formats.hit_note):
# `glossary: Nga → Russia (aligned)`.
_LABELLED_HIT = re.compile(r"[a-z]+: (.+?) → (.+) \(([a-z-]+)\)")


def _repairs(comment: str) -> dict[tuple[str, str], str]:
    """The repair labels of an entry's hit notes, by (variant, target)."""
    found = (_LABELLED_HIT.fullmatch(line) for line in comment.splitlines())
    return {(m[1], m[2]): m[3] for m in found if m}


def _rebuild_paragraphs(doc: Document) -> None:
    """Paragraph texts from the segments (joined by a space, or a kept line break),
    with each segment's offsets into its paragraph."""
    doc.paragraphs = []
    for group in doc.paragraph_segments():
        parts: list[str] = []
        pos = 0
        for seg in group:
            seg.start, seg.end = pos, pos + len(seg.source)
            sep = "\n" if seg.line_break else " "
            parts += [seg.source, sep]
            pos = seg.end + len(sep)
        doc.paragraphs.append("".join(parts[:-1]))
