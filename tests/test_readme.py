"""The README says what the code does: its checks table is the checks registry (every
command it shows runs as written: tests/test_readme_examples.py)."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from translit.qa import CHECKS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


def code_blocks(text: str) -> list[str]:
    """The fenced code blocks of Markdown text, in order."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_the_checks_table_lists_the_registered_checks_in_order():
    rows = re.findall(
        r"^\| `([a-z-]+)` \| (error|warning|info) \| (.+) \|$", section("Checks"), re.M
    )
    assert [(code, severity) for code, severity, _ in rows] == [
        (code, check.severity) for code, check in CHECKS.items()
    ]
    assert all(description.strip() for _, _, description in rows)
