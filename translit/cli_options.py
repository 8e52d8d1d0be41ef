"""The typer options several commands share, defined once (cli.py, cli_glossary.py)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Literal

import typer


class Device(str, Enum):
    cpu = "cpu"
    cuda = "cuda"
    auto = "auto"


class FromEncoding(str, Enum):
    tcvn3 = "tcvn3"
    vni = "vni"
    viscii = "viscii"
    cp1258 = "cp1258"


class TermStrategy(str, Enum):
    verify = "verify"
    inline = "inline"
    placeholder = "placeholder"


class NameStyle(str, Enum):
    romanized = "romanized"
    diacritics = "diacritics"


GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary YAML file, layered on the shipped glossary; repeat for several, "
        "later files extend earlier ones [default: translit.toml's glossaries].",
    ),
]
NoGlossaryOption = Annotated[
    bool, typer.Option("--no-glossary", help="Use no glossary at all (no terms, no term checks).")
]
NoShippedOption = Annotated[
    bool,
    typer.Option(
        "--no-shipped-glossary",
        help="Leave out the shipped glossary: only the -g files (or translit.toml's).",
    ),
]
FromEncodingOption = Annotated[
    FromEncoding | None,
    typer.Option(
        help="Legacy Vietnamese encoding of articles that are not UTF-8: tcvn3 (ABC fonts "
        "such as .VnTime), vni (VNI-Times), viscii or cp1258 (Windows-1258). Also repairs "
        "such text already saved as UTF-8 mojibake ('Vieät Nam'). UTF-8 articles are read "
        "as they are.",
        show_choices=True,
    ),
]
NamesOption = Annotated[
    NameStyle | None,
    typer.Option(
        help="How Vietnamese people and places without a glossary entry come out: "
        "romanized (Phạm Minh Chính → Pham Minh Chinh, the default) or diacritics (kept as "
        "written) [default: translit.toml's names, else romanized].",
    ),
]
BeamOption = Annotated[
    int | None,
    typer.Option(help="Beam size, 1 to 64; 1 is greedy and fastest [default: 4]."),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option(help="CPU threads, up to 256; 0 = all cores [default: 0]."),
]
ComputeTypeOption = Annotated[
    str | None,
    typer.Option(help="CTranslate2 compute type: auto, int8, float32, ... [default: auto]."),
]


def value(choice: Enum | None) -> str | None:
    """An enum option's value, or None when it was not given."""
    return None if choice is None else str(choice.value)


def strategy_name(choice: TermStrategy) -> Literal["verify", "inline", "placeholder"]:
    """--term-strategy as translit.glossary.enforce spells it."""
    strategies = {
        TermStrategy.verify: "verify",
        TermStrategy.inline: "inline",
        TermStrategy.placeholder: "placeholder",
    }
    return strategies[choice]  # type: ignore[return-value]


def name_style(choice: NameStyle | None) -> Literal["romanized", "diacritics"] | None:
    """--names as translit.names spells it, or None when it was not given."""
    if choice is None:
        return None
    return "diacritics" if choice is NameStyle.diacritics else "romanized"
