"""translit.run: the library call behind `translit translate` gives what the command gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from translit.run import RunError, RunSettings, translate_command

ARTICLE = "Ngoại trưởng Nga tới Mátxcơva.\n\nHai bên đã hội đàm.\n"


def test_the_library_run_writes_what_the_command_writes(with_model, run_cli, tmp_path):
    (tmp_path / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("translate", "bai.txt", "-o", "cli", "-q", "--format", "po,txt").exit_code == 0
    done = translate_command(RunSettings([Path("bai.txt")], output=Path("lib"), formats="po,txt"))
    assert done.output == Path("lib") and done.report.errors == []
    assert done.report.articles == 1
    cli, lib = tmp_path / "cli", tmp_path / "lib"
    assert (lib / "bai.en.txt").read_text(encoding="utf-8") == (cli / "bai.en.txt").read_text(
        encoding="utf-8"
    )
    assert "Moscow" in (lib / "bai.en.txt").read_text(encoding="utf-8")  # the shipped glossary
    strip = lambda text: [line for line in text.splitlines() if "Date:" not in line]  # noqa: E731
    assert strip((lib / "bai.po").read_text(encoding="utf-8")) == strip(
        (cli / "bai.po").read_text(encoding="utf-8")
    )


def test_setup_failures_say_which_exit_they_deserve(no_model, run_cli, tmp_path):
    (tmp_path / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(RunError) as no_model_error:
        translate_command(RunSettings([Path("bai.txt")]))
    assert no_model_error.value.model and "--no-mt" in str(no_model_error.value)
    with pytest.raises(RunError) as bad_format:
        translate_command(RunSettings([Path("bai.txt")], formats="pdf", machine_translation=False))
    assert not bad_format.value.model and "unknown format 'pdf'" in str(bad_format.value)
