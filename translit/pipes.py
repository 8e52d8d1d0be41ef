"""Standard output as a pipe whose reader may go away (`translit check out | head -5`).

When the reader closes its end, writing raises BrokenPipeError: the command would end
in a traceback, or with an exit code that depends on when `head` quit. A gate that
means "1: findings" must not say 1 or 0 at random, so once the reader has gone, the
rest of the output is dropped and the command finishes and exits with its own code.
Output that cannot be written (stdout on a full disk) is one line, `error: ...`, and
exit code 2, not a traceback.
"""

from __future__ import annotations

import io
import os
import sys


class _PipeWriter(io.RawIOBase):
    """A file descriptor that turns into /dev/null when its reader goes away."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data) -> int:  # type: ignore[override]
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            self._drop_the_rest()
            return len(data)
        except OSError as err:  # a full disk, an I/O error: one line, exit code 2
            self._drop_the_rest()
            os.write(2, f"error: cannot write the output ({err.strerror or err})\n".encode())
            raise SystemExit(2) from None

    def _drop_the_rest(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._fd)  # later writes, and the flush at exit, go nowhere
        finally:
            os.close(devnull)


def tolerate_closed_stdout() -> None:
    """Make sys.stdout drop what it writes once its reader has closed the pipe (the
    text layer keeps its encoding, error handler and line buffering)."""
    stdout = sys.stdout
    try:
        fd = stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    stdout.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_PipeWriter(fd)),
        encoding=stdout.encoding,
        errors=stdout.errors,
        line_buffering=bool(stdout.line_buffering),
    )
