"""Model management: installed Argos packages, safe installation, removal, the index.

Installed packages live where argostranslate keeps them (ARGOS_PACKAGES_DIR, or its
settings.json, or $XDG_DATA_HOME/argos-translate/packages), in the same layout, so
argostranslate and `argospm` see what we install and we see what they install. The
directory is resolved at each call, never at import.

We do not call argostranslate's `install_from_path`/`uninstall`: they import
`argostranslate.translate` (torch, seconds) and extract archives unchecked. Here an
archive is validated (zip, one top-level directory, no unsafe paths, required files,
metadata, size) before anything is written, and extracted beside its destination
then renamed into place.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from translit.engines.base import ModelError, ModelInfo
from translit.engines.profiles import (
    ProfileError,
    argos_profile,
    check_model_folder,
    load_profile,
    one_line,
)

SOURCE_LANG = "vi"
TARGET_LANG = "en"
MAX_UNPACKED_BYTES = 4 * 1024**3  # an Argos model unpacks to a few hundred MB
MAX_INDEX_BYTES = 16 * 1024**2
NETWORK_TIMEOUT = 30.0  # seconds without an answer before a request gives up
MIN_SPEED = 1024  # bytes/s a download must keep up over each timeout-long stretch
NAME_MAX = 255  # bytes in one file or folder name (most file systems)
DEFAULT_PACKAGE_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
_HTTP = ("http://", "https://")
_TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


class ModelMissing(ModelError):
    """No installed package for the language pair."""


def install_hint(from_code: str = SOURCE_LANG, to_code: str = TARGET_LANG) -> str:
    """The commands that install a model for the pair, for error messages."""
    return (
        f"run `translit models install {from_code} {to_code}` (downloads once), or "
        f"`translit models install PATH/translate-{from_code}_{to_code}-*.argosmodel`"
    )


def packages_dir() -> Path:
    """Where argostranslate keeps installed packages, resolved now (not at import)."""
    from argostranslate import settings

    data_home = Path(os.getenv("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    default = data_home / "argos-translate" / "packages"
    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=default))


def _version_key(version: str) -> tuple[Any, ...]:
    import packaging.version

    try:
        return (1, packaging.version.parse(version))
    except packaging.version.InvalidVersion:
        return (0, version)


def installed_models() -> list[ModelInfo]:
    """Installed models, grouped by pair: Argos packages first, newest version first,
    then converted CTranslate2 models (see `models_dir`) by name."""
    root = packages_dir()
    models = []
    for path in sorted(root.iterdir()) if root.is_dir() else ():
        meta_path = path / "metadata.json"
        if path.name.startswith(".") or not meta_path.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
            continue
        models.append(
            ModelInfo(
                name=path.name,
                path=path,
                from_code=str(meta.get("from_code", "")),
                to_code=str(meta.get("to_code", "")),
                version=str(meta.get("package_version", "")),
                licence=argos_profile(path, meta).licence,
            )
        )
    # stable sorts: by name, then newest version first, then grouped by pair
    models.sort(key=lambda m: _version_key(m.version), reverse=True)
    models += converted_models()
    models.sort(key=lambda m: (m.from_code, m.to_code))
    return models


def find_model(
    from_code: str = SOURCE_LANG, to_code: str = TARGET_LANG, name: str | None = None
) -> ModelInfo:
    """The package translit uses for the pair: `name` if given, else the newest.

    `name` may be an installed model's name, a path to an unpacked Argos package or a
    path to a converted CTranslate2 folder. Raises ModelMissing with the install hint,
    ModelError for a named model of another language pair or with broken metadata.
    """
    if name:
        direct = Path(name)
        if (direct / "metadata.json").is_file():
            model = _info_from_dir(direct)
        elif (direct / "model.bin").is_file():
            model = model_info(direct)
        else:
            named = [m for m in installed_models() if m.name == name]
            if not named:
                raise ModelMissing(f"no installed model named {name!r}; see `translit models list`")
            model = named[0]
        if (model.from_code, model.to_code) != (from_code, to_code):
            raise ModelError(
                f"model {name!r} translates {model.from_code}→{model.to_code}, "
                f"not {from_code}→{to_code}"
            )
        return model
    for model in installed_models():
        if model.from_code == from_code and model.to_code == to_code:
            return model
    raise ModelMissing(
        f"no {from_code}→{to_code} translation model is installed: "
        f"{install_hint(from_code, to_code)}"
    )


def _info_from_dir(path: Path) -> ModelInfo:
    meta = _parse_metadata((path / "metadata.json").read_bytes(), str(path))
    return ModelInfo(path.name, path, meta["from_code"], meta["to_code"], meta["version"])


def _parse_metadata(raw: bytes, where: str) -> dict[str, str]:
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ModelError(f"{where}: metadata.json is not valid JSON ({err})") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{where}: metadata.json is not a JSON object")
    missing = [k for k in ("from_code", "to_code") if not isinstance(meta.get(k), str)]
    if missing:
        raise ModelError(f"{where}: metadata.json lacks {', '.join(missing)}")
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"{where}: not a translation package (type {meta.get('type')!r})")
    for key in ("from_code", "to_code", "package_version"):
        if not one_line(str(meta.get(key, ""))):
            raise ModelError(f"{where}: {key} in metadata.json must be one line of text")
    return {
        "from_code": meta["from_code"],
        "to_code": meta["to_code"],
        "version": str(meta.get("package_version", "")),
    }


# An archive member as the checks see it: name, kind ("file", "dir", "link" or
# "special"), and the size it claims.
Member = tuple[str, str, int]


def _check_members(members: list[Member], where: str, max_bytes: int) -> str:
    """Refuse unsafe names, links, special files, several top-level directories and a
    total above `max_bytes`; return the one top-level directory."""
    tops: set[str] = set()
    total = 0
    files: dict[tuple[str, ...], str] = {}
    folders: set[tuple[str, ...]] = set()
    for name, kind, size in members:
        parts = PurePosixPath(name).parts
        if (
            not parts
            or name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in parts
            or ":" in parts[0]
            or not one_line(name)
        ):
            raise ModelError(f"{where}: unsafe path in archive: {name!r}")
        if kind == "link":
            raise ModelError(f"{where}: archive contains a symbolic link: {name!r}")
        if kind == "special":
            raise ModelError(f"{where}: archive contains a link or device file: {name!r}")
        long = next((p for p in parts if len(p.encode("utf-8", "surrogatepass")) > NAME_MAX), None)
        if long is not None:
            raise ModelError(
                f"{where}: a name in the archive is longer than {NAME_MAX} bytes: {long[:40]!r}…"
            )
        folders.update(parts[:i] for i in range(1, len(parts)))
        if kind == "dir":
            folders.add(parts)
        elif files.setdefault(parts, name) != name or parts in folders:
            raise ModelError(
                f"{where}: {name!r} is in the archive twice, or as a file and a folder"
            )
        tops.add(parts[0])
        total += size
    clash = next((files[parts] for parts in files if parts in folders), None)
    if clash is not None:
        raise ModelError(f"{where}: {clash!r} is in the archive as a file and as a folder")
    if len(tops) != 1:
        raise ModelError(f"{where}: expected one top-level directory, found {len(tops)}")
    if next(iter(tops)).startswith("."):  # hidden: never listed, so never usable or removable
        raise ModelError(
            f"{where}: the archive's folder {next(iter(tops))!r} starts with a dot; "
            "a model folder's name may not"
        )
    if total > max_bytes:
        raise ModelError(
            f"{where}: unpacks to {_size(total)}, above the {_size(max_bytes)} limit "
            "(a damaged or hostile archive?)"
        )
    return tops.pop()


def _zip_members(zf: zipfile.ZipFile) -> list[Member]:
    members = []
    for info in zf.infolist():
        kind = "dir" if info.is_dir() else "file"
        if stat.S_ISLNK(info.external_attr >> 16):
            kind = "link"
        members.append((info.filename, kind, info.file_size))
    return members


def _check_archive(zf: zipfile.ZipFile, where: str, max_bytes: int) -> tuple[str, dict[str, str]]:
    """Validate an archive's members; return its top-level directory and metadata."""
    top = _check_members(_zip_members(zf), where, max_bytes)
    names = set(zf.namelist())
    if f"{top}/metadata.json" not in names:
        raise ModelError(f"{where}: not an Argos package (no {top}/metadata.json)")
    if f"{top}/model/model.bin" not in names:
        raise ModelError(f"{where}: no CTranslate2 model ({top}/model/model.bin missing)")
    if not any(f"{top}/{t}" in names for t in _TOKENIZER_FILES):
        raise ModelError(f"{where}: no tokenizer (sentencepiece.model or bpe.model)")
    meta = _parse_metadata(zf.read(f"{top}/metadata.json"), where)
    return top, meta


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _extract(zf: zipfile.ZipFile, dest: Path, where: str, max_bytes: int) -> None:
    """Extract a zip's members into dest, counting real bytes against the size limit."""
    members = [(m.filename, m.is_dir(), lambda m=m: zf.open(m)) for m in zf.infolist()]
    _write_members(members, dest, where, max_bytes)


def _write_members(
    members: list[tuple[str, bool, Callable[..., IO[bytes]]]],
    dest: Path,
    where: str,
    max_bytes: int,
) -> None:
    """Write checked archive members (name, is_dir, open) under dest, counting real
    bytes against the size limit."""
    written = 0
    for name, is_dir, open_member in members:
        target = dest.joinpath(*PurePosixPath(name).parts)
        if is_dir:
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open_member() as src, open(target, "wb") as out:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                if written > max_bytes:
                    raise ModelError(f"{where}: unpacks to more than the {_size(max_bytes)} limit")
                out.write(chunk)


def install_file(
    path: Path,
    expect: tuple[str, str] | None = None,
    *,
    version: str | None = None,
    where: str | None = None,
    max_bytes: int | None = None,
) -> ModelInfo:
    """Validate an .argosmodel file and install it, replacing the same package.

    `expect` (from_code, to_code) refuses a package for another language pair and
    `version` one whose metadata names another version; `where` names the file in
    messages (a download's URL); `max_bytes` caps the unpacked size (default
    MAX_UNPACKED_BYTES). Everything is checked before anything is written; nothing
    is written outside the packages directory, and nothing is left behind when
    validation or extraction fails.
    """
    where = where or str(path)
    limit = MAX_UNPACKED_BYTES if max_bytes is None else max_bytes
    if not path.is_file():
        raise ModelError(f"{where}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(
            f"{where}: not a zip archive, so not an Argos model (incomplete download?)"
        )
    try:
        with zipfile.ZipFile(path) as zf:
            top, meta = _check_archive(zf, where, limit)
            if expect and (meta["from_code"], meta["to_code"]) != expect:
                raise ModelError(
                    f"{where}: package translates {meta['from_code']}→{meta['to_code']}, "
                    f"not {expect[0]}→{expect[1]}"
                )
            if version is not None and meta["version"] != version:
                raise ModelError(
                    f"{where}: package is version {meta['version'] or '(none)'}, "
                    f"the package index says {version}"
                )
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{where}: archive is damaged (bad CRC in {bad})")
            root = packages_dir()
            try:
                root.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
            except OSError as err:
                raise ModelError(f"{root}: cannot install here ({err.strerror or err})") from None
            try:
                _extract(zf, staging, where, limit)
                staged = ModelInfo(top, staging / top, meta["from_code"], meta["to_code"], "")
                prove_loadable(staged, where)
                _swap_into_place(staging / top, root / top)
            except OSError as err:  # a full disk, a name the file system refuses
                raise ModelError(
                    f"{where}: cannot unpack into {root} ({err.strerror or err}); "
                    "nothing was installed"
                ) from None
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as err:
        raise ModelError(f"{where}: archive is damaged ({err})") from None
    return ModelInfo(top, root / top, meta["from_code"], meta["to_code"], meta["version"])


def prove_loadable(model: ModelInfo, where: str) -> None:
    """Load a staged model once, on the CPU, as CTranslate2 and its tokenizer would be
    loaded to translate; ModelError (naming `where`) if they cannot be. A model.bin that
    is damaged, truncated or from a newer CTranslate2 is refused at install, before it
    takes the place of a working model of the same name. int8 on one thread: every
    model loads so, in the least memory."""
    from translit.engines.base import EngineOptions
    from translit.engines.ct2 import CT2Engine

    options = EngineOptions(device="cpu", threads=1, compute_type="int8")
    try:
        CT2Engine(model, options).load()
    except ModelError as err:
        raise ModelError(str(err).replace(str(model.path), where)) from None


def _swap_into_place(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".removing-{final.name}-{os.getpid()}")
        final.rename(old)
    try:
        new.rename(final)
    except OSError:
        if old is not None:
            old.rename(final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_model(from_code: str, to_code: str, name: str | None = None) -> list[ModelInfo]:
    """Remove the installed Argos package(s) for the pair, or the model named (a
    converted model goes only by name); return them.

    An empty name or language code is refused: it would match packages whose metadata
    lacks one.
    """
    if (name is not None and not name.strip()) or (
        name is None and not (from_code.strip() and to_code.strip())
    ):
        raise ModelError("give a model name or two language codes; see `translit models list`")
    targets = [
        m
        for m in installed_models()
        if (
            m.name == name
            if name
            else (m.from_code, m.to_code, m.family) == (from_code, to_code, "argos")
        )
    ]
    if not targets:
        what = repr(name) if name else f"{from_code}→{to_code}"
        raise ModelMissing(f"no installed model {what}; see `translit models list`")
    for model in targets:
        try:
            shutil.rmtree(model.path)
        except OSError as err:  # read-only, in use, a link put there by hand ...
            raise ModelError(f"{model.path}: cannot remove ({err.strerror or err})") from None
    return targets


# ── the Argos package index ───────────────────────────────────────────────────


@dataclass(frozen=True)
class IndexPackage:
    """A translation package the Argos package index offers."""

    code: str  # e.g. translate-vi_en
    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    links: tuple[str, ...]  # http(s) download links, in the index's order

    @property
    def label(self) -> str:
        return f"{self.code} {self.version}".strip()


def index_url() -> str:
    """The index argostranslate downloads: its ARGOS_PACKAGE_INDEX setting + index.json.

    Read now from the environment or argostranslate's settings.json, never at import;
    a setting that already names a .json file is used as it is.
    """
    from argostranslate import settings

    base = str(settings.get_setting("ARGOS_PACKAGE_INDEX", default=DEFAULT_PACKAGE_INDEX))
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def _network_error(err: BaseException, timeout: float) -> str:
    """A short reason for a failed request: `timed out after 5 s`, `Connection refused`."""
    import urllib.error

    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}"
    reason = getattr(err, "reason", err)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _open_url(url: str, timeout: float) -> Any:
    """urlopen with a timeout and our User-Agent (raises what urllib raises).

    The answer (status line and headers) must come within `timeout` seconds in all,
    not only each byte of it: a server trickling its headers is given up (TimeoutError).
    """
    import urllib.request

    from translit import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"translit/{__version__}"})
    with _answer_within(timeout):
        return urllib.request.urlopen(request, timeout=timeout)


@contextlib.contextmanager
def _answer_within(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` (a timer signal: the main thread
    of a POSIX process only; elsewhere the socket's own timeout applies alone)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fetch_index(timeout: float = NETWORK_TIMEOUT) -> list[IndexPackage]:
    """The translation packages the Argos package index offers (downloaded now).

    Entries are read with argostranslate's own `AvailablePackage`; entries it cannot
    read, and links that are not http(s) (ipfs://), are left out. The index is also
    saved where argostranslate keeps its copy, so `argospm` sees the same list.
    """
    import http.client

    from argostranslate.package import AvailablePackage

    url = index_url()
    body = bytearray()
    where = f"the Argos package index at {url}"
    try:
        with _open_url(url, timeout) as response:
            _read_body(response, body.extend, MAX_INDEX_BYTES, timeout, where)
    except ModelError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise ModelError(
            f"cannot read the Argos package index at {url} ({_network_error(err, timeout)}); "
            "check the connection or ARGOS_PACKAGE_INDEX, or download the .argosmodel file "
            "elsewhere and run `translit models install FILE`"
        ) from None
    data = bytes(body)
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: [[[[…
        raise ModelError(f"the Argos package index at {url} is not valid JSON") from None
    if not isinstance(entries, list):
        raise ModelError(f"the Argos package index at {url} is not a list of packages")
    packages = []
    for meta in entries:
        try:
            pkg = AvailablePackage(meta)
        except (AttributeError, TypeError, ValueError):
            continue
        fields = (pkg.from_code, pkg.to_code, pkg.package_version)
        if pkg.type != "translate" or not all(isinstance(f, str) and f for f in fields):
            continue
        links = tuple(
            link for link in pkg.links if isinstance(link, str) and link.startswith(_HTTP)
        )
        code = pkg.code if isinstance(pkg.code, str) and pkg.code else None
        packages.append(
            IndexPackage(
                code=code or f"translate-{pkg.from_code}_{pkg.to_code}",
                from_code=pkg.from_code,
                to_code=pkg.to_code,
                version=pkg.package_version,
                from_name=str(pkg.from_name or ""),
                to_name=str(pkg.to_name or ""),
                links=links,
            )
        )
    _save_argos_index(data)
    return packages


def _save_argos_index(data: bytes) -> None:
    """Keep argostranslate's local copy of the index current (as `argospm update` does)."""
    from argostranslate import settings

    from translit.io import write_atomic

    # a read-only data directory costs argospm its cache, not us the install
    with contextlib.suppress(OSError):
        write_atomic(Path(settings.local_package_index), data.decode("utf-8"))


def _read_body(
    response: Any, write: Callable[[bytes], Any], limit: int, timeout: float, where: str
) -> int:
    """Pass a response's body to `write` as it comes; return its size.

    Every read waits at most `timeout` seconds (the socket's timeout), and the body as
    a whole must keep coming: less than MIN_SPEED bytes a second over any stretch of
    `timeout` seconds (a server trickling a byte at a time) is given up, as is a body
    larger than `limit` bytes (ModelError naming `where`).
    """
    read = getattr(response, "read1", response.read)  # read1: what has arrived, no more
    size = stretch = 0
    started = time.monotonic()
    while chunk := read(1 << 20):
        size += len(chunk)
        stretch += len(chunk)
        if size > limit:
            raise ModelError(f"{where}: larger than {_size(limit)}")
        write(chunk)
        elapsed = time.monotonic() - started
        if elapsed >= timeout:
            if stretch < MIN_SPEED * elapsed:
                raise ModelError(
                    f"{where}: too slow ({_size(stretch)} in {elapsed:.0f} s, less than "
                    f"{_size(MIN_SPEED)}/s); try again later or from another mirror"
                )
            started, stretch = time.monotonic(), 0
    return size


def _download(pkg: IndexPackage, into: Path, timeout: float) -> tuple[Path, str]:
    """Download the package into `into` (a temp file); return it and the link used.

    Each link is tried in turn. A response shorter than its Content-Length (the only
    size the index and the server give) is an incomplete download.
    """
    import http.client

    failures = []
    for link in pkg.links:
        fd, name = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=into)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out, _open_url(link, timeout) as response:
                length = response.headers.get("Content-Length")
                expected = int(length) if length and length.isdigit() else None
                if expected is not None and expected > MAX_UNPACKED_BYTES:
                    raise ModelError(f"{link}: {_size(expected)} is above the size limit")
                size = _read_body(response, out.write, MAX_UNPACKED_BYTES, timeout, link)
            if expected is not None and size != expected:
                raise ModelError(f"{link}: incomplete download ({size:,} of {expected:,} bytes)")
            return tmp, link
        except ModelError as err:
            failures.append(str(err))
        except (OSError, http.client.HTTPException, ValueError) as err:
            failures.append(f"{link}: {_network_error(err, timeout)}")
        except BaseException:  # Ctrl-C: leave no partial download behind
            tmp.unlink(missing_ok=True)
            raise
        tmp.unlink(missing_ok=True)
    if not failures:
        raise ModelError(f"the Argos package index gives no http(s) link for {pkg.label}")
    raise ModelError(f"download of {pkg.label} failed: {'; '.join(failures)}")


def install_from_index(from_code: str, to_code: str, timeout: float = NETWORK_TIMEOUT) -> ModelInfo:
    """Download the pair's newest package from the Argos package index and install it.

    The index URL is argostranslate's ARGOS_PACKAGE_INDEX setting. The index carries
    no checksum or size, so what is checked is what it does carry and what a zip
    carries: the HTTP Content-Length, every member's CRC-32, the package's language
    pair and version against the index entry, and everything `install_file` checks.
    Every request times out after `timeout` seconds; nothing is kept from a failed try.
    """
    offered = [p for p in fetch_index(timeout) if (p.from_code, p.to_code) == (from_code, to_code)]
    if not offered:
        raise ModelError(
            f"the Argos package index ({index_url()}) has no {from_code}→{to_code} package; "
            "see `translit models available`"
        )
    best = max(offered, key=lambda p: _version_key(p.version))
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    downloaded, link = _download(best, root, timeout)
    try:
        return install_file(
            downloaded, expect=(from_code, to_code), version=best.version, where=link
        )
    finally:
        downloaded.unlink(missing_ok=True)


# ── converted CTranslate2 models (OPUS-MT, NLLB, M2M100, ... with a profile) ─────────

MODELS_DIR_ENV = "TRANSLIT_MODELS_DIR"
MAX_CONVERTED_BYTES = 64 * 1024**3  # NLLB-200 3.3B in float16 is 6.6 GB


def models_dir() -> Path:
    """Where translit installs converted CTranslate2 models: $TRANSLIT_MODELS_DIR, else
    $XDG_DATA_HOME/translit/models (resolved now, not at import).

    Not argostranslate's packages folder: argostranslate and argospm fail on a folder
    there that has no Argos metadata.json.
    """
    configured = os.getenv(MODELS_DIR_ENV)
    if configured:
        return Path(configured)
    data_home = Path(os.getenv("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "translit" / "models"


def model_info(path: Path) -> ModelInfo:
    """What a converted CTranslate2 folder is, from its profile (ModelError if none fits)."""
    try:
        profile = load_profile(path)
    except ProfileError as err:
        raise ModelError(str(err)) from None
    return ModelInfo(
        name=path.resolve().name,
        path=path,
        from_code=profile.from_code,
        to_code=profile.to_code,
        version=profile.version,
        family=profile.family,
        licence=profile.licence,
    )


def converted_models() -> list[ModelInfo]:
    """The converted CTranslate2 models installed in `models_dir`, by name (a folder
    whose profile cannot be read is left out, as a broken Argos package is)."""
    root = models_dir()
    found = []
    for path in sorted(root.iterdir()) if root.is_dir() else ():
        if path.name.startswith(".") or not path.is_dir():
            continue
        try:
            found.append(model_info(path))
        except ModelError:
            continue
    return found


def model_size(model: ModelInfo) -> int:
    """Bytes the model's files take on disk."""
    total = 0
    for root, _dirs, files in os.walk(model.path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def models_table(models: list[ModelInfo], used: Path | None = None) -> str:
    """Installed models as aligned columns under a header: name, family, pair,
    version, size on disk, licence and folder; `used` (the default) marked with *."""
    rows = [("", "NAME", "FAMILY", "PAIR", "VERSION", "SIZE", "LICENCE", "PATH")]
    for m in models:
        rows.append(
            (
                "*" if m.path == used else " ",
                m.name,
                m.family,
                f"{m.from_code}→{m.to_code}",
                m.version or "-",
                _size(model_size(m)),
                m.licence or "see the model card",
                str(m.path),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([cell.ljust(width) for cell, width in zip(row, widths, strict=False)] + [row[-1]])
        for row in rows
    )


def install_model(path: Path, expect: tuple[str, str] | None = None) -> ModelInfo:
    """Install what `path` is: a converted CTranslate2 folder, a zip or tar archive of
    one (`model.bin` in its top-level folder; see `install_converted`), else an Argos
    package file (`install_file`)."""
    if path.is_dir():
        return install_converted(path, expect)
    if path.suffix != ".argosmodel" and path.is_file():
        if zipfile.is_zipfile(path):
            with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(path) as zf:
                if _converted_layout(zf.namelist()):
                    return install_converted(path, expect)
        elif _is_tar(path):
            return install_converted(path, expect)
    return install_file(path, expect)


def _converted_layout(names: list[str]) -> bool:
    """Whether archive member names are a converted model's folder (top/model.bin, no
    Argos metadata.json)."""
    depth_two = {tuple(n.split("/")[1:]) for n in names if n.count("/") == 1}
    return ("model.bin",) in depth_two and ("metadata.json",) not in depth_two


def _is_tar(path: Path) -> bool:
    import tarfile

    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def install_converted(
    source: Path, expect: tuple[str, str] | None = None, *, max_bytes: int | None = None
) -> ModelInfo:
    """Install a converted CTranslate2 model folder, or a zip/tar archive of one, into
    `models_dir`, replacing a model of the same name.

    The folder (or the archive's one top-level folder) must hold model.bin,
    config.json, the vocabulary and the tokenizer its profile names; a folder may not
    contain symbolic links, an archive no unsafe paths, links or devices, nor unpack
    past `max_bytes` (default MAX_CONVERTED_BYTES). The files are copied into a
    staging folder beside the destination and proved usable there
    (`profiles.check_model_folder`: tokenizer loads, special tokens and test tokens
    in the vocabulary, the language pair is `expect`) before they take its place;
    nothing is left behind when a check or the copy fails.
    """
    where = str(source)
    limit = MAX_CONVERTED_BYTES if max_bytes is None else max_bytes
    root = models_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    except OSError as err:
        raise ModelError(f"{root}: cannot create the models folder ({err.strerror})") from None
    try:
        try:
            name = _stage(source, staging, where, limit)
        except (OSError, EOFError, zlib.error, NotImplementedError) as err:
            reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
            raise ModelError(f"{where}: cannot copy the model ({reason})") from None
        staged = staging / name
        try:
            profile = check_model_folder(staged)
        except ProfileError as err:
            raise ModelError(str(err).replace(str(staged), where)) from None
        prove_loadable(ModelInfo(name, staged, profile.from_code, profile.to_code, ""), where)
        if expect and (profile.from_code, profile.to_code) != expect:
            raise ModelError(
                f"{where}: model translates {profile.from_code}→{profile.to_code}, "
                f"not {expect[0]}→{expect[1]} (set from and to in its translit-model.toml)"
            )
        if (packages_dir() / name).exists():
            raise ModelError(
                f"{where}: an Argos package named {name!r} is installed; rename the folder"
            )
        try:
            _swap_into_place(staged, root / name)
        except OSError as err:
            raise ModelError(f"{root / name}: cannot install ({err.strerror})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return model_info(root / name)


def _stage(source: Path, staging: Path, where: str, max_bytes: int) -> str:
    """Copy or unpack the model into staging; return the model folder's name there."""
    if source.is_dir():
        name = source.resolve().name
        if (source / "metadata.json").is_file():
            raise ModelError(
                f"{where}: an unpacked Argos package; install its .argosmodel file, "
                f"or use the folder as it is with --model {where}"
            )
        if not (source / "model.bin").is_file():
            raise ModelError(
                f"{where}: not a converted CTranslate2 model folder (no model.bin); "
                "see `ct2-transformers-converter` in the README"
            )
        if not name or name.startswith("."):
            raise ModelError(f"{where}: a model folder's name may not start with a dot")
        if not one_line(name):  # (named by its parent: the path itself would break the line)
            raise ModelError(
                f"{source.resolve().parent}: the model's name {name!r} holds a control "
                "character; rename the folder"
            )
        _copy_folder(source, staging / name, where)
        return name
    if not source.is_file():
        raise ModelError(f"{where}: no such file or folder")
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            top = _check_members(_zip_members(zf), where, max_bytes)
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{where}: archive is damaged (bad CRC in {bad})")
            _extract(zf, staging, where, max_bytes)
        return top
    import tarfile

    try:
        with tarfile.open(source) as tf:
            infos = tf.getmembers()
            top = _check_members([_tar_member(m) for m in infos], where, max_bytes)
            members = [(m.name, m.isdir(), lambda m=m: tf.extractfile(m)) for m in infos]
            _write_members(members, staging, where, max_bytes)  # type: ignore[arg-type]
    except tarfile.TarError as err:
        raise ModelError(f"{where}: archive is damaged ({err})") from None
    return top


def _tar_member(info: Any) -> Member:  # info: tarfile.TarInfo
    if info.issym():
        kind = "link"
    elif info.isdir():
        kind = "dir"
    elif info.isfile():
        kind = "file"
    else:  # hard link, device, fifo
        kind = "special"
    return (info.name, kind, info.size)


def _copy_folder(source: Path, dest: Path, where: str) -> None:
    """Copy a model folder's regular files and folders; refuse links and devices."""
    dest.mkdir()
    for entry in sorted(source.iterdir()):
        mode = entry.lstat().st_mode
        relative = entry.relative_to(source)
        if stat.S_ISLNK(mode):
            raise ModelError(
                f"{where}: {relative} is a symbolic link; copy the real files into the folder"
            )
        if stat.S_ISDIR(mode):
            _copy_folder(entry, dest / entry.name, f"{where}/{entry.name}")
        elif stat.S_ISREG(mode):
            shutil.copyfile(entry, dest / entry.name, follow_symlinks=False)
        else:
            raise ModelError(f"{where}: {relative} is not a regular file")
