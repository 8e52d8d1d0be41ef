"""Which files are articles, what each is called, and which files translit may write.

- `find_articles`: files and folders (with `recursive`, folder trees) → articles, each
  with its id (`article_id`): the file name without its suffix, or under a folder
  given to a recursive run, its path there (`2021/12/bai-1`), so outputs mirror the
  tree and an id stays the same however the folder grows.
- `is_translit_output`: our own files (`*.en.txt`, the review `.md` and `.html`,
  `*.en.docx`) are never taken for articles, so outputs may sit beside the articles.
- `check_outputs`: no output file may ever have the path of an input article, nor
  replace a file that would be read as an article and is not ours.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translit.formats.registry import ARTICLE_SUFFIXES, suffix_list
from translit.io import OUTPUT_MARKER, InputError

# What translit writes into the files it makes, to know them again (see is_translit_output).
HTML_MARKER = b'<meta name="generator" content="translit '
DOCX_MARKER = "translit output"


@dataclass(frozen=True)
class Article:
    """An article file and its id (the name of its outputs, without their suffix)."""

    path: Path
    id: str


def article_id(path: Path, root: Path | None = None) -> str:
    """An article's id: the file name without its suffix (`bai-1`), or for a file found
    under `root` by a recursive run, its path below root without the suffix, with "/"
    between folders (`2021/12/bai-1`). It depends on nothing but that path, so it is
    stable as the folder grows, and two `a.txt` in two folders are two articles."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def _is_hidden(name: str) -> bool:
    """Hidden files and folders (`.translit-cache`, `.git`, macOS `._x.docx`) and Word's
    lock files (`~$x.docx`) are never articles."""
    return name.startswith((".", "~$"))


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def is_translit_output(path: Path) -> bool:
    """Whether a file in an article folder is one of our outputs: `*.en.txt`, a Markdown
    table or HTML page that says translit made it, a `.docx` whose properties do."""
    name = path.name.lower()
    if name.endswith(".en.txt"):
        return True
    suffix = path.suffix.lower()
    if suffix == ".md":
        return _head(path, len(OUTPUT_MARKER.encode())) == OUTPUT_MARKER.encode()
    if suffix in (".html", ".htm"):
        return HTML_MARKER in _head(path, 4096)
    if suffix == ".docx":
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("docProps/core.xml")
                if info.file_size > 1 << 20:
                    return False
                return DOCX_MARKER in archive.read(info).decode("utf-8", "replace")
        except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
            return False
    return False


def _identity(path: Path) -> Path:
    """The path a file is known by, to take it once (a broken link is its own path)."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def _is_article_file(path: Path) -> bool:
    """A folder entry that is taken as an article (a link or pipe is kept, so that
    reading it says why it cannot be used)."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES or _is_hidden(path.name) or path.is_dir():
        return False
    return not (path.is_file() and is_translit_output(path))


def walk_tree(
    root: Path,
    *,
    on_error: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] = lambda message: None,
) -> Iterator[Path]:
    """Every file under root that is not hidden, folder by folder in name order; hidden
    folders (`.translit-cache`, `.git`) and links to folders (said to `on_warning`) are
    not entered. A folder that cannot be read goes to `on_error` (InputError without
    one)."""

    def unreadable(err: OSError) -> None:
        message = f"{err.filename}: cannot read folder ({err.strerror})"
        if on_error is None:
            raise InputError(message)
        on_error(message)

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if _is_hidden(name):
                continue
            if sub.is_symlink():
                on_warning(f"{sub}: a link to a folder, not followed")
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not _is_hidden(name):
                yield here / name


def find_articles(
    inputs: Iterable[Path],
    *,
    recursive: bool = False,
    on_error: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] = lambda message: None,
) -> list[Article]:
    """Expand files and folders into articles, in order.

    A folder contributes its article files (`ARTICLE_SUFFIXES`, sorted by name), with
    `recursive` those of its whole tree (ids relative to it, see `article_id`); never
    our own outputs (wherever the output folder is), hidden files and folders
    (`.translit-cache`), Word lock files (`~$…`) or links to folders. Entries that are not regular
    files (a broken link, a named pipe) are kept, so that reading them reports why
    they cannot be used. A named file is taken as given whatever its suffix. A file
    named twice is taken once. A path that does not exist goes to `on_error` (one
    line), or raises InputError without one.
    """

    def error(message: str) -> None:
        if on_error is None:
            raise InputError(message)
        on_error(message)

    found: dict[Path, Article] = {}
    for item in inputs:
        if item.is_dir():
            if recursive:
                for path in walk_tree(item, on_error=error, on_warning=on_warning):
                    if _is_article_file(path):
                        found.setdefault(_identity(path), Article(path, article_id(path, item)))
            else:
                for path in sorted(item.iterdir()):
                    if _is_article_file(path):
                        found.setdefault(_identity(path), Article(path, article_id(path)))
        elif item.exists() or item.is_symlink():
            found.setdefault(_identity(item), Article(item, article_id(item)))
        else:
            error(f"{item}: no such file or directory")
    return list(found.values())


def no_articles_message(inputs: Sequence[Path], recursive: bool) -> str:
    """What to say when the inputs hold no article (and, when a folder given has
    subfolders, that --recursive reads them)."""
    where = ", ".join(map(str, inputs))
    nested = not recursive and any(
        sub.is_dir() and not _is_hidden(sub.name)
        for item in inputs
        if item.is_dir()
        for sub in item.iterdir()
    )
    hint = " (subfolders are read with --recursive)" if nested else ""
    return f"no articles ({suffix_list()}) in {where}{hint}"


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return None
    return (info.st_dev, info.st_ino)


def check_outputs(planned: Iterable[tuple[Path, str]], inputs: Iterable[Path] = ()) -> None:
    """Refuse, before anything is written, an output that would replace an article.

    `planned` holds (output path, format name) pairs; `inputs` the articles of the
    run. An output may not be an input article (by path, by the file a link points
    at, or a hard link to it), nor an existing file that would be read as an article
    and is not one of ours (a saved page `a.html` where the review page `a.html` goes).
    Raises InputError with one line naming the file and what to do.
    """
    by_path: dict[Path, Path] = {}
    by_key: dict[tuple[int, int], Path] = {}
    for path in inputs:
        by_path[_identity(path)] = path
        key = _file_key(path)
        if key is not None:
            by_key[key] = path
    for target, name in planned:
        source = by_path.get(_identity(target)) or by_key.get(_file_key(target) or (-1, -1))
        if source is not None:
            raise InputError(
                f"{target}: the {name} output would overwrite the input article {source}; "
                f"choose another --output folder, or leave {name} out of --format"
            )
        if target.suffix.lower() not in ARTICLE_SUFFIXES or target.is_symlink():
            continue  # a link, or a folder in the way, is for the write to refuse
        if target.is_file() and not is_translit_output(target):
            raise InputError(
                f"{target}: exists and is not a file translit wrote (an article?); "
                f"not overwritten: move it, or choose another --output folder"
            )
