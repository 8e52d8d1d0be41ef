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

import json
import logging
import os
import shutil
import socket
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

SOURCE_LANG = "vi"
TARGET_LANG = "en"
MAX_UNPACKED_BYTES = 4 * 1024**3
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


def _check_archive(zf: zipfile.ZipFile, where: str) -> tuple[str, dict[str, str]]:
    """Validate an archive's members; return its top-level directory and metadata."""
    tops: set[str] = set()
    total = 0
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
        tops.add(parts[0])
        total += member.file_size
    if len(tops) != 1:
        raise ModelError(f"{where}: expected one top-level directory, found {len(tops)}")
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(
            f"{where}: unpacks to {total / 1024**3:.1f} GiB, above the "
            f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GiB limit"
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


def _extract(zf: zipfile.ZipFile, dest: Path, where: str) -> None:
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
                if written > MAX_UNPACKED_BYTES:
                    raise ModelError(f"{where}: unpacks to more than the size limit")
                out.write(chunk)


def install_file(path: Path, expect: tuple[str, str] | None = None) -> ModelInfo:
    """Validate an .argosmodel file and install it, replacing the same package.

    `expect` (from_code, to_code) refuses a package for another language pair.
    Nothing is written outside the packages directory, and nothing is left behind
    when validation or extraction fails.
    """
    where = str(path)
    if not path.is_file():
        raise ModelError(f"{where}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{where}: not an Argos model package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            top, meta = _check_archive(zf, where)
            if expect and (meta["from_code"], meta["to_code"]) != expect:
                raise ModelError(
                    f"{where}: package is {meta['from_code']}→{meta['to_code']}, "
                    f"expected {expect[0]}→{expect[1]}"
                )
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{where}: archive is damaged (bad CRC in {bad})")
            root = packages_dir()
            root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
            try:
                _extract(zf, staging, where)
                _swap_into_place(staging / top, root / top)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
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
    """Remove the installed package(s) for the pair (or the one named); return them."""
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


@contextmanager
def _quiet_network(timeout: float) -> Iterator[None]:
    """Give argostranslate's downloads a timeout and keep its log lines off stderr."""
    logger = logging.getLogger("argostranslate.utils")
    old_level, old_timeout = logger.level, socket.getdefaulttimeout()
    logger.setLevel(logging.CRITICAL)
    socket.setdefaulttimeout(timeout)
    try:
        yield
    finally:
        socket.setdefaulttimeout(old_timeout)
        logger.setLevel(old_level)


def install_from_index(from_code: str, to_code: str, timeout: float = 60.0) -> ModelInfo:
    """Download the pair's package from the Argos package index and install it.

    The index URL is argostranslate's own setting (ARGOS_PACKAGE_INDEX).
    """
    from argostranslate import package as argos_package
    from argostranslate import settings

    index_file = Path(settings.local_package_index)
    with _quiet_network(timeout):
        argos_package.update_package_index()  # logs and returns on failure
        if not index_file.is_file():
            # get_available_packages() would retry forever without an index file
            raise ModelError(
                f"could not read the Argos package index at {settings.remote_package_index} "
                "(no network?); download the .argosmodel file elsewhere and run "
                "`translit models install FILE`"
            )
        try:
            available = argos_package.get_available_packages()
        except (OSError, ValueError) as err:
            raise ModelError(f"the Argos package index is unreadable ({err})") from None
        matches = [p for p in available if (p.from_code, p.to_code) == (from_code, to_code)]
        if not matches:
            raise ModelError(f"the Argos package index has no {from_code}→{to_code} package")
        best = max(matches, key=lambda p: _version_key(str(p.package_version)))
        try:
            downloaded = Path(best.download())
        except Exception as err:  # argostranslate raises bare Exception on failure
            raise ModelError(f"download of the {from_code}→{to_code} model failed: {err}") from None
    try:
        return install_file(downloaded, expect=(from_code, to_code))
    except ModelError:
        downloaded.unlink(missing_ok=True)  # argostranslate would reuse a bad download
        raise
