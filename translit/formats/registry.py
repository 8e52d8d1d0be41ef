"""The one list of the file formats translit reads (articles) and writes (per article).

A format is named here once, with the suffixes it claims and what it needs; the
pipeline, `translit build`, the CLI's help text and the README's tables (checked by
a test) all come from these two tuples. Modules are imported by name only when a
file of theirs is read or written, so a format's heavy dependency (trafilatura,
python-docx) costs nothing to a run that does not use it.

A writer module exposes `SUFFIX` and `render(doc: Document, run: RunInfo) -> str |
bytes`; a reader is a function `read(path: Path, from_encoding: str | None) ->
Document` (paragraphs set, not yet segmented).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from translit.io import InputError

if TYPE_CHECKING:
    from translit.document import Document


@dataclass(frozen=True)
class Requirement:
    """A package a format imports: its import name and the name pip installs."""

    module: str
    pip: str


def _check(needs: Sequence[Requirement], what: str, path: Path) -> None:
    """InputError naming the file when a package the format needs does not import."""
    for need in needs:
        try:
            importlib.import_module(need.module)
        except ImportError as err:
            pips = " ".join(n.pip for n in needs)
            raise InputError(
                f"{path}: {what} needs {need.pip}, which does not import ({err}); "
                f"pip install {pips}"
            ) from None


@dataclass(frozen=True)
class Writer:
    """A file written per article: `<id><suffix>`."""

    name: str  # what --format calls it
    suffix: str  # after the article id
    module: str  # the module with SUFFIX and render()
    what: str  # one line for the help and the README
    default: bool = False  # translate writes it unless --format says otherwise
    build: bool = False  # build rebuilds it unless --format says otherwise
    needs: tuple[Requirement, ...] = ()

    def load(self, path: Path) -> ModuleType:
        """The writer's module; InputError naming `path` if what it needs is missing."""
        _check(self.needs, f"writing {self.name}", path)
        return importlib.import_module(self.module)


@dataclass(frozen=True)
class Reader:
    """Articles read from files with one of `suffixes`."""

    name: str
    suffixes: tuple[str, ...]  # lowercase, with the dot
    function: str  # "module:function", called as function(path, from_encoding)
    what: str  # one line for the help and the README
    # writers added to the defaults for an article of this kind (Word in, Word out)
    outputs: tuple[str, ...] = ()
    needs: tuple[Requirement, ...] = ()

    def read(self, path: Path, from_encoding: str | None = None) -> Document:
        """Read one article (InputError naming the file when it cannot be used)."""
        _check(self.needs, f"reading {self.what}", path)
        module, _, function = self.function.partition(":")
        read: Callable[[Path, str | None], Document] = getattr(
            importlib.import_module(module), function
        )
        return read(path, from_encoding)


_PYTHON_DOCX = Requirement("docx", "python-docx")
_TRAFILATURA = (
    Requirement("lxml_html_clean", "lxml_html_clean"),
    Requirement("trafilatura", "trafilatura"),
)

WRITERS: tuple[Writer, ...] = (
    Writer("po", ".po", "translit.formats.po", "the review master (gettext PO)", default=True),
    Writer("txt", ".en.txt", "translit.formats.txt", "the English article", True, True),
    Writer("html", ".html", "translit.formats.html", "side-by-side review page", True, True),
    Writer("md", ".md", "translit.formats.md", "side-by-side Markdown table", build=True),
    Writer("tsv", ".tsv", "translit.formats.tsv", "table for spreadsheets"),
    Writer("tmx", ".tmx", "translit.formats.tmx", "translation memory (TMX 1.4b)"),
    Writer("xliff", ".xlf", "translit.formats.xliff", "XLIFF 2.0 for CAT tools"),
    Writer(
        "docx",
        ".en.docx",
        "translit.formats.word",
        "the English article as a Word file, structured as the source",
        needs=(_PYTHON_DOCX,),
    ),
)

READERS: tuple[Reader, ...] = (
    Reader("txt", (".txt",), "translit.io:read_article", "plain text"),
    Reader("md", (".md",), "translit.io:read_article", "Markdown"),
    Reader(
        "html",
        (".html", ".htm"),
        "translit.formats.webpage:read",
        "saved web pages",
        needs=_TRAFILATURA,
    ),
    Reader(
        "docx",
        (".docx",),
        "translit.formats.word:read",
        "Word files",
        outputs=("docx",),
        needs=(_PYTHON_DOCX,),
    ),
)

WRITER_NAMES = tuple(w.name for w in WRITERS)
DEFAULT_FORMATS = tuple(w.name for w in WRITERS if w.default)
BUILD_FORMATS = tuple(w.name for w in WRITERS if w.build)
ARTICLE_SUFFIXES = tuple(s for r in READERS for s in r.suffixes)


def writer(name: str) -> Writer:
    """The writer called `name` (KeyError if there is none)."""
    for w in WRITERS:
        if w.name == name:
            return w
    raise KeyError(name)


def reader_for(path: Path) -> Reader:
    """The reader of a file by its suffix; plain text for a suffix no reader claims
    (a file named on the command line is taken as given)."""
    suffix = path.suffix.lower()
    for r in READERS:
        if suffix in r.suffixes:
            return r
    return READERS[0]


def read_document(path: Path, from_encoding: str | None = None) -> Document:
    """Read one article with the reader its suffix calls for (not yet segmented)."""
    return reader_for(path).read(path, from_encoding)


FORMAT_ALIASES = {"xlf": "xliff"}  # the file suffix of a format, where it differs


def parse_formats(spec: str) -> tuple[str, ...]:
    """`po,txt,html` or `all` → writer names, in the order given (InputError if unknown);
    `xlf` is `xliff`."""
    names = [name.strip().lower() for name in spec.split(",") if name.strip()]
    names = [FORMAT_ALIASES.get(name, name) for name in names]
    if names == ["all"]:
        return WRITER_NAMES
    unknown = [name for name in names if name not in WRITER_NAMES]
    if unknown or not names:
        what = f"unknown format {', '.join(map(repr, unknown))}" if unknown else "no format"
        raise InputError(f"{what}: choose from {', '.join(WRITER_NAMES)}, or all")
    return tuple(dict.fromkeys(names))


def formats_for(source: Path, chosen: Sequence[str] | None, base: Sequence[str]) -> tuple[str, ...]:
    """The writers for one article: `chosen` as given; without a choice, `base` (the
    defaults of translate or build) and the ones its reader adds (a Word article gets
    its `.en.docx`)."""
    if chosen is not None:
        return tuple(chosen)
    return tuple(dict.fromkeys([*base, *reader_for(source).outputs]))


def output_paths(output_dir: Path, article_id: str, formats: Iterable[str]) -> dict[str, Path]:
    """Where each writer puts an article's file: `output_dir/<id><suffix>`."""
    return {name: output_dir / f"{article_id}{writer(name).suffix}" for name in formats}


def suffix_list() -> str:
    """The article suffixes for messages and help: `.txt, .md, .html, .htm, .docx`."""
    return ", ".join(ARTICLE_SUFFIXES)


def formats_help() -> str:
    """The --format help of translate, from the writers."""
    extra = [f"{w} for {r.what}" for r in READERS for w in r.outputs]
    return (
        f"Files to write per article, comma-separated: {', '.join(WRITER_NAMES)}, or all "
        f"[default: translit.toml's formats, else {','.join(DEFAULT_FORMATS)}"
        + (f", and {', '.join(extra)}" if extra else "")
        + "]."
    )


def build_formats_help() -> str:
    """The --format help of build, from the writers."""
    extra = [f"{w} for {r.what}" for r in READERS for w in r.outputs]
    return (
        "Files to rebuild, comma-separated (not po) "
        f"[default: {','.join(BUILD_FORMATS)}"
        + (f", and {', '.join(extra)}" if extra else "")
        + "]."
    )
