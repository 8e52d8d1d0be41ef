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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

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


class ModelError(Exception):
    """A package that cannot be installed, found or removed; the message is one line."""


class ModelMissing(ModelError):
    """No installed package for the language pair."""


@dataclass(frozen=True)
class ModelInfo:
    """An installed translation package."""

    name: str  # directory name, e.g. translate-vi_en-1_9
    path: Path
    from_code: str
    to_code: str
    version: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}".strip()


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
    """Installed translation packages, sorted by pair then newest version first."""
    root = packages_dir()
    if not root.is_dir():
        return []
    models = []
    for path in sorted(root.iterdir()):
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
            )
        )
    # stable sorts: by name, then newest version first, then grouped by pair
    models.sort(key=lambda m: _version_key(m.version), reverse=True)
    models.sort(key=lambda m: (m.from_code, m.to_code))
    return models


def find_model(
    from_code: str = SOURCE_LANG, to_code: str = TARGET_LANG, name: str | None = None
) -> ModelInfo:
    """The package translit uses for the pair: `name` if given, else the newest.

    `name` may be an installed package's directory name or a path to an unpacked
    package directory. Raises ModelMissing with the install hint, ModelError for a
    named model of another language pair or with broken metadata.
    """
    if name:
        direct = Path(name)
        if (direct / "metadata.json").is_file():
            model = _info_from_dir(direct)
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
    return {
        "from_code": meta["from_code"],
        "to_code": meta["to_code"],
        "version": str(meta.get("package_version", "")),
    }


def _check_archive(zf: zipfile.ZipFile, where: str, max_bytes: int) -> tuple[str, dict[str, str]]:
    """Validate an archive's members; return its top-level directory and metadata."""
    tops: set[str] = set()
    total = 0
    files: dict[tuple[str, ...], str] = {}
    folders: set[tuple[str, ...]] = set()
    for member in zf.infolist():
        name = member.filename
        parts = PurePosixPath(name).parts
        if (
            not parts
            or name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in parts
            or ":" in parts[0]
        ):
            raise ModelError(f"{where}: unsafe path in archive: {name!r}")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise ModelError(f"{where}: archive contains a symbolic link: {name!r}")
        long = next((p for p in parts if len(p.encode("utf-8", "surrogatepass")) > NAME_MAX), None)
        if long is not None:
            raise ModelError(
                f"{where}: a name in the archive is longer than {NAME_MAX} bytes: {long[:40]!r}…"
            )
        folders.update(parts[:i] for i in range(1, len(parts)))
        if member.is_dir():
            folders.add(parts)
        elif files.setdefault(parts, name) != name or parts in folders:
            raise ModelError(
                f"{where}: {name!r} is in the archive twice, or as a file and a folder"
            )
        tops.add(parts[0])
        total += member.file_size
    clash = next((files[parts] for parts in files if parts in folders), None)
    if clash is not None:
        raise ModelError(f"{where}: {clash!r} is in the archive as a file and as a folder")
    if len(tops) != 1:
        raise ModelError(f"{where}: expected one top-level directory, found {len(tops)}")
    if total > max_bytes:
        raise ModelError(
            f"{where}: unpacks to {_size(total)}, above the {_size(max_bytes)} limit "
            "(a damaged or hostile archive?)"
        )
    top = tops.pop()
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
    """Extract members into dest, counting real bytes against the size limit."""
    written = 0
    for member in zf.infolist():
        target = dest.joinpath(*PurePosixPath(member.filename).parts)
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(member) as src, open(target, "wb") as out:
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
    """Remove the installed package(s) for the pair (or the one named); return them.

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
        if (m.name == name if name else (m.from_code, m.to_code) == (from_code, to_code))
    ]
    if not targets:
        what = repr(name) if name else f"{from_code}→{to_code}"
        raise ModelMissing(f"no installed model {what}; see `translit models list`")
    for model in targets:
        shutil.rmtree(model.path)
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
    """urlopen with a timeout and our User-Agent (raises what urllib raises)."""
    import urllib.request

    from translit import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"translit/{__version__}"})
    return urllib.request.urlopen(request, timeout=timeout)


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
