"""What keeps a run safe to interrupt and to start twice: the run cache, the lock,
and writes that a Ctrl-C cannot cut in half.

- `RunCache`: engine output keyed by the text the engine was given (with its word
  alignment when the run asked for one), appended to a file beside the outputs
  (`.translit-cache/<key>.jsonl`) as groups of sentences finish, so a run stopped by
  Ctrl-C does not translate them again. The key covers the model and every setting
  that changes its output; a run that ends uninterrupted removes it.
- `output_lock`: one run at a time per output folder (`.translit.lock`, an OS lock
  released when the process ends, however it ends; the file is removed after a run),
  or per shard of it for `--shard K/N` runs (see `output_lock`); each shard's run
  keeps its own run cache file.
- `deferred_interrupt`: Ctrl-C while an article's files are written takes effect
  once they are all written.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from translit.engines.base import Link
from translit.io import LINK_REFUSED, InputError, NotWritten
from translit.shard import WHOLE, Shard

CACHE_DIR = ".translit-cache"
LOCK_FILE = ".translit.lock"


Aligned = tuple[Link, ...] | None


class CacheError(InputError):
    """The run cache cannot be used (a link or a file in its place, a full disk)."""


class RunCache:
    """Engine output by engine input text (with its word alignment when the run asked
    for one); persisted when `directory` is given.

    The term strategy is not part of the key: an entry is what the engine wrote for
    the exact text it was given, whatever strategy chose that text (a verify run
    resumed with --term-strategy inline finds the sentences it sent as written,
    and sends the protected ones anew).

    The folder and its file are never followed as symbolic links: a link, a file where
    the folder belongs or a write that fails (a full disk) raises CacheError with a
    one-line message, and nothing is written anywhere else.
    """

    def __init__(self, directory: Path | None = None, key: str = "", shard: Shard = WHOLE) -> None:
        self._outputs: dict[str, tuple[str, Aligned]] = {}
        self._path = None
        self._directory = directory
        self._shard = shard
        if directory is not None:
            self._path = directory / cache_name(key, shard)
            self._load()

    def _open(self, flags: int) -> int:
        """Open the cache file inside its folder, neither of them followed as a link."""
        assert self._directory is not None and self._path is not None
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        try:
            folder = os.open(
                self._directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | nofollow
            )
        except FileNotFoundError:
            raise
        except OSError:
            what = "a symbolic link" if os.path.islink(self._directory) else "not a folder"
            raise CacheError(
                f"{self._directory}: translit's run cache is {what}; remove it and run again"
            ) from None
        try:
            return _open_own_file(self._path, flags, "translit's run cache", dir_fd=folder)
        except FileNotFoundError:
            raise
        except OSError as err:
            raise CacheError(_unusable(self._path, err)) from None
        finally:
            os.close(folder)

    def _load(self) -> None:
        try:
            fd = self._open(os.O_RDONLY)
        except FileNotFoundError:
            return
        with os.fdopen(fd, "rb") as handle:
            lines = handle.read().decode("utf-8", "replace").splitlines()
        for line in lines:
            try:
                record = json.loads(line)
                links = record.get("alignment")
                aligned = None if links is None else tuple(Link(*map(int, link)) for link in links)
                self._outputs[record["source"]] = (str(record["output"]), aligned)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                continue  # a line cut short when the run was stopped

    def __contains__(self, text: object) -> bool:
        return text in self._outputs

    def __getitem__(self, text: str) -> str:
        return self._outputs[text][0]

    def __len__(self) -> int:
        return len(self._outputs)

    def has(self, text: str, aligned: bool = False) -> bool:
        """Whether the output of `text` is here (with its alignment, if `aligned`)."""
        found = self._outputs.get(text)
        return found is not None and (not aligned or found[1] is not None)

    def alignment(self, text: str) -> Aligned:
        """The word alignment recorded with the output of `text` (None if none was)."""
        return self._outputs[text][1]

    def record(
        self,
        sources: Sequence[str],
        outputs: Sequence[str],
        alignments: Sequence[Aligned] | None = None,
    ) -> None:
        """Remember a finished group of translations (and append it to the file)."""
        aligned = list(alignments) if alignments is not None else [None] * len(sources)
        entries = list(zip(sources, zip(outputs, aligned, strict=True), strict=True))
        self._outputs.update(entries)
        if self._path is None:
            return
        lines = "".join(
            json.dumps(
                {"source": s, "output": o}
                | ({} if links is None else {"alignment": [list(link) for link in links]}),
                ensure_ascii=False,
            )
            + "\n"
            for s, (o, links) in entries
        ).encode("utf-8")
        try:
            fd = self._open_for_append()
            try:
                size = os.fstat(fd).st_size
                try:
                    view = memoryview(lines)
                    while view:
                        view = view[os.write(fd, view) :]
                    os.fsync(fd)
                except OSError:
                    os.ftruncate(fd, size)  # no line cut short for the next run to append to
                    raise
            finally:
                os.close(fd)
        except OSError as err:
            raise CacheError(_unusable(self._path, err)) from None

    def _open_for_append(self) -> int:
        """Open (or create) the cache file for appending, making its folder if need be
        (again if another shard's run, ending, removed the folder meanwhile)."""
        assert self._path is not None
        for _ in range(3):
            with contextlib.suppress(FileExistsError):  # a file there: _open says so
                self._path.parent.mkdir()
            try:
                return self._open(os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            except FileNotFoundError:
                continue
        raise CacheError(f"{self._directory}: translit's run cache folder keeps vanishing")

    def discard(self) -> None:
        """Remove the cache: the run is over, its files hold what it translated. A whole
        run removes the cache folder; a shard's run its own file (other shards may be
        running), and the folder if that was the last one."""
        if self._directory is None or self._directory.is_symlink():
            return
        if self._shard.whole:
            shutil.rmtree(self._directory, ignore_errors=True)
            return
        assert self._path is not None
        with contextlib.suppress(OSError):
            self._path.unlink(missing_ok=True)
            self._directory.rmdir()  # fails while another shard's cache is there


def cache_name(key: str, shard: Shard = WHOLE) -> str:
    """The run cache's file name for an engine key (and a shard's run)."""
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{name}.jsonl" if shard.whole else f"{name}-shard-{shard.index}-of-{shard.count}.jsonl"


class LockedError(Exception):
    """Another run holds the output folder; the message is one line."""


def _open_own_file(path: Path, flags: int, what: str, dir_fd: int | None = None) -> int:
    """Open a file translit keeps in a folder it does not own, never following a link.

    Raises OSError with a one-line message naming the path when something else is
    there (a symbolic link, a folder, a pipe, a device).
    """
    flags |= (
        getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path if dir_fd is None else path.name, flags, 0o644, dir_fd=dir_fd)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise NotWritten(path, LINK_REFUSED) from None
        if err.errno in (errno.EISDIR, errno.ENXIO):
            raise NotWritten(path, f"is not a regular file, not {what}; move it away") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotWritten(path, f"is not a regular file, not {what}; move it away")
    if info.st_nlink > 1:  # a hard link to a file elsewhere: writing would change it
        os.close(fd)
        raise NotWritten(path, f"has another name (a hard link), so it is not {what}; remove it")
    return fd


def shard_lock_name(shard: Shard) -> str:
    """The lock file a `--shard K/N` run holds besides the folder's (shared) one."""
    return f".translit-shard-{shard.index}-of-{shard.count}.lock"


@contextlib.contextmanager
def output_lock(output_dir: Path, shard: Shard = WHOLE) -> Iterator[None]:
    """Hold the output folder for the duration; LockedError if another run has it, or
    if a lock file cannot be used (a link, a folder, a full disk).

    A whole run (and translit serve's save) holds `.translit.lock` alone. A run of
    shard K/N shares that lock with the other shards' runs (so they never refuse each
    other, while a whole run refuses them all and they refuse it) and holds its own
    shard's lock alone (so two runs of the same shard do refuse each other). Shard
    runs with another N (whose articles overlap this one's) are refused too.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, run unguarded
        yield
        return
    folder_lock = output_dir / LOCK_FILE

    def folder_busy(holder: str) -> str:
        if not holder:
            who, them = "translit --shard runs are", "them"
        else:
            who, them = f"another translit run (pid {holder}) is", "it"
        return (
            f"{output_dir}: {who} writing here; "
            f"wait for {them} to finish or use another --output folder"
        )

    if shard.whole:
        with _held(folder_lock, fcntl.LOCK_EX, folder_busy):
            yield
        return

    def shard_busy(holder: str) -> str:
        return (
            f"{output_dir}: another run of shard {shard} (pid {holder or 'unknown'}) is "
            "writing here; wait for it to finish"
        )

    with _held(folder_lock, fcntl.LOCK_SH, folder_busy):
        _refuse_other_splits(output_dir, shard)
        with _held(output_dir / shard_lock_name(shard), fcntl.LOCK_EX, shard_busy):
            yield


@contextlib.contextmanager
def _held(path: Path, mode: int, busy: Callable[[str], str]) -> Iterator[None]:
    """Hold an OS lock on `path` (`fcntl.LOCK_EX`, or `LOCK_SH` shared with others).

    An exclusive holder writes its pid into the file and removes the file when done
    (while still holding it, so that the next run makes a new one); a shared holder
    writes nothing and removes the file only if it is the last one holding it.
    `busy(pid or "")` is the LockedError's message when the lock is taken.
    """
    import fcntl

    while True:
        try:
            fd = _open_own_file(path, os.O_RDWR | os.O_CREAT, "translit's lock file")
        except OSError as err:
            raise LockedError(_unusable(path, err)) from None
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise LockedError(busy(holder)) from None
        if _still_there(fd, path):
            break  # not a file a finishing run removed
        os.close(fd)
    try:
        try:  # a shared holder leaves it empty: no pid of a run long gone in a message
            os.ftruncate(fd, 0)
            if mode == fcntl.LOCK_EX:
                pid = f"{os.getpid()}\n".encode()
                if os.pwrite(fd, pid, 0) != len(pid):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        except OSError as err:
            raise LockedError(_unusable(path, err)) from None
        yield
    finally:
        try:
            if mode != fcntl.LOCK_EX:  # the last sharer out removes it (others: fails)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _still_there(fd, path):
                path.unlink(missing_ok=True)
        except OSError:
            pass  # another shard still holds it (or took it meanwhile): theirs to remove
        finally:
            os.close(fd)


def _still_there(fd: int, path: Path) -> bool:
    """Whether the open lock file is still the file at `path`."""
    try:
        return os.fstat(fd).st_ino == os.lstat(path).st_ino
    except FileNotFoundError:
        return False


def _refuse_other_splits(output_dir: Path, shard: Shard) -> None:
    """LockedError if runs of a split into another number of shards are writing in
    `output_dir`: their articles overlap this shard's."""
    import fcntl

    for path in sorted(output_dir.glob(".translit-shard-*-of-*.lock")):
        if path.name.endswith(f"-of-{shard.count}.lock"):
            continue
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        except OSError:
            continue  # gone meanwhile, or not a lock file of ours (a link)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            other = path.name.removeprefix(".translit-shard-").removesuffix(".lock")
            raise LockedError(
                f"{output_dir}: shard {other.replace('-of-', '/')} of another split is "
                f"writing here; every --shard run into one folder must use the same N"
            ) from None
        finally:
            os.close(fd)


def _unusable(path: Path, err: OSError) -> str:
    """One line for a file translit cannot use: its own message, or the system's reason."""
    if isinstance(err, NotWritten):
        return str(err)
    return f"{path}: cannot write ({err.strerror or err})"


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block is done, then raise KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
