"""The README says what the code does: its checks table is the checks registry, and
every glossary command it shows runs as written."""

from __future__ import annotations

import re
import shlex

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


def test_every_glossary_command_in_the_readme_runs_as_written(run_cli, tmp_path):
    block = next(
        b for b in code_blocks(section("The glossary")) if b.startswith("translit glossary")
    )
    commands = [line for line in block.splitlines() if line.startswith("translit")]
    assert len(commands) >= 10
    (tmp_path / "article.txt").write_text("Phía Mátxcơva và Nhà trắng.\n", encoding="utf-8")
    (tmp_path / "deepl-glossary.csv").write_text("Hồ Gươm,Hoan Kiem Lake\n", encoding="utf-8")
    for command in commands:
        args = [arg for arg in shlex.split(command, comments=True)[1:] if arg != "[--json]"]
        result = run_cli(*args)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
    assert (tmp_path / "terms.tbx").is_file() and (tmp_path / "desk.yaml").is_file()
