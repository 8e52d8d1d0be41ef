"""`translit models available|install FROM TO` against a real HTTP server on 127.0.0.1.

The server (http.server in a thread, started by the test) serves an index.json in the
Argos format and the copy model; ARGOS_PACKAGE_INDEX points at it, exactly as a user
would point argostranslate at a mirror. Nothing reaches the real network.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_subprocess
from translit.models import installed_models


class Route:
    """What the server answers for one path."""

    def __init__(
        self,
        body: bytes,
        status: int = 200,
        length: int | None = None,
        stall: threading.Event | None = None,
        trickle: float = 0.0,
        trickle_head: bool = False,
    ) -> None:
        self.body, self.status = body, status
        self.length = len(body) if length is None else length  # a larger one: cut short
        self.stall = stall  # send half the body, then wait for this event
        self.trickle = trickle  # seconds between bytes: a server that never quite stops
        self.trickle_head = trickle_head  # the status line and headers too


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                requests.append(self.path)
                route = routes.get(self.path, Route(b"not found", 404))
                if route.trickle_head:
                    head = b"HTTP/1.0 200 OK\r\nX-Padding: " + b"x" * 200
                    try:
                        for i in range(60):  # a byte every half second, for half a minute
                            self.wfile.write(head[i : i + 1])
                            self.wfile.flush()
                            time.sleep(route.trickle or 0.5)
                    except OSError:
                        pass
                    return
                self.send_response(route.status)
                self.send_header("Content-Length", str(route.length))
                self.end_headers()
                if route.stall is not None:
                    self.wfile.write(route.body[: len(route.body) // 2])
                    self.wfile.flush()
                    route.stall.wait(60)
                    return
                if route.trickle:
                    try:
                        for i in range(min(len(route.body), 60)):  # a minute at most
                            self.wfile.write(route.body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    except OSError:  # the client gave up: that is the point
                        pass
                    return
                self.wfile.write(route.body)
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def index(self, *entries: dict) -> None:
        self.routes["/index.json"] = Route(json.dumps(list(entries)).encode())


def entry(server: Server, **overrides: object) -> dict:
    """An index entry as argospm-index writes them (no checksum, no size)."""
    base = {
        "package_version": "1.9",
        "argos_version": "1.9.0",
        "from_code": "vi",
        "from_name": "Vietnamese",
        "to_code": "en",
        "to_name": "English",
        "links": [server.url + "v1/translate-vi_en-1_9.argosmodel"],
        "code": "translate-vi_en",
    }
    return {**base, **overrides}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, copy_package: Path) -> Iterator[Server]:
    srv = Server()
    srv.routes["/v1/translate-vi_en-1_9.argosmodel"] = Route(copy_package.read_bytes())
    srv.index(
        entry(srv),
        entry(
            srv,
            from_code="en",
            from_name="English",
            to_code="fr",
            to_name="French",
            code="translate-en_fr",
            links=["ipfs://QmNotReachable"],
        ),
    )
    thread = threading.Thread(target=srv.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", srv.url)
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(path))
    return path


def leftovers_paths(packages: Path) -> list[Path]:
    return list(packages.iterdir()) if packages.exists() else []


def leftovers(packages: Path) -> list[str]:
    return [p.name for p in leftovers_paths(packages)]


def test_available_lists_the_index_and_marks_installed(server, packages, run_cli):
    result = run_cli("models", "available")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "  translate-vi_en      vi→en   1.9    Vietnamese → English",
        "  translate-en_fr      en→fr   1.9    English → French",
    ]
    assert run_cli("models", "install", "vi", "en").exit_code == 0
    assert run_cli("models", "available").stdout.startswith("* translate-vi_en")


def test_install_downloads_checks_and_installs(server, packages, run_cli):
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"installed translate-vi_en-1_9 1.9 (vi→en) in {packages / 'translate-vi_en-1_9'}\n"
    )
    assert [(m.from_code, m.to_code, m.version) for m in installed_models()] == [
        ("vi", "en", "1.9")
    ]
    assert server.requests == ["/index.json", "/v1/translate-vi_en-1_9.argosmodel"]
    assert leftovers(packages) == ["translate-vi_en-1_9"]  # no download left behind
    # argostranslate's own copy of the index is the one we read (argospm sees it too)
    from argostranslate import settings

    saved = json.loads(Path(settings.local_package_index).read_text(encoding="utf-8"))
    assert [e["code"] for e in saved] == ["translate-vi_en", "translate-en_fr"]


def test_the_newest_version_in_the_index_is_chosen(server, packages, run_cli, copy_package):
    old = entry(server, package_version="1.0", links=[server.url + "old.argosmodel"])
    server.index(old, entry(server))
    assert run_cli("models", "install", "vi", "en").exit_code == 0
    assert "/old.argosmodel" not in server.requests


def test_a_download_cut_short_is_refused(server, packages, run_cli, copy_package):
    whole = copy_package.read_bytes()
    link = "/v1/translate-vi_en-1_9.argosmodel"
    server.routes[link] = Route(whole[: len(whole) // 2], length=len(whole))
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: download of translate-vi_en 1.9 failed: {server.url + link[1:]}: "
        f"incomplete download ({len(whole) // 2:,} of {len(whole):,} bytes)\n"
    )
    assert leftovers(packages) == []


def test_a_download_with_damaged_bytes_is_refused(server, packages, run_cli, copy_package):
    # same size, so only the archive's own CRC-32s can tell: the index has no checksum
    data = bytearray(copy_package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    server.routes["/v1/translate-vi_en-1_9.argosmodel"] = Route(bytes(data))
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 2
    link = server.url + "v1/translate-vi_en-1_9.argosmodel"
    assert result.stderr.startswith(f"error: {link}: archive is damaged (")
    assert leftovers(packages) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"package_version": "2.0"}, "package is version 1.9, the package index says 2.0"),
        (
            {"from_code": "en", "to_code": "vi"},
            "package translates vi→en, not en→vi",
        ),
    ],
)
def test_a_package_that_is_not_what_the_index_says_is_refused(
    server, packages, run_cli, overrides, message
):
    server.index(entry(server, **overrides))
    pair = [overrides.get("from_code", "vi"), overrides.get("to_code", "en")]
    result = run_cli("models", "install", *pair)
    assert result.exit_code == 2
    link = server.url + "v1/translate-vi_en-1_9.argosmodel"
    assert result.stderr == f"error: {link}: {message}\n"
    assert leftovers(packages) == []


def test_a_missing_download_and_a_pair_the_index_lacks(server, packages, run_cli):
    server.routes.pop("/v1/translate-vi_en-1_9.argosmodel")
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: download of translate-vi_en 1.9 failed: "
        f"{server.url}v1/translate-vi_en-1_9.argosmodel: HTTP 404 Not Found\n"
    )
    result = run_cli("models", "install", "vi", "de")
    assert result.stderr == (
        f"error: the Argos package index ({server.url}index.json) has no vi→de package; "
        "see `translit models available`\n"
    )
    result = run_cli("models", "install", "en", "fr")  # only an ipfs:// link
    assert result.stderr == (
        "error: the Argos package index gives no http(s) link for translate-en_fr 1.9\n"
    )


def test_a_broken_index_is_a_clear_error(server, packages, run_cli):
    server.routes["/index.json"] = Route(b"<html>rate limited</html>")
    result = run_cli("models", "available")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: the Argos package index at {server.url}index.json is not valid JSON\n"
    )


def test_a_deeply_nested_index_is_a_clear_error(server, packages, run_cli):
    server.routes["/index.json"] = Route(b"[" * 100_000 + b"]" * 100_000)
    result = run_cli("models", "available")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: the Argos package index at {server.url}index.json is not valid JSON\n"
    )


def test_a_download_that_trickles_is_given_up_and_leaves_nothing(
    server, packages, tmp_path, copy_package
):
    link = "/v1/translate-vi_en-1_9.argosmodel"
    server.routes[link] = Route(copy_package.read_bytes(), trickle=0.5)  # 2 bytes a second
    started = time.monotonic()
    result = run_subprocess(
        "models",
        "install",
        "vi",
        "en",
        "--timeout",
        "2",
        cwd=tmp_path,
        env={"ARGOS_PACKAGE_INDEX": server.url, "ARGOS_PACKAGES_DIR": str(packages)},
    )
    assert time.monotonic() - started < 15  # the per-read timeout alone never fired
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: download of translate-vi_en 1.9 failed: {server.url + link[1:]}: too slow ("
    )
    assert lines[0].endswith("less than 1.0 KiB/s); try again later or from another mirror")
    assert leftovers(packages) == []


def test_an_index_server_trickling_its_headers_times_out(server, packages, run_cli):
    server.routes["/index.json"] = Route(b"[]", trickle_head=True)
    started = time.monotonic()
    result = run_cli("models", "available", "--timeout", "2")
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: cannot read the Argos package index at {server.url}index.json "
        "(timed out after 2 s)"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down_is_a_clear_error(packages, run_cli, monkeypatch):
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot read the Argos package index at {url}index.json (Connection refused); "
        "check the connection or ARGOS_PACKAGE_INDEX, or download the .argosmodel file "
        "elsewhere and run `translit models install FILE`\n"
    )
    assert leftovers(packages) == []


def test_a_server_that_never_answers_times_out(packages, run_cli, monkeypatch):
    with socket.socket() as silent:  # accepts connections (backlog), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
        result = run_cli("models", "available", "--timeout", "1")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: cannot read the Argos package index at {url}index.json (timed out after 1 s)"
    )


def test_a_real_process_installs_from_the_index(server, packages, tmp_path):
    result = run_subprocess(
        "models",
        "install",
        "vi",
        "en",
        cwd=tmp_path,
        env={"ARGOS_PACKAGE_INDEX": server.url, "ARGOS_PACKAGES_DIR": str(packages)},
    )
    assert result.returncode == 0, result.stderr
    assert (packages / "translate-vi_en-1_9" / "model" / "model.bin").is_file()


def test_ctrl_c_during_a_download_leaves_nothing_behind(server, packages, tmp_path, copy_package):
    stalled = threading.Event()
    server.routes["/v1/translate-vi_en-1_9.argosmodel"] = Route(
        copy_package.read_bytes(), stall=stalled
    )
    env = {
        **os.environ,
        "ARGOS_PACKAGE_INDEX": server.url,
        "ARGOS_PACKAGES_DIR": str(packages),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "translit", "models", "install", "vi", "en", "--timeout", "30"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(
            p.name.startswith(".download-")
            for p in (packages.iterdir() if packages.exists() else [])
        ):
            time.sleep(0.02)
        assert any(p.name.startswith(".download-") for p in packages.iterdir())
        time.sleep(0.3)  # the download is now waiting for the rest of the body
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    finally:
        stalled.set()
        proc.kill()
    assert proc.returncode != 0
    assert [p for p in leftovers(packages) if p.startswith(".download-")] == []
    assert installed_models() == []
