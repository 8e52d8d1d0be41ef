"""Desk glossaries layered on the shipped one, through the real CLI: a desk entry
extends the shipped entry it shares a term with (or replaces it when it says so),
edits of a shipped term write an extension into the desk file and say so, lint reports
overrides, and the run summary and PO header name the glossaries used."""

from __future__ import annotations

import json

import polib

from translit.glossary import load_glossaries, shipped_glossaries

ARTICLE = "Phía Mạc-tư-khoa và Mátxcơva cùng lên tiếng.\n"


def test_a_desk_entry_extends_the_shipped_one_in_a_translation(with_model, run_cli, tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text("entries:\n  Moscow:\n    vi: [Mạc-tư-khoa]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("translate", "a.txt", "-o", "out", "-g", "desk.yaml")
    assert result.exit_code == 0, result.output
    (entry,) = polib.pofile(str(tmp_path / "out" / "a.po"))
    # the desk's new variant and the shipped one both come out as Moscow
    assert entry.msgstr == "Phía Moscow và Moscow cùng lên tiếng."
    used = ", ".join([*(p.name for p in shipped_glossaries()), "desk.yaml"])
    assert f"2 glossary hits from {used} (2 applied" in result.stderr
    header = polib.pofile(str(tmp_path / "out" / "a.po")).metadata
    assert header["X-Translit-Glossaries"] == used

    alone = run_cli("translate", "a.txt", "-o", "alone", "--no-shipped-glossary", "-g", "desk.yaml")
    assert alone.exit_code == 0, alone.output
    (entry,) = polib.pofile(str(tmp_path / "alone" / "a.po"))
    assert entry.msgstr == "Phía Moscow và Mátxcơva cùng lên tiếng."  # the desk file alone
    assert "from desk.yaml (" in alone.stderr


def test_translit_toml_can_leave_the_shipped_glossary_out(with_model, run_cli, tmp_path):
    (tmp_path / "desk.yaml").write_text("entries:\n  Saigon:\n    vi: [Sài Gòn]\n", "utf-8")
    (tmp_path / "translit.toml").write_text(
        'glossaries = ["desk.yaml"]\nshipped_glossary = false\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Sài Gòn và Mátxcơva.\n", encoding="utf-8")
    assert run_cli("translate", "a.txt", "-o", "out").exit_code == 0
    (entry,) = polib.pofile(str(tmp_path / "out" / "a.po"))
    assert entry.msgstr == "Saigon và Mátxcơva."


def test_add_variant_for_a_shipped_term_writes_an_extension_and_says_so(run_cli, tmp_path):
    desk = tmp_path / "desk.yaml"
    result = run_cli("glossary", "add-variant", "Moscow", "Mạc-tư-khoa", "--file", str(desk))
    assert result.exit_code == 0, result.output
    assert "added 'Mạc-tư-khoa' to 'Moscow' in" in result.stdout
    assert "(extends the entry of " in result.stdout and "capitals.yaml:" in result.stdout
    assert "entries:\n  Moscow:\n    vi: [Mạc-tư-khoa]\n" in desk.read_text(encoding="utf-8")
    merged = load_glossaries([*shipped_glossaries(), desk]).entries["Moscow"]
    assert "Mátxcơva" not in merged.vi  # (covered by Mát-xcơ-va)
    assert {"Moskva", "Mát-xcơ-va", "Mạc-tư-khoa"} <= set(merged.vi)  # shipped ones kept
    assert "Moskva" in merged.en_variants and merged.case_sensitive is False

    again = run_cli("glossary", "add-variant", "Moscow", "Moskva", "--file", str(desk))
    assert again.exit_code == 2
    assert "'Moskva' is already a variant of 'Moscow'" in again.stderr
    assert again.stderr.count("\n") == 1

    added = run_cli("glossary", "add", "Kyiv", "--vi", "Ki-ép-xcơ", "--file", str(desk))
    assert added.exit_code == 0, added.output
    assert "(extends the entry of " in added.stdout
    kyiv = load_glossaries([*shipped_glossaries(), desk]).entries["Kyiv"]
    assert "Ki-ev" in kyiv.vi and "Ki-ép-xcơ" in kyiv.vi and kyiv.en_variants == ("Kiev",)


def test_import_into_a_desk_file_extends_shipped_terms(run_cli, tmp_path):
    """A desk's two-column table names shipped terms too (countries, capitals): their
    rows extend the shipped entries, as add-variant does, instead of being refused."""
    table = tmp_path / "desk-terms.tsv"
    table.write_text(
        "Mạc-tư-khoa\tMoscow\nNga\tRussia\nLàng cổ Đường Lâm\tDuong Lam Ancient Village\n",
        encoding="utf-8",
    )
    desk = tmp_path / "desk.yaml"
    result = run_cli("glossary", "import", str(table), "--file", str(desk))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"imported 3 rows into {desk}: 2 new entries, 2 variants added, 1 already there "
        "(Moscow extends the entry of "
    )
    merged = load_glossaries([*shipped_glossaries(), desk]).entries
    assert {"Moskva", "Mát-xcơ-va", "Mạc-tư-khoa"} <= set(merged["Moscow"].vi)
    assert merged["Duong Lam Ancient Village"].vi == ("Làng cổ Đường Lâm",)
    assert "Russia" not in load_glossaries([desk]).entries  # Nga is shipped: nothing to add

    taken = tmp_path / "taken.tsv"
    taken.write_text("Mát-xcơ-va\tMoscow City\n", encoding="utf-8")
    refused = run_cli("glossary", "import", str(taken), "--file", str(desk))
    assert refused.exit_code == 2
    assert "'Mát-xcơ-va' already belongs to 'Moscow'" in refused.stderr


def test_editing_without_a_desk_file_never_touches_the_shipped_glossary(run_cli):
    shipped = shipped_glossaries()[0]
    before = shipped.read_bytes()
    result = run_cli("glossary", "add-variant", "Moscow", "Mạc-tư-khoa")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: not editing the shipped glossary by default")
    assert shipped.read_bytes() == before


def test_lint_reports_a_desk_entry_that_replaces_or_overrides_a_shipped_one(run_cli, tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        "entries:\n"
        "  Kyiv:\n    vi: [Ki-ép]\n    replace: true\n"
        "  Britain:\n    vi: [Anh Cát Lợi]\n    case: insensitive\n"
        "  Moscow:\n    vi: [Mạc-tư-khoa]\n"
        "  Atlantis:\n    en: [Atlantean]\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "lint", "-g", str(desk))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if str(desk) in line]
    assert len(warnings) == 3, result.stdout
    assert warnings[0].startswith(f"{desk}:2:3: warning: 'Kyiv' replaces the entry of ")
    assert "its variants 'Kyiv', 'Ki-ev' no longer match" in warnings[0]
    assert warnings[1].startswith(f"{desk}:5:3: warning: 'Britain' extends the entry of ")
    assert warnings[1].endswith("and overrides its case (insensitive)")
    assert warnings[2] == (
        f"{desk}:10:3: warning: 'Atlantis' has no vi variants here and extends no earlier "
        "entry: it matches nothing"
    )  # Moscow, a plain extension, is no warning


def test_find_json_lists_hits_with_their_english(run_cli, tmp_path):
    import json

    result = run_cli("glossary", "find", "Ông Biden và Liên minh châu Âu (EU)", "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert [(h["term"], h["text"], h["start"], h["end"], h["english"]) for h in hits] == [
        ("Joe Biden", "Biden", 4, 9, "Biden"),
        ("European Union", "Liên minh châu Âu", 13, 30, "European Union"),
        ("European Union", "EU", 32, 34, "EU"),
    ]
    article = tmp_path / "a.txt"
    article.write_text("Tin từ Mát-xcơ-va.\n\nHà Lan thắng.\n", encoding="utf-8")
    result = run_cli("glossary", "find", str(article), "--json")
    hits = json.loads(result.stdout)["hits"]
    assert [(h["file"], h["paragraph"], h["term"]) for h in hits] == [
        (str(article), 1, "Moscow"),
        (str(article), 2, "the Netherlands"),
    ]


def test_find_reads_a_legacy_encoded_article_as_the_message_says(run_cli, tmp_path):
    from translit import legacy

    text = (
        "Phía Mátxcơva cho biết Nga sẵn sàng đối thoại, còn Nhà Trắng tuyên bố sẽ tiếp tục "
        "hỗ trợ.\n"
    )
    (tmp_path / "cu.txt").write_bytes(legacy.encode(text, "tcvn3"))
    refused = run_cli("glossary", "find", "cu.txt")
    assert refused.exit_code == 2 and "run again with --from-encoding tcvn3" in refused.stderr
    result = run_cli("glossary", "find", "cu.txt", "--from-encoding", "tcvn3", "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert [(h["text"], h["term"]) for h in hits] == [
        ("Mátxcơva", "Moscow"),
        ("Nga", "Russia"),
        ("Nhà Trắng", "the White House"),
    ]
