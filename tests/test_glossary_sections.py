"""Glossary sections: a file's `section:` (or an entry's) groups entries, and
`translit glossary list --section` shows one group (countries, capitals...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translit.glossary import in_sections, lint_glossaries, load_glossaries

WORLD = """\
glossary: world
section: countries
entries:
  Ghana:
    vi: [Ga-na]
  Accra:
    vi: [A-cra]
    section: capitals
  Kumasi:
    vi: [Ku-ma-xi]
    section: cities
"""

DESK = """\
entries:
  Hanoi:
    vi: [Hà Nội]
"""


@pytest.fixture
def world(tmp_path: Path) -> Path:
    path = tmp_path / "world.yaml"
    path.write_text(WORLD, encoding="utf-8")
    return path


def _terms(data: list[dict[str, object]]) -> list[object]:
    return [d["term"] for d in data]


def test_an_entry_takes_its_files_section_unless_it_names_its_own(world, tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(DESK, encoding="utf-8")
    merged = load_glossaries([world, desk])
    assert {t: e.section for t, e in merged.entries.items()} == {
        "Ghana": "countries",
        "Accra": "capitals",
        "Kumasi": "cities",
        "Hanoi": "",
    }
    assert [e.term for e in in_sections(merged, ["capitals", "countries"])] == ["Ghana", "Accra"]
    assert len(in_sections(merged, [])) == 4


def test_a_desk_entry_that_extends_a_shipped_one_keeps_its_section_unless_it_says(tmp_path):
    shipped = tmp_path / "world.yaml"
    shipped.write_text(WORLD, encoding="utf-8")
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        "section: desk\nentries:\n  Ghana:\n    vi: [Gha-na]\n"
        "  Accra:\n    vi: [Ắc-ra]\n    section: cities\n  Saigon:\n    vi: [Sài Gòn]\n",
        encoding="utf-8",
    )
    merged = load_glossaries([shipped, desk]).entries
    assert merged["Ghana"].section == "countries"  # extended, not moved by the file's section
    assert merged["Ghana"].vi == ("Ga-na", "Gha-na")
    assert merged["Accra"].section == "cities"  # the entry says so
    assert merged["Saigon"].section == "desk"  # the desk's own entry


def test_list_json_filters_by_section(run_cli, world):
    alone = ("--no-shipped-glossary", "-g", str(world))
    result = run_cli("glossary", "list", "--json", "--section", "capitals", *alone)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert _terms(data) == ["Accra"]
    assert data[0]["section"] == "capitals"

    result = run_cli("glossary", "list", "-s", "countries", "-s", "cities", *alone)
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["Ghana", "Kumasi"]


def test_an_unknown_section_is_an_error_naming_the_sections_there_are(run_cli, world):
    result = run_cli(
        "glossary", "list", "--section", "capital", "--no-shipped-glossary", "-g", str(world)
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "error: no entries in section 'capital'; the sections are capitals, cities, countries"
    )


def test_show_names_the_section(run_cli, world):
    result = run_cli("glossary", "show", "A-cra", "--no-shipped-glossary", "-g", str(world))
    assert result.exit_code == 0, result.output
    assert "  section: capitals\n" in result.stdout


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "section: Countries\nentries:\n  Ghana:\n    vi: [Ga-na]\n",
            "1:10",
            "section must be lowercase letters or digits joined by hyphens (countries, "
            "capitals, organisations, leaders), not 'Countries'",
        ),
        (
            "entries:\n  Ghana:\n    vi: [Ga-na]\n    section: [countries]\n",
            "4:14",
            "section of 'Ghana' must be a string, not a list",
        ),
        (
            "entries:\n  Ghana:\n    vi: [Ga-na]\n    section: west africa\n",
            "4:14",
            "section of 'Ghana' must be lowercase letters or digits joined by hyphens "
            "(countries, capitals, organisations, leaders), not 'west africa'",
        ),
    ],
)
def test_a_bad_section_is_a_lint_error_at_its_place(tmp_path, text, where, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    problems = lint_glossaries([path])
    assert [str(p) for p in problems] == [f"{path}:{where}: error: {message}"]


def test_the_shipped_glossary_lists_by_section(run_cli):
    result = run_cli("glossary", "list", "--json", "--section", "countries")
    assert result.exit_code == 0, result.output
    countries = _terms(json.loads(result.stdout))
    assert {"Ecuador", "Ghana", "Tibet", "Kosovo"} <= set(countries)
    assert "Quito" not in countries and "FAO" not in countries
    result = run_cli("glossary", "list", "--json", "--section", "organisations")
    organisations = _terms(json.loads(result.stdout))
    assert "Food and Agriculture Organization" in organisations
    assert "Ecuador" not in organisations
    result = run_cli("glossary", "list", "--json", "-s", "leaders", "-s", "capitals")
    both = _terms(json.loads(result.stdout))
    assert {"Joe Biden", "Xi Jinping", "Quito", "Moscow"} <= set(both)
    assert "Russia" not in both
