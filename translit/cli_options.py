"""Command-line options several command modules share (the typer layer)."""

from __future__ import annotations

from enum import Enum


class FromEncoding(str, Enum):
    tcvn3 = "tcvn3"
    vni = "vni"
    viscii = "viscii"
    cp1258 = "cp1258"


FROM_ENCODING_HELP = (
    "Legacy Vietnamese encoding of articles that are not UTF-8: tcvn3 (ABC fonts such as "
    ".VnTime), vni (VNI-Times), viscii or cp1258 (Windows-1258). Also repairs such text "
    "already saved as UTF-8 mojibake ('Vieät Nam'). UTF-8 articles are read as they are."
)


def encoding_name(option: FromEncoding | None) -> str | None:
    """The `--from-encoding` value as `translit.io.decode_text` takes it."""
    return option.value if option else None
