"""The review app: pages, the JSON API, and the rules that keep it private.

Routes (every one needs the session token):

    GET  /                                        the index of articles
    GET  /articles/{id}                           the article editor
    GET  /static/{serve.js,serve.css,review.css,favicon.svg}  the app's own assets
    GET  /api/articles                            [{id, title, segments, reviewed, ...}]
    GET  /api/articles/{id}                       {id, version, segments: [...]}
    PUT  /api/articles/{id}/segments/{key}        {target, approved, version[, comment]}
    POST /api/articles/{id}/segments/{key}/check  {target}: findings as you type, not saved
    POST /api/articles/{id}/segments/{key}/machine  the installed model's English, not saved

Security: the Host header must name the address served (no DNS rebinding); the token
comes as `Authorization: Bearer TOKEN`, or once in the URL (`?token=`, which sets a
same-site, HTTP-only cookie and redirects to the address without it), then as that
cookie: 401 without it, 403 with a wrong one. Writes need a JSON body
(`Content-Type: application/json`) and, when the browser sends an Origin, our own
origin, so another site cannot post a form here. No CORS headers are ever sent. Every
response carries a strict Content-Security-Policy (scripts and styles from /static/
only), and everything taken from an article is escaped in the pages.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from translit.formats.html import STYLE
from translit.serve import page
from translit.serve.store import (
    BadEdit,
    Busy,
    CannotWrite,
    NoModel,
    NotFound,
    ReviewError,
    ReviewFolder,
    SegmentEdit,
    Stale,
    Unreadable,
    segment_dict,
)

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
MAX_BODY = 1 << 20  # bytes of JSON a request may send
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
STATUS = {
    NotFound: 404,
    BadEdit: 400,
    Stale: 409,
    Busy: 409,
    Unreadable: 422,
    CannotWrite: 507,
    NoModel: 503,
}
REASONS = {Stale: "changed", Busy: "busy"}
STATIC = {"serve.js": "text/javascript", "serve.css": "text/css", "favicon.svg": "image/svg+xml"}


@dataclass(frozen=True)
class Access:
    """Who may talk to the app: the token, and the Host headers it answers to
    (None: any, for a server listening on every address)."""

    token: str
    hosts: Collection[str] | None
    cookie: str  # the cookie's name (per port: two servers on one machine keep theirs)


class Guard:
    """ASGI middleware: the Host check, the token, JSON-only writes, security headers."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no websockets; lifespan is off
            return
        request = Request(scope)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_secured)
            return
        in_url = request.query_params.get("token") and request.method in ("GET", "HEAD")
        if in_url and not request.url.path.startswith("/api/"):
            await self._drop_token(request)(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)

    def _refusal(self, request: Request) -> Response | None:
        api = request.url.path.startswith("/api/")
        host = request.headers.get("host", "").lower()
        if self.access.hosts is not None and host not in self.access.hosts:
            return _error(
                403,
                f"this server does not answer to the Host {host!r} (use the URL it printed)",
                api,
            )
        given = _bearer(request) or request.query_params.get("token")
        given = given or request.cookies.get(self.access.cookie)
        if not given:
            response = _error(
                401, "no session token: open the URL translit serve printed (it holds it)", api
            )
            response.headers["www-authenticate"] = 'Bearer realm="translit"'
            return response
        if not hmac.compare_digest(given.encode(), self.access.token.encode()):
            return _error(403, "wrong session token: open the URL translit serve printed", api)
        if request.method in WRITE_METHODS:
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media != "application/json":
                return _error(415, "writes take a JSON body (Content-Type: application/json)", api)
            origin = request.headers.get("origin")
            if origin is not None and origin.lower() != f"{request.url.scheme}://{host}":
                return _error(403, f"requests from {origin} are not accepted", api)
        return None

    def _drop_token(self, request: Request) -> Response:
        """The token came in the URL: keep it in a cookie and take it out of the address."""
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
        response.set_cookie(
            self.access.cookie, self.access.token, httponly=True, samesite="strict", path="/"
        )
        return response


def _bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _error(status: int, message: str, api: bool = True, **extra: Any) -> Response:
    if api:
        return JSONResponse({"error": message, **extra}, status_code=status)
    return Response(f"{status}: {message}\n", status_code=status, media_type="text/plain")


def _review_error(err: ReviewError, api: bool = True) -> Response:
    kind = type(err)
    reason = {"reason": REASONS[kind]} if kind in REASONS else {}
    return _error(STATUS.get(kind, 400), str(err), api, **reason)


async def _json_object(request: Request, fields: dict[str, tuple[type, bool]]) -> dict[str, Any]:
    """The request's JSON object, checked against `fields` (name → (type, required));
    BadEdit names what is wrong."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadEdit(f"the request body is larger than {MAX_BODY} bytes")
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # [[[… nested past the stack
        raise BadEdit("the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadEdit("the request body must be a JSON object")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise BadEdit(f"unknown field {unknown[0]!r} (allowed: {', '.join(fields)})")
    for name, (kind, required) in fields.items():
        if name not in data:
            if required:
                raise BadEdit(f"missing field {name!r}")
            continue
        value = data[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            want = {str: "a string", bool: "true or false"}[kind]
            raise BadEdit(f"{name!r} must be {want}")
    return data


def create_app(
    folder: ReviewFolder,
    access: Access,
    static_dir: Path | None = None,
    on_error: Callable[[str], None] = lambda message: None,
) -> ASGIApp:
    """The review app over a folder, behind the access rules."""
    static_dir = static_dir or Path(__file__).parent / "static"
    assets = {name: (static_dir / name).read_bytes() for name in STATIC}
    assets["review.css"] = STYLE.encode("utf-8")
    types = {**STATIC, "review.css": "text/css"}

    async def index(request: Request) -> Response:
        try:
            rows, errors = await run_in_threadpool(folder.summaries)
        except ReviewError as err:
            return _review_error(err, api=False)
        return HTMLResponse(page.index_page(folder.directory, rows, errors))

    async def article(request: Request) -> Response:
        try:
            found = await run_in_threadpool(folder.read, request.path_params["article_id"])
        except ReviewError as err:
            return _review_error(err, api=False)
        return HTMLResponse(page.article_page(found))

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return _error(404, f"no such file: {name}", api=False)
        return Response(assets[name], media_type=f"{types[name]}; charset=utf-8")

    async def api_articles(request: Request) -> Response:
        try:
            rows, errors = await run_in_threadpool(folder.summaries)
        except ReviewError as err:
            return _review_error(err)
        for message in errors:
            on_error(message)
        return JSONResponse(
            [
                {
                    "id": r.status.id,
                    "title": r.title,
                    "segments": r.status.segments,
                    "reviewed": r.status.reviewed,
                    "fuzzy": r.status.fuzzy,
                    "untranslated": r.status.untranslated,
                    "errors": r.status.errors,
                    "warnings": r.status.warnings,
                }
                for r in rows
            ]
        )

    async def api_article(request: Request) -> Response:
        try:
            found = await run_in_threadpool(folder.read, request.path_params["article_id"])
        except ReviewError as err:
            return _review_error(err)
        return JSONResponse(
            {
                "id": found.id,
                "version": found.version,
                "segments": [segment_dict(seg) for seg in found.doc.segments],
            }
        )

    async def api_save(request: Request) -> Response:
        try:
            data = await _json_object(
                request,
                {
                    "target": (str, True),
                    "approved": (bool, True),
                    "version": (str, True),
                    "comment": (str, False),
                },
            )
            edit = SegmentEdit(
                data["target"], data["approved"], data["version"], data.get("comment")
            )
            seg, version = await run_in_threadpool(
                folder.save, request.path_params["article_id"], request.path_params["key"], edit
            )
        except ReviewError as err:
            return _review_error(err)
        return JSONResponse({"version": version, "segment": segment_dict(seg)})

    async def api_check(request: Request) -> Response:
        try:
            data = await _json_object(request, {"target": (str, True)})
            seg = await run_in_threadpool(
                folder.preview,
                request.path_params["article_id"],
                request.path_params["key"],
                data["target"],
            )
        except ReviewError as err:
            return _review_error(err)
        return JSONResponse(segment_dict(seg))

    async def api_machine(request: Request) -> Response:
        try:
            await _json_object(request, {})
            target = await run_in_threadpool(
                folder.machine, request.path_params["article_id"], request.path_params["key"]
            )
        except ReviewError as err:
            return _review_error(err)
        return JSONResponse({"target": target})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        api = request.url.path.startswith("/api/")
        messages = {404: "not found", 405: f"{request.method} is not allowed here"}
        return _error(exc.status_code, messages.get(exc.status_code, str(exc.detail)), api)

    segment = "/api/articles/{article_id:str}/segments/{key:str}"
    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/articles/{article_id:str}", article, methods=["GET"]),
            Route("/static/{name:str}", static, methods=["GET"]),
            Route("/api/articles", api_articles, methods=["GET"]),
            Route("/api/articles/{article_id:str}", api_article, methods=["GET"]),
            Route(segment, api_save, methods=["PUT"]),
            Route(f"{segment}/check", api_check, methods=["POST"]),
            Route(f"{segment}/machine", api_machine, methods=["POST"]),
        ],
        exception_handlers={HTTPException: http_error},
    )
    return Guard(app, access)
