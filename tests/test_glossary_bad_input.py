"""A bad glossary given to `translit translate -g`: one line naming file:line:col, exit 2.

Nothing is translated with a glossary that does not load (no output directory is even
created), and `translit glossary lint` lists every problem of the same file.
"""

from __future__ import annotations

import os
import stat
import time

import polib
import pytest

from tests.conftest import run_subprocess
from translit.glossary import shipped_glossaries

ARTICLE = "Ông Lê Minh đến Mát-xcơ-va hôm thứ Hai.\n"

BAD = [
    pytest.param(
        "entries:\n  Moscow:\n    vi: [Moskva\n",
        "4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
        id="invalid-yaml",
    ),
    pytest.param(
        "entries:\n  Moscow:\n    vi: Moskva\n",
        "3:9: vi of 'Moscow' must be a list, not a string (write vi: [Moskva])",
        id="wrong-type",
    ),
    pytest.param(
        "entries:\n  Moscow:\n    vi: [Moskva]\n    keep: có\n",
        "4:11: keep of 'Moscow' must be true or false, not a string",
        id="wrong-type-bool",
    ),
    pytest.param(
        "entries:\n  Moscow:\n    vi: [Moskva]\n    colour: red\n",
        "4:5: unknown key 'colour' in entry 'Moscow' (allowed: vi, en, mentions, en_variants, "
        "note, case, not_followed_by, not_preceded_by, keep, replace, section)",
        id="unknown-key",
    ),
    pytest.param(
        "entries:\n  Moscow:\n    vi: [Mát-xcơ-va]\n  Moscow Oblast:\n    vi: [Mátxcơva]\n",
        "5:10: variant 'Mátxcơva' of 'Moscow Oblast' is already claimed by 'Moscow' "
        "(as 'Mát-xcơ-va' at {path}:3:10)",
        id="duplicate-variant",
    ),
    pytest.param(
        "glossary: x\nsource: vi\ntarget: fr\nentries: {}\n",
        "3:9: target must be 'en', not 'fr'",
        id="wrong-target",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_glossary_stops_translate_with_one_line(with_model, run_cli, tmp_path, text, message):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "desk.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("translate", "a.txt", "-o", "out", "--no-shipped-glossary", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:{message.format(path=path)}\n"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert path.read_text(encoding="utf-8") == text  # never touched


@pytest.mark.parametrize(("text", "message"), BAD)
def test_lint_reports_the_same_problem(run_cli, tmp_path, text, message):
    path = tmp_path / "desk.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("glossary", "lint", "--no-shipped-glossary", "-g", str(path))
    assert result.exit_code == 2
    line_col, _, rest = message.format(path=path).partition(": ")
    assert f"{path}:{line_col}: error: {rest}" in result.stdout.splitlines()


def test_a_glossary_that_is_not_text(with_model, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "desk.yaml"
    path.write_bytes(b"entries:\n  Hanoi:\n    vi: [H\xe0 N\xf4i]\n")
    result = run_cli("translate", "a.txt", "-o", "out", "--no-shipped-glossary", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:3:") and "not UTF-8" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
def test_a_100k_entry_glossary_translates(with_model, run_cli, tmp_path):
    lines = ["glossary: big", "source: vi", "target: en", "entries:"]
    for i in range(100_000):
        lines += [f"  Term {i}:", f"    vi: [Thuật ngữ số {i}]"]
    lines += ["  Moscow:", "    vi: [Mát-xcơ-va]"]
    (tmp_path / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE + "Thuật ngữ số 99999 ở đây.\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_cli("translate", "a.txt", "-o", "out", "-g", "big.yaml")
    print(f"100k-entry glossary: {time.perf_counter() - started:.1f} s")  # shown with -s
    assert result.exit_code == 0, result.output
    entries = polib.pofile(str(tmp_path / "out" / "a.po"))
    assert [e.msgstr for e in entries] == [
        "Ông Le Minh đến Moscow hôm thứ Hai.",
        "Term 99999 ở đây.",
    ]
    used = ", ".join([*(p.name for p in shipped_glossaries()), "big.yaml"])
    assert f"2 glossary hits from {used} (2 applied: 2 aligned; 0 missing)" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("glossary", "lint", "--no-shipped-glossary", "-g", "{fifo}"),
        ("translate", "a.txt", "-o", "out", "--no-mt", "-g", "{fifo}"),
        ("glossary", "add-variant", "Moscow", "Mạc-tư-khoa", "--file", "{fifo}"),
        ("glossary", "export", "--format", "csv", "-o", "{fifo}"),
    ],
    ids=["lint", "translate", "add-variant", "export"],
)
def test_a_named_pipe_as_glossary_is_refused_not_waited_on_or_replaced(tmp_path, command):
    """Reading a named pipe waits for a writer for ever; an edit or export replaced it
    with a regular file (as root, `--file /dev/null` replaced the machine's /dev/null)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    fifo = tmp_path / "desk.yaml"
    os.mkfifo(fifo)
    result = run_subprocess(*(a.format(fifo=fifo) for a in command), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
