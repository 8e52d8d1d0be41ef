"""What keeps a run safe to interrupt and to start twice: the run cache, the lock,
and writes that a Ctrl-C cannot cut in half.

- `RunCache`: engine output keyed by the text the engine was given (with its word
  alignment when the run asked for one), appended to a file beside the outputs
  (`.translit-cache/<key>.jsonl`) as groups of sentences finish, so a run stopped by
  Ctrl-C does not translate them again. The key covers the model and every setting
  that changes its output; a run that ends uninterrupted removes it.
- `output_lock`: one run at a time per output folder (`.translit.lock`, an OS lock
  released when the process ends, however it ends; the file is removed after a run).
- `deferred_interrupt`: Ctrl-C while an article's files are written takes effect
  once they are all written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from translit.engines.base import Link

CACHE_DIR = ".translit-cache"
LOCK_FILE = ".translit.lock"


Aligned = tuple[Link, ...] | None


class RunCache:
    """Engine output by engine input text; persisted when `directory` is given."""

    def __init__(self, directory: Path | None = None, key: str = "") -> None:
        self._outputs: dict[str, tuple[str, Aligned]] = {}
        self._path = None
        self._directory = directory
        if directory is not None:
            digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
            self._path = directory / f"{digest}.jsonl"
            self._load()

    def _load(self) -> None:
        assert self._path is not None
        try:
            lines = self._path.read_text(encoding="utf-8").splitlines()
        except (FileNotFoundError, UnicodeDecodeError):
            return
        for line in lines:
            try:
                record = json.loads(line)
                links = record.get("alignment")
                aligned = None if links is None else tuple(Link(*link) for link in links)
                self._outputs[record["source"]] = (str(record["output"]), aligned)
            except (ValueError, KeyError, TypeError, AttributeError):
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
        self._path.parent.mkdir(exist_ok=True)
        lines = "".join(
            json.dumps(
                {"source": s, "output": o}
                | ({} if links is None else {"alignment": [list(link) for link in links]}),
                ensure_ascii=False,
            )
            + "\n"
            for s, (o, links) in entries
        )
        with self._path.open("a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())

    def discard(self) -> None:
        """Remove the cache folder: the run is over, its files hold what it translated."""
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)


def cache_key(*settings: Any) -> str:
    """A key for everything that changes the engine's output (model, decoding options)."""
    return json.dumps([str(s) for s in settings])


class LockedError(Exception):
    """Another run holds the output folder; the message is one line."""


@contextlib.contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    """Hold `output_dir/.translit.lock` for the duration; LockedError if another run has it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, run unguarded
        yield
        return
    path = output_dir / LOCK_FILE
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            os.close(fd)
            raise LockedError(
                f"{output_dir}: another translit run (pid {holder}) is writing here; "
                "wait for it to finish or use another --output folder"
            ) from None
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break  # still the file at that path (not one a finishing run removed)
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked: the next run makes a new one
        os.close(fd)


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
