"""Glossary files: reading, validating, merging and linting `glossaries/*.yaml`.

A glossary file is a YAML mapping (see shared/DESIGN.md, "Glossary file"):

    glossary: world-news      # optional name
    source: vi                # optional, must be vi
    target: en                # optional, must be en
    section: capitals         # optional: the section of every entry (`glossary list --section`)
    entries:
      Moscow:
        vi: [Moskva, Mátxcơva, Mát-xcơ-va]
        en_variants: [Moskva]
        note: capital of Russia
        section: capitals     # optional: this entry's section, if not the file's

The file is composed (not constructed) with PyYAML's C loader, so every problem can
name the exact `file:line:col` of the node at fault, duplicate keys (which PyYAML
would silently collapse) are seen, and a 100,000-entry file still loads in seconds.

Several files layer (the shipped glossary first, a desk's on top): a later file's
entry for a term an earlier file defines extends it (`extend_entry`: its variants and
forms are added, a setting it writes wins), or replaces it when it says `replace: true`.
Two different entries of one file claiming the same variant (after folding case,
tone-mark placement and hyphens, see `fold.variant_forms`) is an error; a later file may
take a variant over from an earlier file's entry (a warning).
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from translit.document import Entry, Glossary
from translit.glossary.compose import YamlLimitError, compose
from translit.glossary.fold import HYPHENS, fold, nfc, variant_forms, without_format

if TYPE_CHECKING:
    from translit.config import Config


TOP_KEYS = ("glossary", "source", "target", "section", "entries")
ENTRY_KEYS = (
    "vi",
    "en",
    "mentions",
    "en_variants",
    "note",
    "case",
    "not_followed_by",
    "not_preceded_by",
    "keep",
    "replace",
    "section",
)
CASES = ("sensitive", "insensitive")
# A section names a part of the glossary (countries, capitals, organisations, leaders):
# `glossary list --section` filters by it. Lowercase words joined by hyphens.
SECTION = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL = _TAG + "str", _TAG + "null", _TAG + "bool"
# Scalars of these resolved types are taken as the text written (`vi: [1984]`).
_TEXT_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "timestamp"))
_KEY_TAGS = _TEXT_TAGS | {_TAG + "merge"}  # `<<` is reported as an unknown key

# Short, common Vietnamese words that are also syllables of place and person names
# (`Anh` is Britain but also "elder brother, you"; `Mỹ` is the US but also "beauty").
# A variant equal to one of these, in an entry with neither `case: sensitive` nor a
# guard word, matches ordinary text: `lint` warns about it.
_COMMON_TEXT = """
    anh em chị ông bà cô chú bác cháu con
    mỹ nga đức pháp ý áo bỉ lào úc nhật hàn séc phi thái trung ấn hoa tây nam bắc đông
    hà lan hồng kim minh hải sơn long bình an hòa thành phúc phú quang quốc dân nhân
    tân tiến hưng thịnh vinh vân xuân thu hạ mai đào lý lê trần ngô vũ võ phạm hồ đinh
    cao chu mạc tô la ba na ma ca đan thụy sĩ tư ninh giang châu chi ai mông cổ triều
    tiên đài loan hương cảng kinh đô luân đôn thổ nhĩ kỳ hy lạp gia đại ả rập uy vương
    liên hợp quân đảng cộng hoàng tử thượng hiệp khối phe nhà trắng điện cung đảo sông
    núi biển tự do bảo hội viện
"""
COMMON_WORDS = frozenset(_COMMON_TEXT.split())
_COMMON_FOLDED = frozenset(fold(nfc(word)) for word in COMMON_WORDS)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic GC while building many small acyclic objects (3x faster at 100k)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class GlossaryError(Exception):
    """A glossary that cannot be used; the message is one line, `file:line:col: message`."""


@dataclass(frozen=True)
class Problem:
    """One lint finding at a 1-based line and column (line 0: the file as a whole)."""

    path: Path
    line: int
    col: int
    severity: Literal["error", "warning"]
    message: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else str(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


@dataclass
class _Parsed:
    """One file's entries, problems, and where each entry and variant was written."""

    path: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    root: Node | None = None  # the composed YAML tree (None when it did not parse)
    # term -> 1-based (line, col) of its key, of each vi item, of each en_variants item
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    vi_at: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    en_at: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # term -> the keys its entry writes (an extension changes only those), and whether
    # it says `replace: true` (it replaces an earlier file's entry instead)
    written: dict[str, frozenset[str]] = field(default_factory=dict)
    replaces: set[str] = field(default_factory=set)

    def place(self, term: str, index: int) -> str:
        line, col = self.vi_at[term][index]
        return f"{self.path}:{line}:{col}"


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        _STR: "a string",
        _NULL: "empty",
        _BOOL: "true/false",
        _TAG + "int": "a number",
        _TAG + "float": "a number",
    }.get(node.tag, f"a {node.tag} value")


CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # not allowed in a variant or term
_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # notes may have lines
_WORD_CHAR = re.compile(r"[^\W_]")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


class _Checker:
    """Validates a composed node tree; collects problems instead of stopping."""

    def __init__(self, path: Path) -> None:
        self.result = _Parsed(path)
        self.path = path
        self.origin = str(path)
        self.section = ""  # the file's `section:`, the default of its entries

    def error(self, node: Node, message: str, severity: str = "error") -> None:
        mark = node.start_mark
        self.result.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, severity, message)  # type: ignore[arg-type]
        )

    def pairs(self, node: MappingNode, owner: str | None) -> list[tuple[str, Node, Node]]:
        """(key text, key node, value node) of a mapping, reporting bad or duplicate keys.

        `owner` is the entry's term, or "" for `entries` and None for the top level.
        """
        seen: dict[str, ScalarNode] = {}
        out: list[tuple[str, Node, Node]] = []
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag not in _KEY_TAGS:
                where = _mapping_name(owner)
                self.error(key, f"{where}: a key must be a plain string, not {_kind(key)}")
                continue
            name = _clean(key.value)
            if name in seen:
                where = _mapping_name(owner)
                first = seen[name].start_mark
                self.error(
                    key,
                    f"duplicate key {name!r} {where} "
                    f"(first at line {first.line + 1}, column {first.column + 1})",
                )
                continue
            seen[name] = key
            out.append((name, key, value))
        return out

    def text(self, node: Node, what: str, allow_newlines: bool = False) -> str | None:
        """A non-empty string value (NFC, stripped), or None after reporting why not."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be a string, not {_kind(node)}")
            return None
        if node.tag == _NULL:
            self.error(node, f"{what} is empty")
            return None
        if node.tag not in _TEXT_TAGS:
            self.error(node, f"{what} must be a string, not {_kind(node)}")
            return None
        value = _clean(node.value)
        if not value:
            self.error(node, f"{what} is an empty string")
            return None
        if allow_newlines and _NOTE_CONTROL.search(value):
            self.error(node, f"{what} {value!r} contains control codes")
            return None
        if not allow_newlines and CONTROL_CHARS.search(value):
            self.error(node, f"{what} {value!r} must be one line, without tabs or control codes")
            return None
        return value

    def texts(
        self, node: Node, name: str, term: str, single_word: bool = False
    ) -> list[str] | None:
        """A list of strings; None (after reporting) if the node is not a list."""
        if not isinstance(node, SequenceNode):
            what = f"{name} of {term!r}"
            hint = ""
            if isinstance(node, ScalarNode) and node.tag != _NULL:
                hint = f" (write {name}: [{node.value}])"
            self.error(node, f"{what} must be a list, not {_kind(node)}{hint}")
            return None
        out: list[str] = []
        ok = True
        for number, item in enumerate(node.value, 1):
            value = None
            if item.tag == _STR and type(item) is ScalarNode:  # the common case, fast
                value = _clean(item.value)
                if not value or CONTROL_CHARS.search(value):
                    value = None
            if value is None:
                value = self.text(item, f"{name} of {term!r}: item {number}")
            if value is None:
                ok = False
                continue
            if single_word and len(value.split()) != 1:
                what = f"{name} of {term!r}: item {number} ({value!r})"
                self.error(item, f"{what} must be a single word")
                ok = False
                continue
            out.append(value)
        return out if ok else None

    def mentions(
        self, node: Node, term: str, items: list[Node]
    ) -> list[tuple[str, tuple[str, ...]]] | None:
        """`mentions:` — a mapping of English forms to the Vietnamese variants that come
        out as that form (`Biden: [Biden, Bai-đơn]`); their item nodes go into `items`."""
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"mentions of {term!r} must be a mapping of English forms to lists of "
                f"Vietnamese variants (Biden: [Biden, Bai-đơn]), not {_kind(node)}",
            )
            return None
        out: list[tuple[str, tuple[str, ...]]] = []
        for english, key, value in self.pairs(node, term):
            if not english or CONTROL_CHARS.search(english):
                self.error(key, f"mentions of {term!r}: {english!r} is not a one-line English form")
                continue
            variants = self.texts(value, f"mentions {english!r}", term)
            if variants is None:
                continue
            if not variants:
                self.error(value, f"mentions of {term!r}: {english!r} lists no variants")
                continue
            items.extend(value.value)  # type: ignore[union-attr]
            out.append((english, tuple(variants)))
        return out

    def section_name(self, node: Node, what: str) -> str | None:
        """A section name (`countries`, `world-news`), or None after reporting why not."""
        value = self.text(node, what)
        if value is not None and not SECTION.fullmatch(value):
            self.error(
                node,
                f"{what} must be lowercase letters or digits joined by hyphens "
                f"(countries, capitals, organisations, leaders), not {value!r}",
            )
            return None
        return value

    def document(self, root: Node | None) -> _Parsed:
        if root is None:
            self.result.problems.append(
                Problem(self.path, 1, 1, "error", "empty file: expected a mapping with `entries:`")
            )
            return self.result
        if not isinstance(root, MappingNode):
            self.error(root, f"the file must be a mapping with `entries:`, not {_kind(root)}")
            return self.result
        entries_node: Node | None = None
        for name, key, value in self.pairs(root, None):
            if name == "entries":
                entries_node = value
            elif name == "glossary":
                self.text(value, "glossary (the glossary's name)")
            elif name == "section":
                self.section = self.section_name(value, "section") or ""
            elif name in ("source", "target"):
                want = "vi" if name == "source" else "en"
                got = self.text(value, name)
                if got is not None and got.lower() != want:
                    self.error(value, f"{name} must be {want!r}, not {got!r}")
            else:
                self.error(key, f"unknown top-level key {name!r}{_suggest(name, TOP_KEYS)}")
        if entries_node is None:
            self.error(root, "missing `entries:` (a mapping of canonical English terms)")
        elif isinstance(entries_node, ScalarNode) and entries_node.tag == _NULL:
            pass  # `entries:` with nothing under it yet: an empty glossary
        elif not isinstance(entries_node, MappingNode):
            self.error(entries_node, f"entries must be a mapping, not {_kind(entries_node)}")
        else:
            for term, key, value in self.pairs(entries_node, ""):
                self.entry(term, key, value)
        return self.result

    def entry(self, term: str, key: Node, node: Node) -> None:
        if not term:
            self.error(key, "an entry's canonical term is an empty string")
            return
        if CONTROL_CHARS.search(term):
            self.error(key, f"canonical term {term!r} must be one line without control characters")
            return
        if not isinstance(node, MappingNode):
            if isinstance(node, ScalarNode) and node.tag == _NULL:
                self.error(node, f"entry {term!r} is empty: give it `vi: [...]` or `keep: true`")
            else:
                self.error(node, f"entry {term!r} must be a mapping, not {_kind(node)}")
            return
        before = len(self.result.problems)
        values: dict[str, object] = {}
        vi_items: list[Node] = []
        vi_node: Node = key
        en_node: Node = key
        mention_items: list[Node] = []
        for name, k, value in self.pairs(node, term):
            if name == "vi":
                values[name] = self.texts(value, name, term)
                vi_node = value
                if isinstance(value, SequenceNode):
                    vi_items = value.value
                    if not value.value:
                        self.error(value, f"vi of {term!r} is an empty list")
            elif name == "en_variants":
                values[name] = self.texts(value, name, term)
                en_node = value
            elif name == "en":
                values[name] = self.texts(value, name, term)
            elif name == "mentions":
                values[name] = self.mentions(value, term, mention_items)
            elif name in ("not_followed_by", "not_preceded_by"):
                values[name] = self.texts(value, name, term, single_word=True)
            elif name == "note":
                values[name] = self.text(value, f"note of {term!r}", allow_newlines=True)
            elif name == "case":
                where = f"case of {term!r}"
                case = self.text(value, where)
                if case is not None and case not in CASES:
                    self.error(value, f"{where} must be `sensitive` or `insensitive`, not {case!r}")
                values[name] = case
            elif name in ("keep", "replace"):
                if not (isinstance(value, ScalarNode) and value.tag == _BOOL):
                    self.error(
                        value, f"{name} of {term!r} must be true or false, not {_kind(value)}"
                    )
                else:
                    values[name] = value.value.lower() in ("true", "yes", "on", "y")
            elif name == "section":
                values[name] = self.section_name(value, f"section of {term!r}")
            else:
                self.error(k, f"unknown key {name!r} in entry {term!r}{_suggest(name, ENTRY_KEYS)}")
        keep = bool(values.get("keep", False))
        mentions: list[tuple[str, tuple[str, ...]]] = values.get("mentions") or []  # type: ignore[assignment]
        if not keep and not mentions and not any(k in values for k in ("vi", "en", "en_variants")):
            self.error(key, f"entry {term!r} has no `vi:` variants (add some, or `keep: true`)")
        vi = values.get("vi")
        mentioned = [v for _, variants in mentions for v in variants]
        items = [*(vi_items if isinstance(vi, list) else []), *mention_items]
        plain_items = vi if isinstance(vi, list) else []
        for item, variant in zip(items, [*plain_items, *mentioned], strict=True):
            if not _WORD_CHAR.search(variant):
                self.error(item, f"variant {variant!r} of {term!r} has no letters or digits")
        if len(self.result.problems) > before:
            return
        mark = key.start_mark
        here = self.result.keys[term] = (mark.line + 1, mark.column + 1)
        self.result.written[term] = frozenset(values)
        if values.get("replace"):
            self.result.replaces.add(term)
        plain: tuple[str, ...] = tuple(vi) if isinstance(vi, list) else ()
        if vi is None and keep:
            plain = (term,)
        variants = plain + tuple(mentioned)
        self.result.vi_at[term] = [
            *(_positions(vi_node, here) if plain and vi is not None else [here] * len(plain)),
            *_positions_of(mention_items),
        ]
        self.result.en_at[term] = _positions(en_node, here)
        self.result.entries.append(
            Entry(
                term=term,
                vi=variants,
                en_variants=tuple(values.get("en_variants") or ()),  # type: ignore[arg-type]
                note=values.get("note") or "",  # type: ignore[arg-type]
                case_sensitive=values.get("case") == "sensitive",
                not_followed_by=tuple(values.get("not_followed_by") or ()),  # type: ignore[arg-type]
                not_preceded_by=tuple(values.get("not_preceded_by") or ()),  # type: ignore[arg-type]
                keep=keep,
                origin=f"{self.origin}:{mark.line + 1}",
                en=tuple(values.get("en") or ()),  # type: ignore[arg-type]
                mentions=tuple(mentions),
                section=values.get("section") or self.section,  # type: ignore[arg-type]
            )
        )


def _positions_of(items: Sequence[Node]) -> list[tuple[int, int]]:
    return [(item.start_mark.line + 1, item.start_mark.column + 1) for item in items]


def _mapping_name(owner: str | None) -> str:
    if owner is None:
        return "at the top level"
    return f"in entry {owner!r}" if owner else "in entries"


def _positions(node: Node, default: tuple[int, int]) -> list[tuple[int, int]]:
    """1-based (line, col) of each item of a list node; [default] if it is no list."""
    if not isinstance(node, SequenceNode):
        return [default]
    return [(item.start_mark.line + 1, item.start_mark.column + 1) for item in node.value]


def _suggest(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (allowed: {', '.join(known)})"


@_no_gc()
def _parse_text(text: str, path: Path) -> _Parsed:
    try:
        root = compose(text)
    except YamlLimitError as err:
        parsed = _Parsed(path)
        where = (err.line, err.col) if err.line else (1, 1)
        parsed.problems.append(Problem(path, *where, "error", f"invalid YAML: {err}"))
        return parsed
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        if err.context and err.problem:
            problem = f"{problem} ({err.context})"
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        parsed = _Parsed(path)
        parsed.problems.append(Problem(path, line, col, "error", f"invalid YAML: {problem}"))
        return parsed
    except yaml.YAMLError as err:  # a ReaderError: a character YAML does not allow
        parsed = _Parsed(path)
        pos = getattr(err, "position", None)
        line, col = 1, 1
        if isinstance(pos, int) and 0 <= pos <= len(text):
            line, col = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        char = getattr(err, "character", None)
        code = ord(char) if isinstance(char, str) and len(char) == 1 else char
        what = f"character U+{code:04X}" if isinstance(code, int) else "a character"
        message = f"invalid YAML: {what} is not allowed in a YAML file"
        parsed.problems.append(Problem(path, line, col, "error", message))
        return parsed
    parsed = _Checker(path).document(root)
    parsed.root = root
    return parsed


def _read(path: Path) -> str | Problem:
    """The file's text, or a Problem saying why it cannot be read."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # a named pipe would be waited on for ever, a device read without end
        return Problem(path, 0, 0, "error", "not a regular file (a named pipe or a device)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Problem(path, 0, 0, "error", "no such file")
    except IsADirectoryError:
        return Problem(path, 0, 0, "error", "is a directory, not a glossary file")
    except OSError as err:
        return Problem(path, 0, 0, "error", f"cannot read ({err.strerror})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return Problem(path, line, col, "error", f"not UTF-8 (byte 0x{data[err.start]:02x})")


def _parse_path(path: Path) -> _Parsed:
    text = _read(path)
    if isinstance(text, Problem):
        return _Parsed(path, problems=[text])
    return _parse_text(text, path)


def parse_glossary_text(text: str, path: Path) -> tuple[list[Entry], list[Problem]]:
    """Entries and problems of glossary `text` (reported as coming from `path`)."""
    entries, problems, _ = parse_glossary_tree(text, path)
    return entries, problems


def parse_glossary_tree(text: str, path: Path) -> tuple[list[Entry], list[Problem], Node | None]:
    """`parse_glossary_text` plus the YAML node tree it composed (for editors)."""
    parsed = _parse_text(text, Path(path))
    return parsed.entries, parsed.problems, parsed.root


def parse_glossary_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Entries of one glossary file, and every problem found in it (errors only).

    Entries with an error are left out; warnings come from `lint_glossaries`.
    """
    parsed = _parse_path(Path(path))
    return parsed.entries, parsed.problems


@dataclass
class _Merged:
    """Entries merged across files, and the files that define each."""

    entries: dict[str, Entry] = field(default_factory=dict)
    # term -> the files that define it, in order (the first is the base, later extend it)
    defined: dict[str, list[_Parsed]] = field(default_factory=dict)


def _union(*lists: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for items in lists for item in items))


def extend_entry(base: Entry, more: Entry, written: Collection[str]) -> Entry:
    """`base` (an earlier file's entry) extended by `more` (a later file's entry for the
    same term, writing the keys `written`): lists are joined, and a setting the later
    entry writes (note, case, keep, section) wins; a later file's own `section:` does
    not move an entry it only extends."""
    mentions: dict[str, tuple[str, ...]] = dict(base.mentions)
    for english, variants in more.mentions:
        mentions[english] = _union(mentions.get(english, ()), variants)
    return dataclasses.replace(
        base,
        vi=_union(base.vi, more.vi),
        en=_union(base.en, more.en),
        en_variants=_union(base.en_variants, more.en_variants),
        mentions=tuple(mentions.items()),
        not_followed_by=_union(base.not_followed_by, more.not_followed_by),
        not_preceded_by=_union(base.not_preceded_by, more.not_preceded_by),
        note=more.note if "note" in written else base.note,
        case_sensitive=more.case_sensitive if "case" in written else base.case_sensitive,
        keep=more.keep if "keep" in written else base.keep,
        section=more.section if "section" in written else base.section,
        origin=more.origin,
    )


def _merge(parsed: Iterable[_Parsed]) -> _Merged:
    """Entries by term: a later file's entry for a term an earlier file defines extends
    it (`extend_entry`), or replaces it when it says `replace: true`."""
    merged = _Merged()
    for part in parsed:
        for entry in part.entries:
            term = entry.term
            base = merged.entries.get(term)
            if base is None or term in part.replaces:
                merged.entries[term] = entry
                merged.defined[term] = [*merged.defined.get(term, []), part]
                continue
            merged.entries[term] = extend_entry(base, entry, part.written.get(term, frozenset()))
            merged.defined[term].append(part)
    return merged


_DELETE_HYPHENS = str.maketrans("", "", HYPHENS)
# Whitespace other than one plain space (the common case, left alone: faster).
_INNER_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_EDGE_SPACE = re.compile(r" \n ?|\n ")


def _fold_lines(text: str) -> list[str]:
    text = _EDGE_SPACE.sub("\n", _INNER_SPACE.sub(" ", fold(without_format(text))))
    return text.strip(" ").split("\n")


def forms_batch(variants: Sequence[str]) -> tuple[list[str], list[str]]:
    """`fold.variant_forms(v, lower=True)` of many variants at once, same keys.

    Returns two lists: the form as written and the form with hyphens removed (equal
    to the first unless the variant is hyphenated). Variants must be NFC, stripped
    and one line, as parsed glossaries hold them: folding them joined by newlines
    costs two passes over the text instead of a call per variant.
    """
    if not variants:
        return [], []
    if any("\u0130" in v for v in variants):
        # İ is the one character whose lowercase is two characters; fold() then
        # lowercases char by char, which changes context-dependent forms (final ς)
        # for the whole text. Rare: fold those batches one variant at a time.
        pairs = [variant_forms(v) for v in variants]
        return [p[0] for p in pairs], [p[-1] for p in pairs]
    written = _fold_lines("\n".join(variants))
    joined = list(written)
    hyphenated = [i for i, v in enumerate(variants) if any(h in v for h in HYPHENS)]
    if hyphenated:
        text = "\n".join(variants[i] for i in hyphenated).translate(_DELETE_HYPHENS)
        for i, form in zip(hyphenated, _fold_lines(text), strict=True):
            joined[i] = form
    return written, joined


@_no_gc()
def _conflicts(
    merged: _Merged, files: Sequence[_Parsed]
) -> tuple[list[Problem], set[tuple[str, int]]]:
    """Variants claimed by two different entries.

    Within one file that is an error. A later file may take a variant over from an
    earlier file's entry (a desk glossary layered on the shipped one): that is a
    warning, and the variant is returned in the second set as (earlier term, index in
    the merged entry) so the merged glossary drops it from the earlier entry.
    """
    owners = [
        (part, entry, local)
        for part in files
        for entry in part.entries
        for local in range(len(entry.vi))
        if entry.vi[local] in merged.entries[entry.term].vi  # not replaced by a later file
    ]
    written, joined = forms_batch([entry.vi[local] for _, entry, local in owners])
    in_file: dict[tuple[int, str], tuple[Entry, int]] = {}
    claims: dict[str, tuple[_Parsed, Entry, int]] = {}
    problems: list[Problem] = []
    taken: set[tuple[str, int]] = set()
    for (part, entry, local), form_a, form_b in zip(owners, written, joined, strict=True):
        term, variant = entry.term, entry.vi[local]
        line, col = part.vi_at[term][local]
        for form in (form_a, form_b):
            first, first_local = in_file.setdefault((id(part), form), (entry, local))
            if first.term != term:
                message = (
                    f"variant {variant!r} of {term!r} is already claimed by {first.term!r} "
                    f"(as {first.vi[first_local]!r} at {part.place(first.term, first_local)})"
                )
                problems.append(Problem(part.path, line, col, "error", message))
                break  # one report per variant
            there, other, other_local = claims.setdefault(form, (part, entry, local))
            other_variant = other.vi[other_local]
            owner = (other.term, merged.entries[other.term].vi.index(other_variant))
            if other.term == term or owner in taken:
                continue
            message = (
                f"variant {variant!r} of {term!r} takes over {other_variant!r} "
                f"from {other.term!r} ({there.place(other.term, other_local)})"
            )
            problems.append(Problem(part.path, line, col, "warning", message))
            taken.add(owner)
            claims[form] = (part, entry, local)
    return problems, taken


def _without(merged: dict[str, Entry], taken: set[tuple[str, int]]) -> dict[str, Entry]:
    """The merged entries minus the variants later files took over."""
    if not taken:
        return merged
    result = dict(merged)
    for term in {t for t, _ in taken}:
        entry = merged[term]
        keep = tuple(v for i, v in enumerate(entry.vi) if (term, i) not in taken)
        result[term] = dataclasses.replace(entry, vi=keep)
    return result


def _raise_first_error(part: _Parsed) -> None:
    for problem in part.problems:
        if problem.severity == "error":
            raise GlossaryError(f"{problem.where}: {problem.message}")


def _check(parsed: Sequence[_Parsed]) -> Glossary:
    for part in parsed:
        _raise_first_error(part)
    merged = _merge(parsed)
    conflicts, taken = _conflicts(merged, parsed)
    errors = [c for c in conflicts if c.severity == "error"]
    if errors:
        raise GlossaryError(f"{errors[0].where}: {errors[0].message}")
    return Glossary(
        entries=_without(merged.entries, taken), files=tuple(part.path for part in parsed)
    )


def load_glossaries(paths: Sequence[Path]) -> Glossary:
    """Read and layer glossary files: later files extend (or replace) earlier entries.

    Raises GlossaryError (one line, `file:line:col: message`) on the first error,
    including two different entries of one file claiming one variant; a later file's
    entry extends (or with `replace: true` replaces) an earlier file's entry for the same
    term, and may take a variant over from another entry. `Entry.origin` says which file
    (and line) last defined each entry.
    """
    parsed = []
    for path in paths:
        part = _parse_path(Path(path))
        _raise_first_error(part)  # stop at the first broken file, before reading the next
        parsed.append(part)
    return _check(parsed)


def in_sections(glossary: Glossary, sections: Sequence[str]) -> list[Entry]:
    """The glossary's entries in any of `sections` (all entries when none is given).

    Raises ValueError naming the sections there are when one of `sections` has no entry
    (a typo would otherwise list nothing).
    """
    entries = list(glossary.entries.values())
    if not sections:
        return entries
    present = sorted({e.section for e in entries if e.section})
    unknown = [s for s in dict.fromkeys(sections) if s not in present]
    if unknown:
        there = f"the sections are {', '.join(present)}" if present else "no entry has a section"
        raise ValueError(f"no entries in section {', '.join(map(repr, unknown))}; {there}")
    wanted = set(sections)
    return [e for e in entries if e.section in wanted]


def check_texts(texts: Sequence[tuple[Path, str]]) -> Glossary:
    """`load_glossaries` over (path, text) pairs not yet written (used before editing)."""
    return _check([_parse_text(text, Path(path)) for path, text in texts])


def definitions(paths: Sequence[Path], term: str) -> list[Entry]:
    """Every definition of `term` in the files, in order (the last one wins)."""
    found: list[Entry] = []
    for path in paths:
        entries, _ = parse_glossary_file(Path(path))
        found.extend(e for e in entries if e.term == term)
    return found


def lint_glossaries(paths: Sequence[Path]) -> list[Problem]:
    """Every error and warning in the files (and across them), in file order.

    Errors: unreadable files, invalid YAML, unknown keys, wrong types, empty strings,
    duplicate keys, two entries claiming one variant. Warnings: a variant that is a
    common Vietnamese word in an entry with neither `case: sensitive` nor a guard, an
    `en_variants` item equal to the term or to another entry's term, a variant or
    English variant listed twice in one entry.
    """
    return lint_counted(paths)[0]


def lint_counted(paths: Sequence[Path]) -> tuple[list[Problem], int]:
    """`lint_glossaries` and the number of entries read from all the files."""
    parsed = [_parse_path(Path(p)) for p in paths]
    merged = _merge(parsed)
    problems = [p for part in parsed for p in part.problems]
    problems.extend(_conflicts(merged, parsed)[0])
    problems.extend(_layer_warnings(merged))
    accepted = {form: e.term for e in merged.entries.values() for form in e.accepted}
    for part in parsed:
        written, joined = forms_batch([v for entry in part.entries for v in entry.vi])
        start = 0
        for entry in part.entries:
            end = start + len(entry.vi)
            forms = list(zip(written[start:end], joined[start:end], strict=True))
            problems.extend(_warnings(entry, part, accepted, forms))
            start = end
    order = {Path(p): i for i, p in enumerate(paths)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.col))
    return problems, sum(len(part.entries) for part in parsed)


def _layer_warnings(merged: _Merged) -> list[Problem]:
    """Where a later file replaces an earlier file's entry (`replace: true`) or changes
    one of its settings (case, keep), or says `replace` with nothing to replace."""
    out: list[Problem] = []
    for term, parts in merged.defined.items():
        for earlier, later in zip(parts, parts[1:], strict=False):
            line, col = later.keys[term]
            base = next(e for e in earlier.entries if e.term == term)
            mine = next(e for e in later.entries if e.term == term)
            where = f"{earlier.path}:{earlier.keys[term][0]}"
            written = later.written.get(term, frozenset())
            if term in later.replaces:
                lost = [v for v in base.vi if v not in mine.vi]
                what = (
                    f"; its variants {', '.join(map(repr, lost))} no longer match" if lost else ""
                )
                message = f"{term!r} replaces the entry of {where}{what}"
            elif "case" in written and mine.case_sensitive != base.case_sensitive:
                case = "sensitive" if mine.case_sensitive else "insensitive"
                message = f"{term!r} extends the entry of {where} and overrides its case ({case})"
            elif "keep" in written and mine.keep != base.keep:
                message = (
                    f"{term!r} extends the entry of {where} and overrides its keep ({mine.keep})"
                )
            else:
                continue
            out.append(Problem(later.path, line, col, "warning", message))
        first = parts[0]
        if term in first.replaces:
            line, col = first.keys[term]
            message = f"{term!r} says replace: true, but no earlier glossary defines it"
            out.append(Problem(first.path, line, col, "warning", message))
        elif not merged.entries[term].vi and not merged.entries[term].keep:
            line, col = first.keys[term]
            message = (
                f"{term!r} has no vi variants here and extends no earlier entry: it matches nothing"
            )
            out.append(Problem(first.path, line, col, "warning", message))
    return out


def _warnings(
    entry: Entry, part: _Parsed, accepted: dict[str, str], forms: list[tuple[str, str]]
) -> list[Problem]:
    """Warnings for one entry; `forms` are its variants' folded forms (forms_batch);
    `accepted` maps every accepted English form of the merged glossary to its entry."""
    out: list[Problem] = []
    term = entry.term

    def warn(at: tuple[int, int], message: str) -> None:
        out.append(Problem(part.path, at[0], at[1], "warning", message))

    guarded = entry.case_sensitive or entry.not_followed_by or entry.not_preceded_by
    seen: dict[str, str] = {}
    vi_at, en_at = part.vi_at[term], part.en_at[term]
    for index, (variant, (folded, joined)) in enumerate(zip(entry.vi, forms, strict=True)):
        if not guarded and folded in _COMMON_FOLDED:
            warn(
                vi_at[index],
                f"variant {variant!r} of {term!r} is a common Vietnamese word: add "
                "`case: sensitive` or a guard (not_followed_by / not_preceded_by)",
            )
        if entry.case_sensitive:
            keys = variant_forms(variant, lower=False)
        else:
            keys = [folded] if folded == joined else [folded, joined]
        for form in keys:
            if form in seen:
                warn(vi_at[index], f"variant {variant!r} of {term!r} repeats {seen[form]!r}")
                break
            seen[form] = variant
    seen_en: set[str] = set()
    for index, english in enumerate(entry.en_variants):
        at = en_at[min(index, len(en_at) - 1)]
        if english == term:
            warn(at, f"en_variants of {term!r} lists the term itself ({english!r})")
        elif english in entry.accepted:
            warn(
                at,
                f"en_variants of {term!r} lists {english!r}, which its en or mentions "
                "accept: it is never rewritten",
            )
        elif english in accepted:
            owner = accepted[english]
            whose = "another entry's term" if owner == english else f"accepted by {owner!r}"
            warn(at, f"en_variants of {term!r} lists {english!r}, {whose}: it is never rewritten")
        if english in seen_en:
            warn(at, f"en_variants of {term!r} lists {english!r} twice")
        seen_en.add(english)
    return out


def _packaged_dir() -> Path | None:
    """Where the shipped glossaries are: in the wheel, or at the checkout's root."""
    here = Path(__file__).resolve().parent.parent  # the translit package
    installed = here / "glossaries"  # wheel: packaged as translit/glossaries/*.yaml
    if installed.is_dir():
        return installed
    checkout = here.parent / "glossaries"  # source checkout or editable install
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    return None


def shipped_glossaries() -> list[Path]:
    """The glossaries shipped with translit (`glossaries/*.yaml`), sorted by name."""
    folder = _packaged_dir()
    if folder is None:
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def selected_glossaries(
    given: Sequence[Path] | None = None, no_shipped: bool = False, config: Config | None = None
) -> list[Path]:
    """`default_glossaries` for a command: the -g files `given`, `--no-shipped-glossary`,
    and translit.toml in the working directory (ConfigError if it is unusable)."""
    from translit.config import load_config

    return default_glossaries(config or load_config(), given or (), shipped=not no_shipped)


def default_glossaries(
    config: Config, given: Sequence[Path] = (), shipped: bool = True
) -> list[Path]:
    """The glossary files a command uses, in order, each once: the shipped glossaries
    (unless `shipped` is False or the config says `shipped_glossary = false`), then
    `given` (the -g files), else the config's `glossaries`. A later file's entries
    extend (or, with `replace: true`, replace) an earlier file's."""
    files = [*(shipped_glossaries() if shipped and config.shipped_glossary else [])]
    files += list(given) or list(config.glossaries)
    seen: set[Path] = set()
    out = []
    for path in files:
        key = Path(path).resolve()
        if key not in seen:
            seen.add(key)
            out.append(Path(path))
    return out
