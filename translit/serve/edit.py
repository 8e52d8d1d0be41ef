"""Change one entry of a PO file in place, every other byte kept.

A reviewer's save must not reformat the rest of the file: other entries, the header,
its comments, obsolete entries, line endings, a byte-order mark and whatever a PO
editor wrote stay exactly as they were. So the text is cut into its blank-line
separated blocks (one entry each, as gettext tools write them), and only the block
holding the entry is rendered again, by polib, at translit's wrap width. A file whose
entries are not separated by blank lines is rewritten whole by polib instead (same
entries, possibly other wrapping).
"""

from __future__ import annotations

from dataclasses import dataclass

WRAP_WIDTH = 78  # as translit.formats.po writes PO files


class EditError(Exception):
    """The entry cannot be changed; the message is one line."""


class NoSuchEntry(EditError):
    """No active entry has that key."""


@dataclass(frozen=True)
class EntryChange:
    """What a review save changes in an entry."""

    target: str  # msgstr
    fuzzy: bool  # the fuzzy flag: set for English awaiting review, cleared when approved
    notes: str  # the extracted comment (`#.`): glossary hits and findings, one a line
    comment: str | None = None  # the reviewer's comment (`# `); None keeps it as it is


def edit_entry(text: str, key: str, change: EntryChange) -> str:
    """The PO text with the active entry whose msgctxt is `key` changed.

    Raises NoSuchEntry when no active (non-obsolete) entry has the key, EditError when
    several do or the entry is a plural one.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].split("\n")  # "\n" only: U+2028 inside a string is text
    found = []  # (start, end, entries) of the blocks that hold an active entry `key`
    for start, end in _blocks(lines):
        block = "\n".join(lines[start:end])
        if key in block:
            entries = _parse(block)
            if any(_is_active(e, key) for e in entries):
                found.append((start, end, entries))
    if len(found) == 1 and len(found[0][2]) == 1:
        start, end, (entry,) = found[0]
        rendered = _changed(entry, change).__unicode__(wrapwidth=WRAP_WIDTH)
        new = rendered.rstrip("\n").split("\n")
        if lines[start].endswith("\r"):  # keep CRLF line ends
            new = [line + "\r" for line in new]
        return bom + "\n".join(lines[:start] + new + lines[end:])
    # not one entry per block (or none found that way): let polib read the whole file
    return bom + _rewrite_whole(text[len(bom) :], key, change)


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the runs of non-blank lines."""
    blocks: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            blocks.append((start, i))
            start = None
    if start is not None:
        blocks.append((start, len(lines)))
    return blocks


def _parse(text: str) -> list:  # -> list[polib.POEntry]
    import polib

    # a header first, so that polib does not take the block's `# ` comment for the file's
    text = 'msgid ""\nmsgstr ""\n\n' + text
    try:
        return [e for e in polib.pofile(text, wrapwidth=WRAP_WIDTH) if e.msgid or e.msgctxt]
    except (OSError, ValueError):
        return []


def _is_active(entry, key: str) -> bool:  # entry: polib.POEntry
    return entry.msgctxt == key and not entry.obsolete


def _changed(entry, change: EntryChange):  # polib.POEntry -> polib.POEntry
    if entry.msgid_plural:
        raise EditError(f"entry {entry.msgctxt} is a plural entry; translit writes none")
    entry.msgstr = change.target
    flags = [f for f in entry.flags if f != "fuzzy"]
    entry.flags = ["fuzzy", *flags] if change.fuzzy else flags
    if not change.fuzzy:  # approved: the old source it was made for no longer matters
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    if change.comment is not None:
        entry.tcomment = change.comment
    entry.comment = change.notes
    return entry


def _rewrite_whole(text: str, key: str, change: EntryChange) -> str:
    import polib

    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError):
        raise EditError("not a valid PO file (syntax error)") from None
    matches = [e for e in po if _is_active(e, key)]
    if not matches:
        raise NoSuchEntry(f"no entry with the key {key}")
    if len(matches) > 1:
        raise EditError(f"two entries have the key {key}")
    _changed(matches[0], change)
    return str(po)
