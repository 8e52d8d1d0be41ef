"""No output file ever has the path of an input article, whatever the input and output
folders and formats: the run is refused with one line before anything is written.

Every combination below runs the real CLI on a fresh folder of articles of each kind
(.txt, .md, .html, .docx, and a subfolder); afterwards every article is byte for byte
what it was, and the run either succeeded or was refused having written nothing. The
test knows which combinations must be refused (an output named like an input, or
like an article that is not ours), so a check that refused everything fails too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sample_inputs import article_text, word_file
from translit.formats.registry import ARTICLE_SUFFIXES, DEFAULT_FORMATS, WRITERS, writer

SHORT = "Hà Nội mưa lớn chiều nay. Nhiều tuyến phố bị ngập.\n"
PAGE = (  # a small saved page: what is checked here is where files go
    "<html><head><title>Mưa lớn ở Hà Nội</title></head><body><article>"
    "<h1>Mưa lớn ở Hà Nội</h1><p>Hà Nội mưa lớn chiều nay. Nhiều tuyến phố bị ngập "
    "sau hai giờ mưa, giao thông ùn tắc kéo dài đến tối.</p></article></body></html>"
)
# None (the defaults), all, po (whose suffix no article has), and every writer whose
# file ends like an article (.en.txt, .html, .md, .en.docx): each could hit one.
FORMAT_CHOICES = [
    None,
    "all",
    "po",
    *(w.name for w in WRITERS if w.suffix.endswith(ARTICLE_SUFFIXES)),
]


def make_folder(base: Path) -> None:
    """in/ with an article of each kind and a subfolder; a stray article beside it."""
    (base / "in" / "sub").mkdir(parents=True)
    (base / "in" / "a.txt").write_text(SHORT, encoding="utf-8")
    (base / "in" / "a.en.txt").write_text(SHORT, encoding="utf-8")  # named like our output
    (base / "in" / "b.md").write_text("# Tin ngắn\n\nBão số 3 vào đất liền.\n", encoding="utf-8")
    (base / "in" / "c.html").write_text(PAGE, encoding="utf-8")
    word_file(base / "in" / "d.docx")
    (base / "in" / "sub" / "e.md").write_text(article_text(), encoding="utf-8")
    (base / "in" / "sub" / "f.html").write_text(PAGE, encoding="utf-8")
    (base / "b.md").write_text("Một bài của người dùng, không phải đầu vào.\n", encoding="utf-8")
    os.symlink("in", base / "link")


# (name, input arguments, output folder, recursive); paths relative to the base folder
CASES = [
    ("out-is-in", ["in"], "in", False),
    ("out-is-a-subfolder", ["in"], "in/sub", False),
    ("out-is-the-parent", ["in"], ".", False),
    ("out-is-a-link-to-in", ["in"], "link", False),
    ("in-through-a-link", ["link"], "in", False),
    ("files-named", ["in/a.txt", "in/b.md", "in/c.html", "in/d.docx"], "in", False),
    ("our-name-named", ["in/a.txt", "in/a.en.txt"], "in", False),
    ("tree-into-itself", ["in"], "in", True),
    ("tree-into-its-subfolder", ["in"], "in/sub", True),
]

# The input articles of each case, as (path, id); what find_articles must give.
ARTICLES = {
    False: [("in/a.txt", "a"), ("in/b.md", "b"), ("in/c.html", "c"), ("in/d.docx", "d")],
    True: [
        ("in/a.txt", "a"),
        ("in/b.md", "b"),
        ("in/c.html", "c"),
        ("in/d.docx", "d"),
        ("in/sub/e.md", "sub/e"),
        ("in/sub/f.html", "sub/f"),
    ],
}
# Articles that are not inputs of every case; `in/a.en.txt` is not one of them: a file
# named like our English (`<id>.en.txt`) is ours, unless it is named as an input.
USERS_FILES = ["b.md", "in/sub/e.md", "in/sub/f.html"]


def inputs_of(args: list[str], recursive: bool) -> list[tuple[str, str]]:
    if args == ["in"] or args == ["link"]:
        return [(p.replace("in/", f"{args[0]}/", 1), i) for p, i in ARTICLES[recursive]]
    return [(arg, Path(arg).stem) for arg in args]


def formats_of(source: str, chosen: str | None) -> list[str]:
    if chosen == "all":
        return [w.name for w in WRITERS]
    if chosen:
        return [chosen]
    return [*DEFAULT_FORMATS, *(["docx"] if source.endswith(".docx") else [])]


def protected(base: Path, args: list[str], recursive: bool) -> set[Path]:
    """The files no run may change: its input articles, and the user's articles."""
    return {(base / p).resolve() for p, _ in inputs_of(args, recursive)} | {
        (base / p).resolve() for p in USERS_FILES
    }


def must_refuse(base: Path, args: list[str], output: str, recursive: bool, chosen) -> bool:
    """Whether an output of this run lands on an input article or on a user's article."""
    inputs = inputs_of(args, recursive)
    kept = protected(base, args, recursive)
    return any(
        (base / output / f"{article_id}{writer(name).suffix}").resolve() in kept
        for source, article_id in inputs
        for name in formats_of(source, chosen)
    )


def snapshot(base: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(base)): p.read_bytes()
        for p in base.rglob("*")
        if p.is_file() and not p.is_symlink() and "link" not in p.relative_to(base).parts
    }


@pytest.mark.parametrize("name, args, output, recursive", CASES, ids=[c[0] for c in CASES])
def test_no_input_article_is_ever_overwritten(
    no_model, run_cli, tmp_path, name, args, output, recursive
):
    refused = 0
    for i, chosen in enumerate(FORMAT_CHOICES):
        base = tmp_path / f"run{i}"
        make_folder(base)
        before = snapshot(base)
        command = ["translate", *(str(base / a) for a in args), "-o", str(base / output)]
        command += ["--no-mt", "--no-glossary", "-q"] + (["-r"] if recursive else [])
        command += ["--format", chosen] if chosen else []
        result = run_cli(*command)
        after = snapshot(base)
        label = f"{name} --format {chosen}"
        for path in protected(base, args, recursive):
            key = str(path.relative_to(base.resolve()))
            assert after.get(key) == before[key], f"{label}: {key} changed"
        if must_refuse(base, args, output, recursive, chosen):
            refused += 1
            assert result.exit_code == 2, f"{label}: not refused\n{result.output}"
            assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), label
            assert "would overwrite the input article" in result.stderr or (
                "exists and is not a file translit wrote" in result.stderr
            ), label
            assert after == before, f"{label}: refused, but something was written"
        else:
            assert result.exit_code == 0, f"{label}: refused for no reason\n{result.output}"
    if name in ("out-is-in", "tree-into-itself", "our-name-named", "out-is-the-parent"):
        assert refused, f"{name}: nothing was refused"


def test_build_never_writes_over_an_article_beside_the_po(no_model, run_cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.md").write_text("Bão số 3 vào đất liền.\n", encoding="utf-8")
    assert run_cli("translate", "in", "-o", "out", "--no-mt", "-q").exit_code == 0
    article = (tmp_path / "in" / "b.md").read_bytes()
    result = run_cli("build", "out/b.po", "-o", "in", "--format", "md,txt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: in{os.sep}b.md: exists and is not a file translit wrote (an article?); "
        "not overwritten: move it, or choose another --output folder\n"
    )
    assert (tmp_path / "in" / "b.md").read_bytes() == article
    assert not (tmp_path / "in" / "b.en.txt").exists()  # nothing of that article written
    assert run_cli("build", "out/b.po", "-o", "in", "--format", "txt").exit_code == 0


def test_our_own_outputs_are_replaced_on_the_next_run(no_model, run_cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SHORT, encoding="utf-8")
    assert run_cli("translate", "in", "-o", "in", "--format", "all", "--no-mt").exit_code == 0
    again = run_cli("translate", "in", "-o", "in", "--format", "all", "--no-mt")
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith("1 article,")


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_a_link_planted_where_an_output_goes_never_reaches_the_article(
    no_model, run_cli, tmp_path, kind
):
    make_folder(tmp_path)
    (tmp_path / "out").mkdir()
    target = tmp_path / "in" / "d.docx"
    planted = tmp_path / "out" / "d.en.docx"
    if kind == "symlink":
        planted.symlink_to(target)
    else:
        os.link(target, planted)
    before = target.read_bytes()
    result = run_cli("translate", "in", "-o", "out", "--no-mt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {Path('out') / 'd.en.docx'}: the docx output would overwrite the input "
        f"article {Path('in') / 'd.docx'}; choose another --output folder, or leave docx out "
        "of --format\n"
    )
    assert target.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["d.en.docx"]


@pytest.mark.parametrize("suffix", ARTICLE_SUFFIXES)
def test_a_linked_article_is_read_and_neither_it_nor_its_target_written_over(
    no_model, run_cli, tmp_path, suffix
):
    """An article that is a symbolic link (an archive linking its files) is read like a
    .txt one; the outputs of a run into its folder never replace the link or the file
    it points at, and a link planted where an output goes is refused, target untouched."""
    make_folder(tmp_path)
    kept = tmp_path / "kept"
    kept.mkdir()
    kind = {".htm": ".html"}.get(suffix, suffix)  # make_folder has one article of each kind
    source = next(p for p in (tmp_path / "in").iterdir() if p.suffix == kind)
    target = kept / f"x{suffix}"
    target.write_bytes(source.read_bytes())
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / f"x{suffix}").symlink_to(target)
    other = kept / "other.txt"
    other.write_bytes(b"not ours\n")
    (tmp_path / "linked" / "x.po").symlink_to(other)  # planted where the review file goes
    before = target.read_bytes()
    result = run_cli("translate", "linked", "-o", "linked", "--no-mt", "--format", "po,txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {Path('linked') / 'x.po'}: is a symbolic link;")
    (tmp_path / "linked" / "x.po").unlink()
    result = run_cli("translate", "linked", "-o", "linked", "--no-mt")
    assert result.exit_code == (2 if suffix == ".html" else 0), result.output
    if result.exit_code:  # the review page would be the page itself: refused, nothing written
        assert "would overwrite the input article" in result.stderr
        assert sorted(p.name for p in (tmp_path / "linked").iterdir()) == [f"x{suffix}"]
    else:
        assert result.stderr.startswith("1 article, ")
        assert (tmp_path / "linked" / "x.po").is_file()
    assert (tmp_path / "linked" / f"x{suffix}").is_symlink()
    assert target.read_bytes() == before and other.read_bytes() == b"not ours\n"
