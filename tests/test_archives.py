"""Whole archives: --recursive reads a folder tree, the outputs mirror it, ids are unique
and stable, our own files and hidden folders are never articles, and a second run
sends nothing to the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sample_inputs import article_text, news_page, word_file
from translit.articles import article_id, find_articles, is_translit_output

SHORT = "Hà Nội mưa lớn chiều nay. Nhiều tuyến phố bị ngập.\n"


def archive(root: Path) -> Path:
    """A desk's archive: years and months, two `bai-1.txt` in two folders, a saved page,
    a Word file, and things that are not articles."""
    files = {
        "2021/12/bai-1.txt": SHORT,
        "2021/12/trang.html": news_page(),
        "2022/01/bai-1.txt": "Giá xăng giảm nhẹ. Người dân vui mừng.\n",
        "2022/01/sau/bai-2.md": "# Tin ngắn\n\nBão số 3 vào đất liền.\n",
        "tong-hop.txt": article_text(),
        "2022/ghi-chu.pdf": "không phải bài báo",
        ".git/HEAD.txt": "ref: refs/heads/main",
        ".translit-cache/bai-cu.txt": "Một bài cũ trong bộ nhớ đệm.",
        "2021/12/.an.txt": "Tệp ẩn.",
        "2021/12/~$bai-1.docx": "Word lock file",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    word_file(root / "2022/01/word.docx")
    return root


EXPECTED_IDS = [
    "2021/12/bai-1",
    "2021/12/trang",
    "2022/01/bai-1",
    "2022/01/word",
    "2022/01/sau/bai-2",
    "tong-hop",
]


def test_ids_are_paths_under_the_folder_given(tmp_path):
    root = archive(tmp_path / "kho")
    found = find_articles([root], recursive=True)
    assert sorted(a.id for a in found) == sorted(EXPECTED_IDS)
    assert article_id(root / "2021/12/bai-1.txt", root) == "2021/12/bai-1"
    assert article_id(root / "2021/12/bai-1.txt") == "bai-1"
    # without --recursive: the folder's own articles only
    assert [a.id for a in find_articles([root])] == ["tong-hop"]


def test_ids_are_stable_as_the_archive_grows(tmp_path):
    root = archive(tmp_path / "kho")
    before = {a.path: a.id for a in find_articles([root], recursive=True)}
    (root / "2021/12/a-moi.txt").write_text(SHORT, encoding="utf-8")
    (root / "2020").mkdir()
    (root / "2020/bai-1.txt").write_text(SHORT, encoding="utf-8")
    after = {a.path: a.id for a in find_articles([root], recursive=True)}
    assert {p: after[p] for p in before} == before
    assert len(after) == len(before) + 2


def test_links_to_folders_are_not_followed(tmp_path):
    root = archive(tmp_path / "kho")
    os.symlink(root, root / "2022" / "vong")  # a loop
    os.symlink(root / "2021", root / "ban-sao")
    warnings: list[str] = []
    found = find_articles([root], recursive=True, on_warning=warnings.append)
    assert sorted(a.id for a in found) == sorted(EXPECTED_IDS)
    assert sorted(warnings) == [
        f"{root / '2022' / 'vong'}: a link to a folder, not followed",
        f"{root / 'ban-sao'}: a link to a folder, not followed",
    ]


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_recursive_writes_a_mirrored_tree_and_a_second_run_sends_nothing(
    with_model, run_cli, tmp_path
):
    archive(tmp_path / "kho")
    first = run_cli("translate", "kho", "-r", "-o", "out")
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith("6 articles,")
    assert "distinct sent to the model" in first.stderr and "(0 distinct" not in first.stderr
    written = tree(tmp_path / "out")
    expected = [f"{i}{s}" for i in EXPECTED_IDS for s in (".en.txt", ".html", ".po")]
    assert written == sorted([*expected, "2022/01/word.en.docx"])
    second = run_cli("translate", "kho", "-r", "-o", "out")
    assert second.exit_code == 0, second.output
    assert "(0 distinct sent to the model, " in second.stderr
    assert tree(tmp_path / "out") == written
    # two bai-1.txt, two articles, each with its own English
    one = (tmp_path / "out/2021/12/bai-1.en.txt").read_text(encoding="utf-8")
    other = (tmp_path / "out/2022/01/bai-1.en.txt").read_text(encoding="utf-8")
    assert "mưa lớn" in one and "Giá xăng" in other


# into the tree itself, every format but the two that would replace an input article
# (html for trang.html, md for bai-2.md: see test_no_overwrite.py)
@pytest.mark.parametrize(
    "output, formats",
    [
        ("kho", "po,txt,tsv,tmx,xliff,docx"),
        ("kho/ban-dich", "all"),
        ("kho/2021", "all"),
        ("kho/2022/01", "po,txt,html,tsv,tmx,xliff,docx"),
    ],
)
def test_outputs_inside_the_tree_are_never_read_back(
    with_model, run_cli, tmp_path, output, formats
):
    archive(tmp_path / "kho")
    first = run_cli("translate", "kho", "-r", "-o", output, "--format", formats)
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith("6 articles,"), first.output
    again = run_cli("translate", "kho", "-r", "-o", output, "--format", formats)
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith("6 articles, "), again.output
    assert "(0 distinct sent to the model, " in again.stderr


def test_two_folders_with_the_same_ids_are_an_error_for_the_second(no_model, run_cli, tmp_path):
    archive(tmp_path / "a")
    archive(tmp_path / "b")
    result = run_cli("translate", "a", "b", "-r", "-o", "out", "--no-mt")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[1] == (
        f"error: b{os.sep}2021{os.sep}12{os.sep}bai-1.txt: same article id '2021/12/bai-1' as "
        f"a{os.sep}2021{os.sep}12{os.sep}bai-1.txt; rename one, their outputs would overwrite "
        "each other"
    )
    assert len(lines) == len(EXPECTED_IDS) + 1  # one line per clash, then the summary


def test_a_folder_with_only_subfolders_says_to_use_recursive(no_model, run_cli, tmp_path):
    archive(tmp_path / "kho")
    (tmp_path / "kho" / "tong-hop.txt").unlink()
    result = run_cli("translate", "kho", "-o", "out", "--no-mt")
    assert result.exit_code == 2
    assert result.stderr.endswith("(subfolders are read with --recursive)\n")
    assert run_cli("translate", "kho", "-r", "-o", "out", "--no-mt").exit_code == 0


def test_build_and_check_read_a_mirrored_tree(no_model, run_cli, tmp_path):
    archive(tmp_path / "kho")
    assert run_cli("translate", "kho", "-r", "-o", "out", "--no-mt").exit_code == 0
    for path in (tmp_path / "out").rglob("*.en.txt"):
        path.unlink()
    built = run_cli("build", "out", "-r", "--format", "txt")
    assert built.exit_code == 0, built.output
    assert len(list((tmp_path / "out").rglob("*.en.txt"))) == len(EXPECTED_IDS)
    checked = run_cli("check", "out", "-r", "--fail-on", "never")
    assert checked.exit_code == 0 and f"\n{len(EXPECTED_IDS)} files" in checked.output
    status = run_cli("review", "out", "--recursive")
    assert status.exit_code == 0 and f"0 of {len(EXPECTED_IDS)} articles" in status.output


def test_our_files_are_recognised_and_lookalikes_are_not(tmp_path):
    review_page = tmp_path / "a.html"
    review_page.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="translit 0.1.0">\n',
        encoding="utf-8",
    )
    saved_page = tmp_path / "b.html"
    saved_page.write_text(news_page(), encoding="utf-8")
    assert is_translit_output(review_page) and not is_translit_output(saved_page)
    assert is_translit_output(tmp_path / "x.en.txt")
    assert not is_translit_output(word_file(tmp_path / "c.en.docx"))
    (tmp_path / "d.docx").write_bytes(b"PK\x03\x04 broken")
    assert not is_translit_output(tmp_path / "d.docx")
