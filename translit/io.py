"""Reading articles: bytes → normalized text → paragraphs, and atomic file writes.

Input is UTF-8 (a BOM is fine; UTF-16 with a BOM is converted), line endings become
"\\n" and text is NFC-normalized. Legacy Vietnamese encodings are converted when the
caller names one (see `translit.legacy`). Anything else is refused with an
`InputError` whose message names the file, so the caller can print one line and go on.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path

from translit import legacy
from translit.document import Document, Layout

# An article larger than this is refused: a long news article is 50 KB, a whole book
# about 2 MB; past this a file is a mistake (a log, a dump) that would fill memory.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

# A line ending like this closes its sentence; a line break after it is a hard break.
_LINE_CLOSED = re.compile(r"[.!?…:;][\"”’)\]»]*$")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$")


class InputError(Exception):
    """A file that cannot be used as given; the message is one line naming the file."""


def decode_text(data: bytes, name: str, from_encoding: str | None = None) -> str:
    """Decode article bytes to normalized text (NFC, "\\n" line ends, no BOM).

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are. Text in a
    legacy Vietnamese encoding (TCVN3, VNI, VISCII, Windows-1258), raw or already
    mis-decoded into UTF-8 mojibake, is converted when `from_encoding` names it (one
    of `legacy.ENCODINGS`), and refused otherwise with a message naming the encoding
    it looks like and the option to use. A valid UTF-8 article is read as UTF-8 even
    when `from_encoding` is given, so one option serves a mixed folder.

    Raises InputError for binary data and text that cannot be read unambiguously.
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
            text = _decode_legacy(data, name, from_encoding, err)
        else:
            text = _repair_mojibake(text, name, from_encoding)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _option(encoding: str) -> str:
    return f"--from-encoding {encoding}"


def _decode_legacy(
    data: bytes, name: str, from_encoding: str | None, err: UnicodeDecodeError
) -> str:
    """Bytes that are not UTF-8: convert from the named legacy encoding, or explain."""
    likely = legacy.likely_encodings(data)
    if from_encoding:
        if legacy.score(legacy.decode(data[: legacy.SAMPLE_BYTES], from_encoding)).plausible:
            return legacy.decode(data, from_encoding)
        message = f"{name}: does not read as {legacy.ENCODINGS[from_encoding]} text"
        if likely:
            best = likely[0].encoding
            message += f"; it looks like {legacy.ENCODINGS[best]}: use {_option(best)}"
        raise InputError(message)
    if len(likely) == 1:
        enc = likely[0].encoding
        raise InputError(
            f"{name}: not UTF-8 but {legacy.ENCODINGS[enc]}, a legacy Vietnamese encoding; "
            f"run again with {_option(enc)}, or save the file as UTF-8"
        )
    if likely:
        names = " or ".join(legacy.ENCODINGS[r.encoding] for r in likely)
        options = " or ".join(_option(r.encoding) for r in likely)
        raise InputError(
            f"{name}: not UTF-8; it reads as Vietnamese in {names}; "
            f"run again with {options} (whichever shows the text right)"
        )
    line = data.count(b"\n", 0, err.start) + 1
    raise InputError(
        f"{name}: not UTF-8 (invalid byte 0x{data[err.start]:02x} on line {line}); "
        "save it as UTF-8 and run again"
    )


def _repair_mojibake(text: str, name: str, from_encoding: str | None) -> str:
    """Legacy font text once read as Windows-1252 and saved as UTF-8: repair or explain.

    Real Vietnamese UTF-8 almost always has letters Windows-1252 lacks (ơ, ư, đ, ạ ...),
    so the check costs nothing for it.
    """
    if text.isascii():
        return text
    raw = legacy.as_cp1252_bytes(text)
    if raw is None:
        return text
    current = legacy.score(text[: legacy.SAMPLE_BYTES])
    likely = [r for r in legacy.likely_encodings(raw) if r.score.valid > current.valid]
    if current.plausible or not likely:
        return text
    chosen = next((r.encoding for r in likely if r.encoding == from_encoding), None)
    if chosen:
        return legacy.decode(raw, chosen)
    best = likely[0].encoding
    example = current.example
    fixed = legacy.decode(legacy.as_cp1252_bytes(example) or b"", best)
    what = f"{legacy.ENCODINGS[best]} text that was mis-decoded and saved as UTF-8"
    if from_encoding:
        raise InputError(
            f"{name}: looks like {what} ({example!r} for {fixed!r}), not "
            f"{legacy.ENCODINGS[from_encoding]}: use {_option(best)}"
        )
    raise InputError(
        f"{name}: {what} ({example!r} for {fixed!r}); run again with {_option(best)} to repair it"
    )


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


_FILE_KINDS = (
    (stat.S_ISDIR, "is a directory, not an article"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
)


def read_bytes(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """A regular file's bytes; InputError naming the file for anything else.

    The file is opened without blocking and checked before it is read, so a named
    pipe or a device given an article's name is refused instead of hanging the run;
    so is a file larger than `limit` bytes.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: broken symbolic link (its target does not exist)") from None
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    info = os.fstat(fd)  # before fdopen, which refuses a directory with a traceback
    for is_kind, message in _FILE_KINDS:
        if is_kind(info.st_mode):
            os.close(fd)
            raise InputError(f"{path}: {message}")
    with os.fdopen(fd, "rb") as handle:
        data = b""
        try:
            if info.st_size <= limit:
                data = handle.read()
        except OSError as err:
            raise InputError(f"{path}: cannot read ({err.strerror})") from None
        if info.st_size > limit or len(data) > limit:
            raise InputError(
                f"{path}: larger than {limit // (1024 * 1024)} MiB, the most translit reads; "
                "split it into articles"
            )
        return data


def read_article(path: Path, from_encoding: str | None = None) -> Document:
    """Read one article file into a Document (paragraphs set, not yet segmented).

    `from_encoding` names the legacy Vietnamese encoding of files that are not UTF-8
    (see `decode_text`).
    """
    text = decode_text(read_bytes(path), str(path), from_encoding)
    paragraphs, layout = split_paragraphs(text, markdown=path.suffix.lower() == ".md")
    return Document(id=path.stem, path=path, paragraphs=paragraphs, layout=layout)


# The first line of the Markdown review tables translit writes (translit.formats.md),
# so that an output folder may also be the input folder (see translit.articles).
OUTPUT_MARKER = "<!-- translit review table: an output, not an article -->"


class ChangedOnDisk(InputError):
    """A file changed since it was read (a reviewer saved it meanwhile): not overwritten."""


class NotWritten(OSError):
    """A path translit refuses to write: a symbolic link, a folder or a device in the way.

    An OSError, so that callers which report "cannot write (...)" report it too; its
    message is one line naming the path.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EEXIST, reason, str(path))
        self.message = f"{path}: {reason}"

    def __str__(self) -> str:
        return self.message


LINK_REFUSED = (
    "is a symbolic link; translit neither writes through a link nor replaces one "
    "(its target is left as it is): remove the link, or give the real file"
)


def check_target(path: Path) -> None:
    """Raise NotWritten unless `path` is absent or a regular file (never followed)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    if stat.S_ISLNK(mode):
        raise NotWritten(path, LINK_REFUSED)
    if stat.S_ISDIR(mode):
        raise NotWritten(path, "is a directory where translit writes a file; move it away")
    raise NotWritten(path, "is not a regular file (a pipe, socket or device); move it away")


def file_version(path: Path) -> str:
    """A version of a file's content: its SHA-256, "" when there is no such file.

    Read it when a file is read and pass it as `write_atomic(..., expect=...)`: the
    write then refuses to replace a file someone else changed in between. The file is
    read without following a symbolic link and without waiting on a pipe; anything
    but a regular file gets a version no content has.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return ""
    except OSError:
        return "not a regular file"
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "not a regular file"
        digest = hashlib.sha256()
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files `write_atomic` left beside `path` when its writer was
    killed between writing and renaming (`.<name>.<8 characters>.tmp`, regular files
    only). Call it only while holding the output folder's lock, when no other writer
    of that file can be at work."""
    prefix = f".{path.name[:200]}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        if not _TEMP_TAIL.fullmatch(name[len(prefix) :]):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


_TEMP_TAIL = re.compile(r"[a-z0-9_]{8}\.tmp")


def write_atomic(path: Path, text: str | bytes, *, expect: str | None = None) -> None:
    """Write text (UTF-8, "\\n" line ends as given) or bytes to path via a temp file and
    a rename.

    Readers see the old file or the new one, never a half-written one. The temp file
    is created exclusively beside `path`; the file keeps its permissions (a new one
    gets the umask's). A symbolic link, folder or device at `path` is never followed
    nor replaced: NotWritten says so.

    With `expect` (a `file_version`, "" for "no file yet"), ChangedOnDisk is raised
    instead of replacing a file whose content is no longer that version. Where the
    system can swap two files atomically (Linux), the file is swapped in and the one
    taken out checked, and swapped back if it is not the expected version, so a save
    made at any moment by someone else is never lost; elsewhere the check comes right
    before the rename.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600: give it the old file's mode, else the umask's
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - Windows
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if expect is None:
            check_target(path)
            os.replace(tmp, path)
        else:
            _replace_if_unchanged(Path(tmp), path, expect)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _changed(path: Path) -> ChangedOnDisk:
    return ChangedOnDisk(f"{path}: changed on disk since it was read; not overwritten")


def _replace_if_unchanged(tmp: Path, path: Path, expect: str) -> None:
    """Move `tmp` to `path` if `path` still holds version `expect` (see write_atomic)."""
    if expect == "":
        try:
            os.link(tmp, path)  # fails if anything appeared at path meanwhile
        except FileExistsError:
            raise _changed(path) from None
        except OSError as err:  # a file system without hard links: check, then rename
            if err.errno not in _UNSUPPORTED:
                raise
        else:
            tmp.unlink()
            return
    else:
        ours, written = os.lstat(tmp).st_ino, file_version(tmp)
        if _exchange(tmp, path):
            # `tmp` now names what was at `path`: ours stays only if that was `expect`
            if file_version(tmp) == expect:
                tmp.unlink()
                return
            try:
                _exchange(tmp, path)  # put their file back
            except ChangedOnDisk:  # ours was removed meanwhile: theirs goes back in place
                with contextlib.suppress(FileExistsError):
                    os.link(tmp, path)
                raise
            if os.lstat(tmp).st_ino != ours or file_version(tmp) != written:
                # they saved again between the two swaps, over ours or into it (an
                # editor that writes in place): that save is the newest, put it in place
                _exchange(tmp, path)
            raise _changed(path)
    if file_version(path) != expect:
        raise _changed(path)
    check_target(path)
    os.replace(tmp, path)


_UNSUPPORTED = {errno.EPERM, errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EOPNOTSUPP}


def _exchange(a: Path, b: Path) -> bool:
    """Swap the files at two names atomically (Linux `renameat2(RENAME_EXCHANGE)`).

    False where the system or the file system cannot (then nothing happened);
    ChangedOnDisk for `b` when there is no file at `b` any more.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # an old C library
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code == errno.ENOENT:
        raise _changed(b)
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))
