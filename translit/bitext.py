"""Any bilingual text as a Document, so `translit check` judges it like a review file.

Two line-aligned UTF-8 files (Vietnamese, English; line n of one is the translation of
line n of the other) or one two-column TSV file (Vietnamese, a tab, English; no
quoting) give one segment per line, keyed by its line number. A line with neither
source nor English is skipped; every other line is checked as a finished translation
(an empty English is reported as `empty`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from translit.document import Document, Segment
from translit.io import InputError, decode_text, read_bytes


def _bytes(path: Path) -> bytes:
    if path.is_dir():  # (read_bytes opens a directory on Linux before it can tell)
        raise InputError(f"{path}: is a directory, not a text file")
    return read_bytes(path)


def _split(text: str) -> list[str]:
    """Lines of text ("\n" ends; the newline ending the last line is not a line), with
    trailing whitespace removed, as sacrebleu reads them."""
    if text.endswith("\n"):
        text = text[:-1]
    return [line.rstrip() for line in text.split("\n")] if text else []


def read_lines(path: Path) -> list[str]:
    """A UTF-8 text file's lines (a BOM, CRLF and CR line ends accepted; trailing
    whitespace removed, as sacrebleu reads them). InputError names the file."""
    data = _bytes(path)
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[err.start]:02x} on line {line}); "
            "save it as UTF-8 and run again"
        ) from None
    return _split(text.replace("\r\n", "\n").replace("\r", "\n"))


def _source_lines(path: Path, from_encoding: str | None = None) -> list[str]:
    """A Vietnamese file's lines: UTF-8, or the legacy encoding `from_encoding` names
    (refused with a hint when it is not named: `io.decode_text`), NFC."""
    return _split(decode_text(_bytes(path), str(path), from_encoding))


def _pairs_from_tsv(path: Path, from_encoding: str | None) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(_source_lines(path, from_encoding), 1):
        if not line.strip():
            pairs.append(("", ""))
            continue
        columns = line.split("\t")
        if len(columns) != 2:
            raise InputError(
                f"{path}:{number}: {len(columns)} tab-separated columns; a bilingual TSV "
                "has two per line: Vietnamese, a tab, English"
            )
        pairs.append((columns[0], columns[1]))
    return pairs


def _pairs_from_two(source: Path, target: Path, from_encoding: str | None) -> list[tuple[str, str]]:
    vi = _source_lines(source, from_encoding)
    en = [unicodedata.normalize("NFC", line) for line in read_lines(target)]
    if len(vi) != len(en):
        raise InputError(
            f"{source} has {len(vi)} lines and {target} has {len(en)}: not line-aligned "
            "(one sentence per line in both)"
        )
    return list(zip(vi, en, strict=True))


def read_bitext(paths: Sequence[Path], from_encoding: str | None = None) -> Document:
    """A bilingual text as a Document: `[SOURCE, TARGET]` (two line-aligned files) or
    `[FILE.tsv]` (two tab-separated columns). Segment keys are line numbers ("12").
    `from_encoding` names the legacy encoding of the Vietnamese (the TSV file, or
    SOURCE) if it is not UTF-8; the English of two files is always UTF-8.

    Raises InputError (one line, naming the file) for a file that cannot be read, files
    whose line counts differ, or a TSV line without exactly two columns.
    """
    if len(paths) == 1:
        pairs = _pairs_from_tsv(paths[0], from_encoding)
    elif len(paths) == 2:
        pairs = _pairs_from_two(paths[0], paths[1], from_encoding)
    else:
        raise InputError(
            "--bitext takes SOURCE TARGET (two line-aligned files) or one two-column .tsv file"
        )
    name = paths[-1]
    doc = Document(id=name.stem, path=name, paragraphs=[])
    for number, (vi, en) in enumerate(pairs, 1):
        vi, en = vi.strip(), en.strip()
        if not vi and not en:
            continue
        doc.paragraphs.append(vi)
        doc.segments.append(
            Segment(
                key=str(number),
                source=vi,
                paragraph=len(doc.paragraphs),
                start=0,
                end=len(vi),
                target=en,
                origin="reviewed",
            )
        )
    return doc
