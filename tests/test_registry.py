"""The formats registry is the one list: the help text and the README's tables follow
it, readers and writers load only when used, and a missing dependency is one line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from translit.cli import app
from translit.formats import registry
from translit.formats.registry import READERS, WRITERS, Requirement, Writer
from translit.io import InputError

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table_rows(first_cell: str) -> list[str]:
    """The first cells of the README table rows whose first cell matches `first_cell`."""
    return re.findall(rf"^\| ({first_cell}) \|", README, flags=re.MULTILINE)


def test_the_readme_lists_every_output_file_in_registry_order():
    assert table_rows(r"`<id>[^`]*`") == [f"`<id>{w.suffix}`" for w in WRITERS]


def test_the_readme_lists_every_article_kind_in_registry_order():
    rows = table_rows(r"`\.[a-z]+`(?:, `\.[a-z]+`)*")
    assert rows == [", ".join(f"`{s}`" for s in r.suffixes) for r in READERS]


def test_the_readme_names_every_format_and_the_defaults():
    names = ", ".join(f"`{w.name}`" for w in WRITERS)
    assert f"`--format` names: {names}" in README
    defaults = ", ".join(f"`{n}`" for n in registry.DEFAULT_FORMATS)
    assert f"By default `translate` writes {defaults}" in README


def help_text(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    return " ".join(result.output.split())


def test_the_help_is_generated_from_the_registry():
    translate = help_text("translate")
    assert registry.formats_help() in translate
    assert f"Article files ({registry.suffix_list()})" in translate
    for w in WRITERS:
        assert w.name in registry.formats_help()
    build = help_text("build")
    assert registry.build_formats_help() in build
    assert "and docx for Word files" in build and "and docx for Word files" in translate


def test_a_writer_added_to_the_registry_reaches_the_help_and_the_choices(monkeypatch):
    extra = Writer("odt", ".en.odt", "translit.formats.txt", "OpenDocument text")
    monkeypatch.setattr(registry, "WRITERS", (*WRITERS, extra))
    monkeypatch.setattr(registry, "WRITER_NAMES", (*registry.WRITER_NAMES, "odt"))
    assert "odt" in registry.formats_help()
    assert registry.parse_formats("po,odt") == ("po", "odt")
    assert registry.writer("odt") is extra


def test_readers_by_suffix_and_the_defaults_they_add():
    assert registry.reader_for(Path("a.HTM")).name == "html"
    assert registry.reader_for(Path("a.docx")).name == "docx"
    assert registry.reader_for(Path("ghi-chu")).name == "txt"  # named as given: text
    assert registry.formats_for(Path("a.docx"), None, ("po", "txt")) == ("po", "txt", "docx")
    assert registry.formats_for(Path("a.html"), None, ("po", "txt")) == ("po", "txt")
    assert registry.formats_for(Path("a.docx"), ("po",), ("po", "txt")) == ("po",)


def test_a_missing_dependency_is_one_line_naming_the_file_and_the_package(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    path = tmp_path / "bai.docx"
    path.write_bytes(b"PK")
    with pytest.raises(
        InputError,
        match=r"bai\.docx: reading Word files needs python-docx, which "
        r"does not import \(.*\); pip install python-docx$",
    ):
        registry.read_document(path)
    needs = (Requirement("docx", "python-docx"),)
    broken = Writer("x", ".x", "translit.formats.txt", "x", needs=needs)
    with pytest.raises(InputError, match="writing x needs python-docx"):
        broken.load(tmp_path / "a.x")


def test_missing_dependency_in_a_run_is_one_line_per_article(
    no_model, run_cli, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "trang.html").write_text("<p>Tin.</p>", encoding="utf-8")
    (tmp_path / "in" / "bai.txt").write_text("Hà Nội mưa.\n", encoding="utf-8")
    result = run_cli("translate", "in", "-o", "out", "--no-mt")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    page = f"in{Path('/')}trang.html"
    assert first.startswith(f"error: {page}: reading saved web pages needs trafilatura")
    assert first.endswith("pip install lxml_html_clean trafilatura")
    assert (tmp_path / "out" / "bai.po").is_file()
