"""Reading articles: bytes → normalized text → paragraphs, and atomic file writes.

Input is UTF-8 (a BOM is fine; UTF-16 with a BOM is converted), line endings become
"\\n" and text is NFC-normalized. Anything else is refused with an `InputError`
whose message names the file, so the caller can print one line and go on.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from translit.document import Document, Layout

ARTICLE_SUFFIXES = (".txt", ".md")

# A line ending like this closes its sentence; a line break after it is a hard break.
_LINE_CLOSED = re.compile(r"[.!?…:;][\"”’)\]»]*$")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$")


class InputError(Exception):
    """A file that cannot be used as given; the message is one line naming the file."""


def decode_text(data: bytes, name: str) -> str:
    """Decode article bytes to normalized text (NFC, "\\n" line ends, no BOM).

    Raises InputError for binary data and text that is not UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: damaged UTF-16 text ({err.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file, not a text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: not UTF-8 (invalid byte 0x{data[err.start]:02x} at offset "
                f"{err.start}); save it as UTF-8 and run again"
            ) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_paragraphs(text: str, markdown: bool = False) -> tuple[list[str], Layout]:
    """Split article text into paragraphs and say how they were separated.

    If the text has blank lines, paragraphs are the blank-line separated blocks
    ("blank" layout); inside a block a line that does not close its sentence and is
    followed by a lowercase line is a soft wrap (joined with a space), any other line
    break is kept as a hard break. Without blank lines every line is a paragraph
    ("line" layout). Whitespace-only lines count as blank. In Markdown every line
    break inside a block is a soft wrap and `#` heading markers are dropped.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    if markdown:
        lines = [_MD_HEADING.sub(r"\1", line) for line in lines]
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        return [], "blank"
    if "\n\n" in body:  # lines were right-stripped, so blank lines are empty
        blocks = re.split(r"\n{2,}", body)
        join = _join_lines if markdown else _join_soft_wraps
        return [join(block) for block in blocks if block.strip()], "blank"
    return [line.strip() for line in body.split("\n") if line.strip()], "line"


def _join_lines(block: str) -> str:
    return " ".join(line.strip() for line in block.split("\n") if line.strip())


def _join_soft_wraps(block: str) -> str:
    out: list[str] = []
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and not _LINE_CLOSED.search(out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def read_article(path: Path) -> Document:
    """Read one article file into a Document (paragraphs set, not yet segmented)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    text = decode_text(data, str(path))
    paragraphs, layout = split_paragraphs(text, markdown=path.suffix.lower() == ".md")
    return Document(id=path.stem, path=path, paragraphs=paragraphs, layout=layout)


def find_articles(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and directories into article paths (.txt and .md), in order.

    A directory contributes its own .txt/.md files (not subdirectories), sorted by
    name, except our own `*.en.txt` outputs (so an output directory may be the input
    directory). A named file is taken as given whatever its suffix. A file named twice
    is taken once. Raises InputError for a path that does not exist.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            for child in sorted(item.iterdir()):
                if not child.is_file() or child.suffix.lower() not in ARTICLE_SUFFIXES:
                    continue
                if not child.name.endswith(".en.txt"):
                    found.setdefault(child.resolve(), child)
        elif item.exists():
            found.setdefault(item.resolve(), item)
        else:
            raise InputError(f"{item}: no such file or directory")
    return list(found.values())


def write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8, "\\n" line ends) to path via a temp file and a rename.

    Readers see the old file or the new one, never a half-written one. The file
    keeps its permissions (a new one gets the umask's).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600: give it the old file's mode, else the umask's
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
