"""Run the review app: listen, print the URL with a fresh token, serve until Ctrl-C.

The socket is bound and listening before the URL is printed, so the printed URL
works at once (and port 0 becomes a free port). uvicorn serves the app; Ctrl-C lets
the requests under way finish (a save is written whole or not at all) and stops.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
from collections.abc import Callable

from translit.io import InputError
from translit.serve.app import Access, create_app
from translit.serve.store import ReviewFolder

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether a --host value is an address of this machine only (127.0.0.0/8, ::1)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether a --host value listens on every address (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """A host as it is written in a URL and a Host header ([::1] for IPv6)."""
    return f"[{host}]" if ":" in host else host


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one); InputError if not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise InputError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
    sock.set_inheritable(True)
    return sock


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers the app answers to: the address served (and `localhost` for a
    loopback address); None, any, when it listens on every address."""
    if is_wildcard(host):
        return None
    hosts = {f"{url_host(host).lower()}:{port}"}
    if is_loopback(host):
        hosts.add(f"localhost:{port}")
        if host == "localhost":
            hosts.add(f"127.0.0.1:{port}")
    return hosts


def serve(
    folder: ReviewFolder,
    host: str,
    port: int,
    *,
    echo: Callable[[str], None],
    on_ready: Callable[[str], None] = lambda url: None,
    on_error: Callable[[str], None] = lambda message: None,
) -> None:
    """Serve `folder` on host:port until Ctrl-C (KeyboardInterrupt once stopped).

    `echo` gets the URL with the token first; `on_ready(url)` runs once the server
    takes requests (to open a browser).
    """
    import uvicorn

    sock = listen(host, port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(32)
    url = f"http://{url_host(host)}:{port}/?token={token}"
    echo(url)
    access = Access(token=token, hosts=allowed_hosts(host, port), cookie=f"translit-{port}")
    app = create_app(folder, access, on_error=on_error)
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=30,
    )
    server = uvicorn.Server(config)

    def when_started() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            on_ready(url)

    threading.Thread(target=when_started, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
