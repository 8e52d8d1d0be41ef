"""`translit serve` as a user runs it: a folder translated by the copy model, and the
real server in a subprocess on 127.0.0.1 (started once per test module; each test
puts the folder back as it was translated)."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

# Written for these tests. Glossary terms (Mátxcơva, Nga, Ukraina, Nhà Trắng), a date
# (7.12) and a number (2,5), and markup that must be shown as text.
ARTICLES = {
    "hoi-nghi.txt": (
        "Hội nghị về an ninh năng lượng khai mạc tại Mátxcơva\n\n"
        "Sáng 7.12, đại diện Nga và Ukraina cùng dự phiên khai mạc. "
        "Nhà Trắng gửi thông điệp chúc mừng.\n\n"
        "Giá điện dự kiến tăng 2,5% trong năm tới.\n"
    ),
    "gia-lua.txt": (
        "Giá lúa tăng mạnh\n\n"
        "Nông dân ở Cần Thơ vui mừng vì giá lúa tăng. "
        'Một người viết "<script>alert(1)</script>" trên mạng.\n'
    ),
}
URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{20,})")


def translate_folder(workdir: Path, models_dir: Path) -> Path:
    """Translate ARTICLES with the copy model into workdir/outputs (the real CLI)."""
    articles = workdir / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    out = workdir / "outputs"
    result = subprocess.run(
        [sys.executable, "-m", "translit", "translate", str(articles), "-o", str(out), "-q"],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ARGOS_PACKAGES_DIR": str(models_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def restore(pristine: Path, folder: Path) -> None:
    """Make `folder` hold exactly the files of `pristine` again."""
    for path in folder.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)  # a temp file a save just renamed
    for path in pristine.iterdir():
        shutil.copy2(path, folder / path.name)


@dataclass
class Server:
    process: subprocess.Popen[str]
    first_line: str
    port: int
    token: str
    folder: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a user stops it; the exit code and what it printed on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return code, self.process.stderr.read() if self.process.stderr else ""


def start_server(folder: Path, cwd: Path, models_dir: Path, *args: str) -> Server:
    """Run `translit serve folder` and wait for the URL it prints first."""
    process = subprocess.Popen(
        [sys.executable, "-m", "translit", "serve", str(folder), *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ARGOS_PACKAGES_DIR": str(models_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline().rstrip("\n") if ready else ""
    match = URL_LINE.fullmatch(line)
    if match is None:
        process.kill()
        raise AssertionError(f"first line {line!r}; stderr: {process.stderr.read()}")
    server = Server(process, line, int(match.group(1)), match.group(2), folder)
    wait_until_up(server)
    return server


def wait_until_up(server: Server, seconds: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{server.base}/api/articles", headers=server.auth).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.process.poll() is not None:
            raise AssertionError("translit serve did not come up")
        time.sleep(0.05)
