"""Editing glossary files without disturbing the rest: add, add a variant, remove,
and import/export two-column tables (CSV/TSV as DeepL and Google glossaries use) and
TBX-Basic.

A hand-kept glossary has comments, aligned trailing comments, blank lines and an
order of its own. Every edit here changes only the lines it must: the file is
composed with PyYAML to find the exact spans of the nodes involved and the new text
is spliced in (new entries copy the file's indentation and list style). Layouts the
splicer does not handle (flow-style mappings, anchors) go through a ruamel.yaml
round trip instead, which also keeps comments and order; ruamel.yaml is optional
(`pip install 'translit[ruamel]'`): without it such a file is refused with one line.

Whatever the route, the new text is parsed again and must hold exactly the intended
entries and pass the same checks as `glossary.load_glossaries` (together with the
other selected glossaries, if `context` names them) before it replaces the file
atomically. Otherwise a GlossaryError says why and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import dataclasses
import functools
import inspect
import io
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from translit.document import Entry, Glossary
from translit.glossary.fold import variant_forms
from translit.glossary.load import (
    CONTROL_CHARS,
    GlossaryError,
    _clean,
    _read,
    check_texts,
    forms_batch,
    parse_glossary_text,
    parse_glossary_tree,
)
from translit.io import ChangedOnDisk, NotWritten, check_target, file_version, write_atomic

ExportFormat = Literal["csv", "tsv", "tbx"]
EXPORT_FORMATS = ("csv", "tsv", "tbx")
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_DASH_PREFIX = re.compile(r"[ \t]*-[ \t]+")


# ── reading the file and finding spans ──────────────────────────────────────────


@dataclass
class _Doc:
    """A glossary file's text, its composed tree, and its existing entries."""

    path: Path
    text: str
    newline: str
    root: MappingNode
    entries_key: ScalarNode
    entries: Node
    parsed: list[Entry]
    version: str = ""  # translit.io.file_version when read: the write expects it

    def entry_nodes(self, term: str) -> tuple[ScalarNode, Node] | None:
        if not isinstance(self.entries, MappingNode):
            return None
        for key, value in self.entries.value:
            if _clean(str(key.value)) == term:
                return key, value
        return None


def _header(path: Path) -> str:
    name = _scalar(re.sub(r"[^\w.-]+", "-", path.stem) or "glossary")
    return f"glossary: {name}\nsource: vi\ntarget: en\nentries:\n"


def _load(path: Path, create: bool) -> _Doc:
    """The file as it is (or a fresh header if it does not exist and `create`)."""
    try:
        check_target(path)  # edited in place only: never through a link, see write_atomic
    except NotWritten as err:
        raise GlossaryError(str(err)) from None
    version = file_version(path)  # before reading: a change in between fails the write
    if not path.exists() and create:
        text = _header(path)
    else:
        read = _read(path)
        if not isinstance(read, str):
            raise GlossaryError(f"{read.where}: {read.message}")
        text = read
        if create and not text.strip():
            text = _header(path)  # an empty file: start it properly
    doc = _doc(path, text)
    doc.version = version
    return doc


def _doc(path: Path, text: str) -> _Doc:
    entries, problems, root = parse_glossary_tree(text, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GlossaryError(f"{errors[0].where}: {errors[0].message} (fix the file first)")
    assert isinstance(root, MappingNode)  # a valid glossary is a mapping with entries
    for key, value in root.value:
        if _clean(str(key.value)) == "entries":
            newline = "\r\n" if "\r\n" in text else "\n"
            return _Doc(path, text, newline, root, key, value, entries)
    raise AssertionError("a valid glossary has entries")


def _content_end(node: Node) -> int:
    """Offset just past the last character of a node's own text (not what follows)."""
    while True:
        if isinstance(node, ScalarNode) or getattr(node, "flow_style", None) or not node.value:
            return node.end_mark.index
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _after_line(text: str, pos: int) -> int:
    """Offset of the start of the line after the one holding text[pos - 1]."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def _is_blank(text: str, start: int) -> bool:
    return start < len(text) and not text[start : _after_line(text, start + 1)].strip()


def _scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same string, flow-safe."""
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1 << 30)
    return dumped.strip()[1:-1]


class _Unsupported(Exception):
    """A layout the splicer does not handle; use the ruamel.yaml round trip."""


@dataclass
class _Style:
    """How the file writes entries, copied for new ones."""

    key_col: int = 2
    child: int = 2
    flow: bool = True
    dash: int = 2  # block list: spaces from the field key to "-"
    blank_between: bool = False

    @classmethod
    def of(cls, doc: _Doc) -> _Style:
        style = cls()
        entries = doc.entries
        if not isinstance(entries, MappingNode) or not entries.value:
            return style
        style.key_col = entries.value[0][0].start_mark.column
        for key, value in entries.value:
            if isinstance(value, MappingNode) and value.value and not value.flow_style:
                style.child = max(1, value.value[0][0].start_mark.column - key.start_mark.column)
                break
        for _, value in entries.value:
            vi = _field(value, "vi")
            if isinstance(vi, SequenceNode) and vi.value:
                style.flow = bool(vi.flow_style)
                if not vi.flow_style:
                    item = vi.value[0]
                    prefix = doc.text[
                        _line_start(doc.text, item.start_mark.index) : item.start_mark.index
                    ]
                    field_col = value.value[0][0].start_mark.column  # type: ignore[union-attr]
                    style.dash = max(0, len(prefix) - len(prefix.lstrip()) - field_col)
                break
        if len(entries.value) > 1:
            last_key = entries.value[-1][0]
            prev_end = _after_line(doc.text, _content_end(entries.value[-2][1]))
            between = doc.text[prev_end : _line_start(doc.text, last_key.start_mark.index)]
            style.blank_between = any(not line.strip() for line in between.split("\n")[:-1])
        return style

    def entry_lines(self, term: str, fields: list[tuple[str, Any]]) -> list[str]:
        pad = " " * self.key_col
        cpad = " " * (self.key_col + self.child)
        lines = [f"{pad}{_scalar(term)}:"]
        for name, value in fields:
            if isinstance(value, bool):
                lines.append(f"{cpad}{name}: {'true' if value else 'false'}")
            elif isinstance(value, str):
                lines.append(f"{cpad}{name}: {_scalar(value)}")
            elif isinstance(value, dict):  # mentions: English form → variants
                lines.append(f"{cpad}{name}:")
                inner = " " * (self.key_col + 2 * self.child)
                for english, items in value.items():
                    lines.extend(self._list_lines(inner, _scalar(english), items))
            else:
                lines.extend(self._list_lines(cpad, name, value))
        return lines

    def _list_lines(self, pad: str, name: str, values: Sequence[str]) -> list[str]:
        if self.flow:
            return [f"{pad}{name}: [{', '.join(_scalar(v) for v in values)}]"]
        return [f"{pad}{name}:", *(f"{pad}{' ' * self.dash}- {_scalar(v)}" for v in values)]


def _field(entry_value: Node, name: str) -> Node | None:
    if isinstance(entry_value, MappingNode):
        for key, value in entry_value.value:
            if _clean(str(key.value)) == name:
                return value
    return None


def _fields(entry: Entry) -> list[tuple[str, Any]]:
    """The YAML fields of a new entry, in the documented order."""
    out: list[tuple[str, Any]] = []
    plain = entry.plain_vi
    if plain and not (entry.keep and plain == (entry.term,)):
        out.append(("vi", list(plain)))
    if entry.en:
        out.append(("en", list(entry.en)))
    if entry.mentions:
        out.append(("mentions", {english: list(vi) for english, vi in entry.mentions}))
    if entry.en_variants:
        out.append(("en_variants", list(entry.en_variants)))
    if entry.note:
        out.append(("note", entry.note))
    if entry.case_sensitive:
        out.append(("case", "sensitive"))
    if entry.not_followed_by:
        out.append(("not_followed_by", list(entry.not_followed_by)))
    if entry.not_preceded_by:
        out.append(("not_preceded_by", list(entry.not_preceded_by)))
    if entry.keep:
        out.append(("keep", True))
    return out


# ── splicing ────────────────────────────────────────────────────────────────────

Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _splice_variants(doc: _Doc, term: str, variants: Sequence[str]) -> Edit:
    found = doc.entry_nodes(term)
    if found is None:
        raise _Unsupported
    key, value = found
    text, nl = doc.text, doc.newline
    if not isinstance(value, MappingNode) or not value.value:
        raise _Unsupported
    vi = _field(value, "vi")
    rendered = [_scalar(v) for v in variants]
    if vi is None:  # a keep entry using its term as the only variant
        if value.flow_style:
            raise _Unsupported
        col = value.value[0][0].start_mark.column
        at = _after_line(text, _content_end(value))
        items = ", ".join([_scalar(term), *rendered])
        lead = "" if at == 0 or text[at - 1] == "\n" else nl
        return at, at, f"{lead}{' ' * col}vi: [{items}]{nl}"
    if not isinstance(vi, SequenceNode) or vi.start_mark.index < key.start_mark.index:
        raise _Unsupported  # an alias to a list written elsewhere
    if vi.flow_style:
        if vi.value:
            at = vi.value[-1].end_mark.index
            return at, at, "".join(f", {r}" for r in rendered)
        at = vi.end_mark.index - 1
        if text[at] != "]":
            raise _Unsupported
        return at, at, ", ".join(rendered)
    last = vi.value[-1]
    prefix = text[_line_start(text, last.start_mark.index) : last.start_mark.index]
    if not _DASH_PREFIX.fullmatch(prefix):
        raise _Unsupported
    at = _after_line(text, _content_end(last))
    lead = "" if text[at - 1] == "\n" else nl
    return at, at, lead + "".join(f"{prefix}{r}{nl}" for r in rendered)


def _splice_entries(doc: _Doc, entries: Sequence[Entry]) -> list[Edit]:
    style = _Style.of(doc)
    text, nl = doc.text, doc.newline
    lines: list[str] = []
    for entry in entries:
        if style.blank_between:
            lines.append("")
        lines.extend(style.entry_lines(entry.term, _fields(entry)))
    block = nl.join(lines) + nl
    node = doc.entries
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        at = _after_line(text, _content_end(node.value[-1][1]))
        lead = "" if text[at - 1] == "\n" else nl
        return [(at, at, lead + block)]
    if isinstance(node, MappingNode) and not node.value:  # `entries: {}`
        edits: list[Edit] = [(doc.entries_key.end_mark.index, node.end_mark.index, ":")]
    elif isinstance(node, ScalarNode):  # `entries:` with nothing under it
        edits = []
    else:
        raise _Unsupported
    at = _after_line(text, doc.entries_key.end_mark.index)
    lead = "" if text[at - 1] == "\n" else nl
    return [*edits, (at, at, lead + block.lstrip("\r\n"))]


def _splice_remove(doc: _Doc, term: str) -> Edit:
    found = doc.entry_nodes(term)
    node = doc.entries
    if found is None or not isinstance(node, MappingNode) or node.flow_style:
        raise _Unsupported
    key, value = found
    text = doc.text
    start = _line_start(text, key.start_mark.index)
    if text[start : key.start_mark.index].strip():
        raise _Unsupported
    end = _after_line(text, _content_end(value))
    # Comment lines right above the key, at its indentation, describe the entry when
    # they form one paragraph with it (a blank line before, a blank line or EOF after).
    top = start
    while top > 0:
        above = _line_start(text, top - 1)
        line = text[above:top]
        indent = len(line) - len(line.lstrip())
        if not line.lstrip().startswith("#") or indent != key.start_mark.column:
            break
        top = above
    blank_after = _is_blank(text, end)
    if top < start and _blank_above(text, top) and (blank_after or end == len(text)):
        start = top
    if _blank_above(text, start):  # do not leave two blank lines where there was one
        if blank_after:
            end = _after_line(text, end + 1)
        elif end == len(text):
            start = _line_start(text, start - 1)
    return start, end, ""


def _blank_above(text: str, start: int) -> bool:
    return start > 0 and not text[_line_start(text, start - 1) : start].strip()


# ── the ruamel.yaml fallback ────────────────────────────────────────────────────


def _ruamel_edit(text: str, change: Callable[[Any], None]) -> str:
    from ruamel.yaml import YAML

    yml = YAML()
    yml.preserve_quotes = True
    yml.width = 4096
    mapping, sequence, offset = _guess_indent(text)
    yml.indent(mapping=mapping, sequence=sequence, offset=offset)
    data = yml.load(text)
    change(data)
    out = io.StringIO()
    yml.dump(data, out)
    return out.getvalue()


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as ruamel.yaml wants them."""
    mapping = 2
    keys = re.findall(r"^( +)[^ #\-\n][^\n]*:", text, re.MULTILINE)
    if keys:
        mapping = min(len(k) for k in keys)
    dash = re.search(r"^( *)[^ #\-\n][^\n]*:[ \t]*\n( *)- ", text, re.MULTILINE)
    if dash:
        offset = max(0, len(dash.group(2)) - len(dash.group(1)))
        return mapping, offset + 2, offset
    return mapping, mapping, 0


def _ruamel_entry(entry: Entry) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for name, value in _fields(entry):
        if isinstance(value, dict):
            inner = CommentedMap()
            for english, items in value.items():
                seq = CommentedSeq(items)
                seq.fa.set_flow_style()
                inner[english] = seq
            value = inner
        elif isinstance(value, list):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        out[name] = value
    return out


# ── edits ───────────────────────────────────────────────────────────────────────


def _bare(entries: Sequence[Entry]) -> list[Entry]:
    return [dataclasses.replace(e, origin="") for e in entries]


def _commit(
    doc: _Doc,
    expected: list[Entry],
    splice: Callable[[], list[Edit]],
    ruamel_change: Callable[[Any], None],
    context: Sequence[Path],
) -> None:
    """Make the edit, check the result thoroughly, and write it (or raise)."""
    candidates: list[Callable[[], str]] = [
        lambda: _apply(doc.text, splice()),
        lambda: _ruamel_edit(doc.text, ruamel_change),
    ]
    new_text = None
    no_ruamel = False
    for make in candidates:
        try:
            text = make()
        except ImportError:  # the round trip needs ruamel.yaml, an optional dependency
            no_ruamel = True
            continue
        except Exception:  # noqa: BLE001 - any failure: try the next route; all are verified
            continue
        entries, problems = parse_glossary_text(text, doc.path)
        errors = [p for p in problems if p.severity == "error"]
        if errors:  # what was asked for is not a valid entry (the file is, see _doc)
            raise GlossaryError(f"{errors[0].where}: {errors[0].message} ({doc.path} not changed)")
        if _bare(entries) == _bare(expected):
            new_text = text
            break
    if new_text is None and no_ruamel:
        raise GlossaryError(
            f"{doc.path}: this file's layout (flow-style mappings, anchors) is edited "
            "through ruamel.yaml, which is not installed: pip install 'translit[ruamel]', "
            "or write its entries in block style"
        )
    if new_text is None:
        raise GlossaryError(
            f"{doc.path}: could not make this edit without touching other entries; "
            "edit the file by hand"
        )
    texts = _with_context(doc.path, new_text, context)
    try:
        check_texts(texts)
    except GlossaryError as err:
        raise GlossaryError(f"{err} ({doc.path} not changed)") from None
    try:
        write_atomic(doc.path, new_text, expect=doc.version)
    except ChangedOnDisk as err:
        raise GlossaryError(f"{err}: someone edited it meanwhile; run the command again") from None


# How long an edit waits for another translit edit of a glossary in the same folder.
LOCK_WAIT = 30.0
# The folders this context holds edit_lock on (an edit may call another one).
_HELD: contextvars.ContextVar[frozenset[Path]] = contextvars.ContextVar(
    "translit_glossary_edit_locks", default=frozenset()
)


@contextlib.contextmanager
def edit_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold a lock on the glossary's folder while it is read, changed and written.

    Edits by other translit processes wait their turn (up to `wait` seconds, then a
    GlossaryError), so none is lost; an edit made in a text editor meanwhile is
    caught by the version check when the file is written. The lock is an OS lock
    on the folder itself: no file is created, and it goes when the process ends.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the version check alone
        yield
        return
    folder = Path(path).absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # the file's folder is created when it is written
    held = _HELD.get()
    if folder in held:  # an edit calling another (add-variant adding an entry)
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder we may not list: the version check alone
        yield
        return
    token = _HELD.set(held | {folder})
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GlossaryError(
                        f"{path}: another translit command has been editing a glossary "
                        f"in {folder} for {wait:g} s; try again when it is done"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        _HELD.reset(token)
        os.close(fd)


def _one_edit_at_a_time(parameter: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run an editing function under `edit_lock` of the glossary named by `parameter`."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def locked(*args: Any, **kwargs: Any) -> Any:
            with edit_lock(Path(signature.bind(*args, **kwargs).arguments[parameter])):
                return func(*args, **kwargs)

        return locked

    return decorate


def _with_context(path: Path, text: str, context: Sequence[Path]) -> list[tuple[Path, str]]:
    """(path, text) of the selected glossaries, the edited one replaced by `text`."""
    out: list[tuple[Path, str]] = []
    seen = False
    for other in context:
        if _same(other, path):
            out.append((path, text))
            seen = True
            continue
        other_text = _read(Path(other))
        if not isinstance(other_text, str):
            raise GlossaryError(f"{other_text.where}: {other_text.message}")
        out.append((Path(other), other_text))
    if not seen:
        out.append((path, text))
    return out


def _same(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return Path(a) == Path(b)


def _norm_list(values: Sequence[str], what: str) -> tuple[str, ...]:
    out = []
    for value in values:
        value = _clean(value)
        if not value:
            raise GlossaryError(f"{what} is empty")
        if CONTROL_CHARS.search(value):
            raise GlossaryError(f"{what} {value!r} must be one line, without tabs")
        out.append(value)
    return tuple(out)


def _words(values: Sequence[str], what: str) -> tuple[str, ...]:
    words = _norm_list(values, what)
    for word in words:
        if len(word.split()) != 1:
            raise GlossaryError(f"{what} {word!r} must be a single word")
    return words


def _term(term: str) -> str:
    (value,) = _norm_list([term], "the canonical term")
    return value


@_one_edit_at_a_time("path")
def add_entry(
    path: Path,
    term: str,
    vi: Sequence[str] = (),
    en_variants: Sequence[str] = (),
    note: str = "",
    case_sensitive: bool = False,
    keep: bool = False,
    not_followed_by: Sequence[str] = (),
    not_preceded_by: Sequence[str] = (),
    *,
    context: Sequence[Path] = (),
) -> Entry:
    """Add an entry at the end of `path` (created if missing); error if it exists.

    `context` is the full list of selected glossaries (in order, `path` among them):
    the result must load together with them, e.g. no variant another entry claims.
    """
    path = Path(path)
    term = _term(term)
    variants = _norm_list(vi, "a vi variant")
    if not variants and not keep:
        raise GlossaryError(f"{term!r} needs at least one vi variant (or keep)")
    entry = Entry(
        term=term,
        vi=variants or (term,),
        en_variants=_norm_list(en_variants, "an en variant"),
        note=_clean(note),
        case_sensitive=case_sensitive,
        not_followed_by=_words(not_followed_by, "a not_followed_by word"),
        not_preceded_by=_words(not_preceded_by, "a not_preceded_by word"),
        keep=keep,
    )
    doc = _load(path, create=True)
    found = doc.entry_nodes(term)
    if found is not None:
        mark = found[0].start_mark
        raise GlossaryError(
            f"{path}:{mark.line + 1}:{mark.column + 1}: {term!r} already exists "
            "(use add-variant, or remove it first)"
        )

    def change(data: Any) -> None:
        if data.get("entries") is None:
            from ruamel.yaml.comments import CommentedMap

            data["entries"] = CommentedMap()
        data["entries"][term] = _ruamel_entry(entry)

    _commit(doc, [*doc.parsed, entry], lambda: _splice_entries(doc, [entry]), change, context)
    return entry


def defined_elsewhere(path: Path, term: str, context: Sequence[Path]) -> Entry | None:
    """The entry for `term` that the selected glossaries other than `path` make (merged
    across them), or None: what an entry of `path` for that term extends."""
    others = [Path(other) for other in context if not _same(other, path)]
    texts = []
    for other in others:
        text = _read(other)
        if not isinstance(text, str):
            raise GlossaryError(f"{text.where}: {text.message}")
        texts.append((other, text))
    return check_texts(texts).entries.get(term) if texts else None


def _not_a_variant_yet(entry: Entry | None, variant: str) -> None:
    if entry is None:
        return
    lower = not entry.case_sensitive
    theirs = {form: v for v in entry.vi for form in variant_forms(v, lower=lower)}
    forms = variant_forms(variant, lower=lower)
    if all(form in theirs for form in forms):
        covered = ", ".join(dict.fromkeys(repr(theirs[form]) for form in forms))
        raise GlossaryError(
            f"{entry.origin}: {variant!r} is already a variant of {entry.term!r} (as {covered})"
        )


@_one_edit_at_a_time("path")
def add_variant(path: Path, term: str, variant: str, *, context: Sequence[Path] = ()) -> Entry:
    """Add one vi variant to the entry for `term` in `path`; error if the merged entry
    already has it. When `path` has no such entry but another selected glossary in
    `context` does (the shipped one), `path` gets an entry extending it: `term` with
    `vi: [variant]`, which adds to the other file's variants when they are merged."""
    path = Path(path)
    term = _term(term)
    (variant,) = _norm_list([variant], "the variant")
    base = defined_elsewhere(path, term, context)
    doc = _load(path, create=base is not None)
    entry = next((e for e in doc.parsed if e.term == term), None)
    if entry is None and base is None:
        raise GlossaryError(_missing(path, term, context))
    _not_a_variant_yet(base, variant)
    if entry is None:  # an extension of the entry another glossary defines
        return add_entry(path, term, [variant], context=context)
    lower = not entry.case_sensitive
    mine = {form: v for v in entry.vi for form in variant_forms(v, lower=lower)}
    forms = variant_forms(variant, lower=lower)
    if all(form in mine for form in forms):  # `Mát-xcơ-va` adds to `Mátxcơva`: not covered
        covered = ", ".join(dict.fromkeys(repr(mine[form]) for form in forms))
        raise GlossaryError(
            f"{entry.origin}: {variant!r} is already a variant of {term!r} (as {covered})"
        )
    updated = dataclasses.replace(entry, vi=(*entry.plain_vi, variant, *_mentioned(entry)))
    expected = [updated if e.term == term else e for e in doc.parsed]

    def change(data: Any) -> None:
        _ruamel_add_variants(data, entry, [variant])

    _commit(doc, expected, lambda: [_splice_variants(doc, term, [variant])], change, context)
    return updated


def _mentioned(entry: Entry) -> tuple[str, ...]:
    """The variants of an entry's `mentions:`, in file order (they follow `vi:`'s)."""
    return tuple(v for _, variants in entry.mentions for v in variants)


def _ruamel_add_variants(data: Any, entry: Entry, variants: Sequence[str]) -> None:
    from ruamel.yaml.comments import CommentedSeq

    item = data["entries"][entry.term]
    if "vi" in item:
        item["vi"].extend(variants)
    else:
        seq = CommentedSeq([entry.term, *variants])
        seq.fa.set_flow_style()
        item.insert(0, "vi", seq)


@_one_edit_at_a_time("path")
def remove_entry(path: Path, term: str, *, context: Sequence[Path] = ()) -> Entry:
    """Remove an entry (and the comment paragraph that is only about it) from `path`."""
    path = Path(path)
    term = _term(term)
    doc = _load(path, create=False)
    entry = next((e for e in doc.parsed if e.term == term), None)
    if entry is None:
        raise GlossaryError(_missing(path, term, context))

    def change(data: Any) -> None:
        del data["entries"][term]

    expected = [e for e in doc.parsed if e.term != term]
    _commit(doc, expected, lambda: [_splice_remove(doc, term)], change, context)
    return entry


def _missing(path: Path, term: str, context: Sequence[Path]) -> str:
    for other in context:
        if _same(other, path):
            continue
        text = _read(Path(other))
        if isinstance(text, str):
            entries, _ = parse_glossary_text(text, Path(other))
            if any(e.term == term for e in entries):
                return f"{path}: no entry {term!r} here; it is in {other} (edit that file)"
    return f"{path}: no entry {term!r}"


# ── import ──────────────────────────────────────────────────────────────────────

_VI_HEADERS = {"vi", "vi-vn", "vi_vn", "vie", "vietnamese", "tiếng việt", "source", "src", "term"}
_EN_HEADERS = {
    "en",
    "en-us",
    "en-gb",
    "en_us",
    "en_gb",
    "eng",
    "english",
    "target",
    "tgt",
    "translation",
}


@dataclass
class ImportReport:
    """What `import_terms` did; if `problems` is not empty nothing was written."""

    rows: int = 0
    added_entries: list[str] = field(default_factory=list)
    # new entries of the file that extend another selected glossary's: term → its origin
    extensions: dict[str, str] = field(default_factory=dict)
    added_variants: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    written: bool = False


def read_table(table: Path) -> tuple[list[tuple[int, str, str]], list[str]]:
    """(line, vietnamese, english) rows of a two-column CSV/TSV file, and problems.

    The delimiter comes from the suffix (.csv comma, .tsv tab). UTF-8 with or without
    a BOM. A first row of language codes or column names (`vi,en`, `source,target`)
    is a header. DeepL's four-column form (`term,translation,vi,en`) is accepted.
    """
    suffix = table.suffix.lower()
    if suffix not in (".csv", ".tsv"):
        raise GlossaryError(f"{table}: give a .csv or .tsv file (the suffix sets the delimiter)")
    try:
        data = table.read_bytes()
    except OSError as err:
        raise GlossaryError(f"{table}: cannot read ({err.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise GlossaryError(f"{table}:{line}: not UTF-8; save the table as UTF-8") from None
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows: list[tuple[int, str, str]] = []
    problems: list[str] = []
    first = True
    try:
        for cells in reader:
            line = reader.line_num
            cells = [_clean(c) for c in cells]
            while cells and not cells[-1]:
                cells.pop()  # spreadsheets add trailing empty cells
            if not cells:
                continue
            if first:
                first = False
                if len(cells) >= 2 and (
                    cells[0].lower() in _VI_HEADERS and cells[1].lower() in _EN_HEADERS
                ):
                    continue
            if len(cells) == 4 and cells[2].lower().startswith("vi"):
                cells = cells[:2] if cells[3].lower().startswith("en") else cells
            if len(cells) != 2:
                problems.append(
                    f"{table}:{line}: expected 2 columns (Vietnamese, English), found {len(cells)}"
                )
                continue
            vi, en = cells
            if not vi or not en:
                problems.append(f"{table}:{line}: empty {'Vietnamese' if not vi else 'English'}")
                continue
            if CONTROL_CHARS.search(vi) or CONTROL_CHARS.search(en):
                problems.append(f"{table}:{line}: a term must be one line, without tabs")
                continue
            rows.append((line, vi, en))
    except csv.Error as err:
        raise GlossaryError(f"{table}:{reader.line_num}: bad CSV ({err})") from None
    return rows, problems


@_one_edit_at_a_time("glossary")
def import_terms(table: Path, glossary: Path, *, context: Sequence[Path] = ()) -> ImportReport:
    """Add each row's Vietnamese as a vi variant of the entry keyed by its English.

    Entries are created as needed (for a term another glossary in `context` defines,
    an entry extending it, as `add_variant` writes); rows already present, here or in
    `context`, are skipped; a variant that already belongs to another entry is a
    problem with its line number, and then nothing is written at all.
    """
    table, glossary = Path(table), Path(glossary)
    rows, problems = read_table(table)
    report = ImportReport(rows=len(rows), problems=problems)
    doc = _load(glossary, create=True)
    current = check_texts(_with_context(glossary, doc.text, context))
    mine = {e.term: e for e in doc.parsed}
    owners = list(current.entries.values())
    written, joined = forms_batch([v for e in owners for v in e.vi])
    claims: dict[str, tuple[str, str]] = {}
    index = 0
    for entry in owners:
        for _ in entry.vi:
            for form in (written[index], joined[index]):
                claims.setdefault(form, (entry.term, entry.origin))
            index += 1
    plan: dict[str, list[str]] = {}
    for line, vi, en in rows:
        forms = variant_forms(vi)
        known = [claims.get(f) for f in forms]
        other = next((o for o in known if o is not None and o[0] != en), None)
        if other is not None:
            report.problems.append(
                f"{table}:{line}: {vi!r} already belongs to {other[0]!r} ({other[1]}), not {en!r}"
            )
            continue
        if all(o is not None for o in known):
            report.skipped += 1  # already there
            continue
        for form in forms:
            claims[form] = (en, f"{table}:{line}")
        plan.setdefault(en, []).append(vi)
    if report.problems:
        prefix = len(f"{table}:")
        report.problems.sort(key=lambda p: int(p[prefix:].split(":", 1)[0]))
        return report
    if not plan:
        return report
    new_entries = [Entry(term=t, vi=tuple(vs)) for t, vs in plan.items() if t not in mine]
    extended = {t: vs for t, vs in plan.items() if t in mine}
    expected = [
        dataclasses.replace(e, vi=(*e.vi, *extended[e.term])) if e.term in extended else e
        for e in doc.parsed
    ] + new_entries

    def splice() -> list[Edit]:
        edits = [_splice_variants(doc, t, vs) for t, vs in extended.items()]
        if new_entries:
            edits.extend(_splice_entries(doc, new_entries))
        return edits

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        if data.get("entries") is None:
            data["entries"] = CommentedMap()
        for t, vs in extended.items():
            _ruamel_add_variants(data, mine[t], vs)
        for entry in new_entries:
            data["entries"][entry.term] = _ruamel_entry(entry)

    _commit(doc, expected, splice, change, context)
    report.added_entries = [e.term for e in new_entries]
    report.extensions = {
        e.term: current.entries[e.term].origin for e in new_entries if e.term in current.entries
    }
    report.added_variants = sum(len(vs) for vs in plan.values())
    report.written = True
    return report


# ── export ──────────────────────────────────────────────────────────────────────

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def export_terms(glossary: Glossary, fmt: ExportFormat) -> str:
    """The glossary as a two-column table (one `vi,en` row per variant) or TBX-Basic."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for entry in glossary.entries.values():
            for variant in entry.vi:
                writer.writerow([variant, entry.term])
        return out.getvalue()
    if fmt == "tsv":
        return "".join(
            f"{variant}\t{entry.term}\n"
            for entry in glossary.entries.values()
            for variant in entry.vi
        )
    if fmt == "tbx":
        return _tbx(glossary)
    raise ValueError(f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")


def _tbx(glossary: Glossary) -> str:
    """TBX-Basic (TBX v3, ISO 30042:2019, DCA style): one conceptEntry per entry."""
    import xml.etree.ElementTree as ET

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        child = ET.SubElement(parent, tag, attrs)
        if text is not None:
            child.text = _XML_INVALID.sub("", text)
        return child

    lang = f"{{{_XML_NS}}}lang"
    attrs = {"type": "TBX-Basic", "style": "dca", lang: "vi", "xmlns": TBX_NS}
    root = ET.Element("tbx", attrs)
    header = el(root, "tbxHeader")
    desc = el(el(header, "fileDesc"), "sourceDesc")
    names = ", ".join(Path(p).name for p in glossary.files) or "a translit glossary"
    el(desc, "p", f"Exported by translit from {names}")
    body = el(el(root, "text"), "body")
    for number, entry in enumerate(glossary.entries.values(), 1):
        concept = el(body, "conceptEntry", id=f"c{number}")
        if entry.note:
            el(concept, "note", entry.note)
        vi_sec = el(concept, "langSec", **{lang: "vi"})
        for variant in entry.vi:
            el(el(vi_sec, "termSec"), "term", variant)
        en_sec = el(concept, "langSec", **{lang: "en"})
        preferred = el(en_sec, "termSec")
        el(preferred, "term", entry.term)
        el(preferred, "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
        for english in entry.en_variants:
            sec = el(en_sec, "termSec")
            el(sec, "term", english)
            el(sec, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n'
