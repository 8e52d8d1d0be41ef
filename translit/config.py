"""Project defaults from `translit.toml` or `[tool.translit]` in pyproject.toml.

Looked up in the working directory only. Command-line flags win over the file;
the file wins over the built-in defaults. Unknown keys and wrong types are errors
that name the file, so a typo does not silently do nothing.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# How Vietnamese names without a glossary entry are written (translit.names): the house
# form without diacritics (Pham Minh Chinh) or with them (Phạm Minh Chính).
NameStyle = Literal["romanized", "diacritics"]
NAME_STYLES: tuple[str, ...] = ("romanized", "diacritics")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "translit.toml"
DEVICES = ("cpu", "cuda", "auto")
# Bounds of the engine settings: past them a run only costs memory (a beam of 100,000
# grew past 11 GB) or aborts (100,000 threads), it never translates better.
LIMITS: dict[str, tuple[int, int]] = {
    "beam": (1, 64),
    "threads": (0, 256),  # 0 = every core
    "batch_tokens": (1, 16_384),
}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming it."""


@dataclass(frozen=True)
class Config:
    """Run settings with their defaults."""

    output: Path = Path("outputs")
    glossaries: tuple[Path, ...] = ()  # layered on the shipped glossary
    shipped_glossary: bool = True  # false: only `glossaries` (--no-shipped-glossary)
    model: str | None = None
    beam: int = 4
    device: str = "auto"
    threads: int = 0
    compute_type: str = "auto"
    batch_tokens: int | None = None  # None: the engine's default for the beam
    formats: tuple[str, ...] | None = None  # output format names; None = the defaults
    conventions: bool = True  # numbers and dates in English conventions
    names: NameStyle = "romanized"  # Vietnamese names: "romanized" or "diacritics" (translit.names)
    source: Path | None = field(default=None, compare=False)  # the file read, if any

    def with_overrides(self, **values: Any) -> Config:
        """A copy with every value that is not None replaced (CLI flags win).

        Raises ConfigError naming the option (`--beam`) for a value out of LIMITS.
        """
        given = {k: v for k, v in values.items() if v is not None}
        check_limits(given)
        return dataclasses.replace(self, **given)


def check_limits(values: dict[str, Any], path: Path | None = None) -> None:
    """ConfigError for a number out of LIMITS, naming the file's key or the option."""
    for key, (low, high) in LIMITS.items():
        value = values.get(key)
        if isinstance(value, int) and not low <= value <= high:
            name = f"{path}: {key}" if path else f"--{key.replace('_', '-')}"
            raise ConfigError(f"{name} must be from {low} to {high:,}, not {value:,}")


def _check_path(value: str, key: str, path: Path) -> None:
    if "\0" in value:
        raise ConfigError(f"{path}: {key} must be a path without NUL characters")


_TYPES: dict[str, type | tuple[type, ...]] = {
    "output": str,
    "glossaries": list,
    "shipped_glossary": bool,
    "model": str,
    "beam": int,
    "device": str,
    "threads": int,
    "compute_type": str,
    "batch_tokens": int,
    "formats": list,
    "conventions": bool,
    "names": str,
}


def load_config(directory: Path | None = None) -> Config:
    """Read translit.toml, else [tool.translit] of pyproject.toml, in `directory`."""
    directory = directory or Path.cwd()
    own = directory / CONFIG_FILE
    if own.is_file():
        return _from_table(_read_toml(own), own, directory)
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("translit")
        if isinstance(table, dict):
            return _from_table(table, pyproject, directory)
    return Config()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML ({err})") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read ({err.strerror})") from None


def _from_table(table: dict[str, Any], path: Path, base: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        expected = _TYPES.get(name)
        if expected is None:
            known = ", ".join(sorted(_TYPES))
            raise ConfigError(f"{path}: unknown key {key!r} (known: {known})")
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ConfigError(f"{path}: {key} must be a {_type_name(expected)}")
        values[name] = value
    for key in ("output", "model"):
        if key in values:
            _check_path(values[key], key, path)
    for name in values.get("glossaries", []):
        if isinstance(name, str):
            _check_path(name, "glossaries", path)
    if "output" in values:
        values["output"] = base / values["output"]
    if "glossaries" in values:
        if not all(isinstance(g, str) for g in values["glossaries"]):
            raise ConfigError(f"{path}: glossaries must be a list of file paths")
        values["glossaries"] = tuple(base / g for g in values["glossaries"])
    if "formats" in values:
        if not all(isinstance(f, str) for f in values["formats"]):
            raise ConfigError(f"{path}: formats must be a list of format names")
        values["formats"] = tuple(values["formats"])
    if values.get("names", "romanized") not in NAME_STYLES:
        raise ConfigError(f"{path}: names must be one of {', '.join(NAME_STYLES)}")
    if values.get("device", "auto") not in DEVICES:
        raise ConfigError(f"{path}: device must be one of {', '.join(DEVICES)}")
    check_limits(values, path)
    return Config(source=path, **values)


def _type_name(expected: type | tuple[type, ...]) -> str:
    names: dict[object, str] = {
        str: "string",
        int: "whole number",
        list: "list",
        bool: "true or false",
    }
    return names.get(expected, str(expected))
