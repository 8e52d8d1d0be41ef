"""Saved web pages in: the article's text without the page around it, the headline
first, captions as their own paragraphs, the page's metadata; hostile pages refused
or read, quickly, never a hang or a traceback."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample_inputs import (
    ARTICLE,
    BOILERPLATE,
    CAPTION,
    META,
    TITLE,
    article_text,
    news_page,
    write_all,
)
from translit import legacy
from translit.document import Para
from translit.formats import webpage
from translit.io import InputError
from translit.pipeline import load_document


def page(tmp_path: Path, html: str | bytes, name: str = "trang.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return path


def sources(path: Path) -> list[str]:
    return [seg.source for seg in load_document(path).segments]


def test_a_page_gives_the_segments_of_its_text_file_and_no_boilerplate(tmp_path):
    files = write_all(tmp_path)
    from_page = [(s.key, s.source) for s in load_document(files["html"]).segments]
    from_text = [(s.key, s.source) for s in load_document(files["txt"]).segments]
    assert from_page == from_text
    assert from_page[0] == ("p1.s1", TITLE)  # the headline first
    assert ("p4.s2", "Ảnh: Reuters") in from_page  # the credit, its own segment
    leaked = [b for b in BOILERPLATE for _, text in from_page if b.lower() in text.lower()]
    assert leaked == []


def test_the_layout_marks_headline_caption_and_subheading(tmp_path):
    doc = load_document(write_all(tmp_path)["html"])
    assert doc.blocks == [Para(n + 1, style) for n, (style, _) in enumerate(ARTICLE)]


def test_the_page_metadata_is_read(tmp_path):
    doc = load_document(write_all(tmp_path)["html"])
    assert {k: doc.meta.get(k) for k in META} == META


def test_metadata_reaches_the_po_header_and_the_review_page(no_model, run_cli, tmp_path):
    write_all(tmp_path / "in")
    (tmp_path / "in" / "bai.txt").unlink()
    (tmp_path / "in" / "bai.docx").unlink()
    result = run_cli("translate", "in", "-o", "out", "--no-mt", "--format", "po,html")
    assert result.exit_code == 0, result.output
    header = polib.pofile(str(tmp_path / "out" / "bai.po")).metadata
    assert header["X-Source-Title"] == TITLE
    assert header["X-Source-Author"] == META["author"]
    assert header["X-Source-Date"] == META["date"]
    assert header["X-Source-URL"] == META["url"]
    assert header["X-Source-File"] == "bai.html"
    review = (tmp_path / "out" / "bai.html").read_text(encoding="utf-8")
    heading = review[review.index("<header>") : review.index("</header>")]
    assert f'<cite lang="vi">{TITLE}</cite>' in heading
    assert f'<a class="url" href="{META["url"]}" rel="noreferrer">' in heading
    assert META["author"] in heading and META["date"] in heading
    # build makes the same heading from the PO alone
    (tmp_path / "out" / "bai.html").unlink()
    assert run_cli("build", "out/bai.po", "--format", "html").exit_code == 0
    rebuilt = (tmp_path / "out" / "bai.html").read_text(encoding="utf-8")
    assert heading == rebuilt[rebuilt.index("<header>") : rebuilt.index("</header>")]


def test_a_metadata_url_that_is_not_http_is_text_not_a_link(tmp_path):
    html = news_page().replace(META["url"], "javascript:alert(1)")
    doc = load_document(page(tmp_path, html))
    from tests.sample_docs import RUN
    from translit.formats import html as review

    doc.meta["url"] = "javascript:alert(1)"
    text = review.render(doc, RUN)
    assert 'href="javascript' not in text and '<span class="url">javascript:alert(1)</span>' in text


def test_the_title_comes_from_the_metadata_when_the_body_lacks_it(tmp_path):
    body = [item for item in ARTICLE if item[0] != "Title"]
    html = news_page(body)
    assert sources(page(tmp_path, html))[0] == TITLE


def test_a_title_with_the_site_name_gives_way_to_the_headline(tmp_path):
    html = news_page().replace(f'<meta property="og:title" content="{TITLE}">', "")
    assert f"<title>{TITLE} - Báo Thử Nghiệm</title>" in html
    found = sources(page(tmp_path, html))
    assert found[0] == TITLE and found.count(TITLE) == 1


def test_the_headline_the_article_starts_with_wins_over_a_shorter_metadata_title(tmp_path):
    html = news_page().replace(
        f'<meta property="og:title" content="{TITLE}">',
        '<meta property="og:title" content="Giá điện tăng">',
    )
    found = sources(page(tmp_path, html))
    assert found[0] == TITLE and "Giá điện tăng" not in found
    assert found == sources(write_all(tmp_path / "ok")["html"])


def test_line_breaks_in_a_caption_and_paragraph_are_kept_source_newlines_are_not(tmp_path):
    html = news_page().replace(
        f"<figcaption>{CAPTION}</figcaption>",
        "<figcaption>Một nhà máy điện\n   ở miền tây nước Đức.<br>Ảnh: Reuters</figcaption>",
    )
    doc = load_document(page(tmp_path, html))
    assert doc.paragraphs[3] == "Một nhà máy điện ở miền tây nước Đức.\nẢnh: Reuters"
    assert doc.blocks[3] == Para(4, "Caption")


def test_lists_quotes_and_tables_are_read(tmp_path):
    extra = (
        "<p>Các biện pháp chính gồm:</p><ul><li>Giảm thuế giá trị gia tăng.</li>"
        "<li>Hỗ trợ hộ nghèo.</li></ul>"
        "<blockquote><p>Chúng tôi sẽ bảo vệ người dân trước cú sốc giá.</p></blockquote>"
        "<table><tr><th>Nước</th><th>Giá</th></tr><tr><td>Đức</td><td>400 euro</td></tr>"
        "</table>"
    )
    html = news_page().replace("<h2>", extra + "<h2>", 1)
    doc = load_document(page(tmp_path, html))
    styles = {doc.paragraphs[b.number - 1]: b.style for b in doc.blocks if isinstance(b, Para)}
    assert styles["Giảm thuế giá trị gia tăng."] == "List Bullet"
    assert styles["Chúng tôi sẽ bảo vệ người dân trước cú sốc giá."] == "Quote"
    assert {"Nước", "Giá", "Đức", "400 euro"} <= set(doc.paragraphs)


# --- encodings --------------------------------------------------------------------


def test_a_declared_legacy_charset_is_decoded(tmp_path):
    html = news_page(charset="windows-1258")
    path = page(tmp_path, legacy.encode(html, "cp1258"))
    assert sources(path) == sources(page(tmp_path, html, "utf8.html"))


def test_utf16_with_a_bom_is_read(tmp_path):
    path = page(tmp_path, news_page().encode("utf-16"))
    assert sources(path)[0] == TITLE


def test_an_undeclared_legacy_page_says_which_option_to_use(tmp_path):
    html = news_page().replace('<meta charset="utf-8">', "")
    path = page(tmp_path, legacy.encode(html, "cp1258"))
    with pytest.raises(
        InputError, match=r"trang\.html: not UTF-8 but Windows-1258.*--from-encoding cp1258"
    ):
        load_document(path)
    assert load_document(path, from_encoding="cp1258").segments[0].source == TITLE


def test_a_legacy_font_page_saved_as_utf8_is_refused_then_repaired(tmp_path):
    # an old site in a VNI font, read as Windows-1252 and saved as UTF-8: the markup is
    # plain ASCII, the text "Giaù ñieän taêng..." (the markup would hide it from a check
    # on the file's first bytes)
    html = news_page().replace("©", "(c)").replace("›", ">")
    path = page(tmp_path, legacy.encode(html, "vni").decode("cp1252"))
    with pytest.raises(InputError, match=r"VNI text that was mis-decoded .* --from-encoding vni"):
        load_document(path)
    repaired = load_document(path, from_encoding="vni")
    assert [s.source for s in repaired.segments] == sources(write_all(tmp_path / "ok")["html"])


def test_nfd_text_in_a_page_becomes_nfc(tmp_path):
    import unicodedata

    path = page(tmp_path, unicodedata.normalize("NFD", news_page()))
    assert sources(path) == sources(write_all(tmp_path / "nfc")["html"])


# --- pages without an article, hostile pages --------------------------------------


@pytest.mark.parametrize(
    "html, message",
    [
        ("", "empty page"),
        ("   \n ", "empty page"),
        ("<html><head><title>Trang chủ</title></head><body></body></html>", "no article text"),
        (
            "<html><body>"
            + "".join(f'<a href="/{i}">Tin số {i} trong ngày</a><br>' for i in range(300))
            + "</body></html>",
            "no article text",
        ),
        (
            "<html><body><nav><a href='/'>Trang chủ</a></nav><footer>©</footer></body></html>",
            "no article text",
        ),
    ],
    ids=["empty", "blank", "no-body", "links-only", "menu-only"],
)
def test_a_page_without_article_text_is_one_line(tmp_path, html, message):
    with pytest.raises(InputError) as err:
        load_document(page(tmp_path, html))
    assert str(err.value).startswith(f"{tmp_path / 'trang.html'}: {message}")
    assert "\n" not in str(err.value)


def test_a_binary_file_named_html_is_refused(tmp_path):
    with pytest.raises(InputError, match="looks like a binary file, not a web page"):
        load_document(page(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100))


def read_quickly(path: Path, seconds: float = 20.0):
    started = time.perf_counter()
    try:
        return load_document(path)
    finally:
        assert time.perf_counter() - started < seconds


def test_scripts_styles_and_event_handlers_never_reach_the_text(tmp_path):
    evil = (
        '<p onclick="alert(1)">Chính phủ Đức họp khẩn.<script>alert("Mã độc")</script></p>'
        "<style>p { content: 'Kiểu chữ' }</style><noscript>Bật JavaScript</noscript>"
        "<template><p>Mẫu ẩn</p></template><svg><text>Chữ trong hình</text></svg>"
    )
    doc = read_quickly(page(tmp_path, news_page().replace("<h2>", evil + "<h2>", 1)))
    text = "\n".join(doc.paragraphs)
    assert "Chính phủ Đức họp khẩn." in text
    for word in ("alert", "Mã độc", "Kiểu chữ", "JavaScript", "Mẫu ẩn", "Chữ trong hình"):
        assert word not in text


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        ('<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        (
            "<!DOCTYPE html ["
            + "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10 if n else "ha"}">' for n in range(10))
            + "]>",
            "&e9;",
        ),
        ("", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>'),
    ],
    ids=["file-entity", "laughs", "xinclude"],
)
def test_entities_and_includes_in_a_page_are_never_expanded_nor_fetched(
    tmp_path, doctype, reference
):
    html = news_page().replace(TITLE, f"{TITLE} {reference}")
    html = '<?xml version="1.0"?>\n' + doctype + html.split(">", 1)[1]  # after <!DOCTYPE html>
    doc = read_quickly(page(tmp_path, html), seconds=10)
    text = "\n".join(doc.paragraphs)
    assert TITLE in text and "root:" not in text and "haha" not in text


def test_broken_markup_is_read(tmp_path):
    html = (
        news_page()
        .replace("</p>", "")
        .replace("</article>", "<div><span><b>")
        .replace("<h2>", "<h2><<<>>>&&&")
    )
    html = html[: len(html) - 30]  # cut off, as an interrupted download
    assert sources(page(tmp_path, html))[:3] == sources(write_all(tmp_path / "ok")["html"])[:3]


def test_huge_attributes_and_a_20_mb_page_of_inline_images_are_read(tmp_path):
    html = news_page().replace(
        'src="anh1.jpg"', 'src="data:image/png;base64,' + "A" * 20_000_000 + '"'
    )
    html = html.replace("<main>", '<main data-tracking="' + "x" * 5_000_000 + '">')
    assert len(html) > 20_000_000
    doc = read_quickly(page(tmp_path, html))
    assert [s.source for s in doc.segments] == sources(write_all(tmp_path / "ok")["html"])


def test_a_20_mb_page_of_elements_is_refused_in_seconds(tmp_path):
    filler = "<p>Một đoạn văn lặp lại để làm trang rất lớn.</p>\n"
    html = news_page().replace("<h2>", filler * (20_000_000 // len(filler.encode())) + "<h2>", 1)
    with pytest.raises(InputError, match=r"a page of [\d,]+ elements, more than the 30,000"):
        read_quickly(page(tmp_path, html))


def test_deep_nesting_is_refused_in_seconds(tmp_path):
    html = news_page().replace("<main>", "<main>" + "<div>" * 50_000 + "x" + "</div>" * 50_000)
    with pytest.raises(InputError, match="levels deep, more than the 400"):
        read_quickly(page(tmp_path, html))


def test_a_bad_page_is_one_line_and_the_others_are_translated(no_model, run_cli, tmp_path):
    (tmp_path / "in").mkdir()
    page(
        tmp_path / "in",
        "<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
        "menu.html",
    )
    page(tmp_path / "in", news_page(), "bai.htm")
    (tmp_path / "in" / "khac.txt").write_text(article_text(), encoding="utf-8")
    result = run_cli("translate", "in", "-o", "out", "--no-mt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: in{Path('/')}menu.html: no article text found")
    assert result.stderr.count("\n") == 2 and "Traceback" not in result.output  # + summary
    assert sorted(p.name for p in (tmp_path / "out").glob("*.po")) == ["bai.po", "khac.po"]


def test_a_saved_from_comment_gives_the_address(tmp_path):
    url = "https://baothu.example.vn/bai-luu.html"
    html = news_page().replace(f'<link rel="canonical" href="{META["url"]}">', "")
    html = f"<!-- saved from url=({len(url):04d}){url} -->\n" + html
    assert load_document(page(tmp_path, html)).meta["url"] == url


TAGS = ["p", "div", "figure", "figcaption", "h1", "h2", "br", "script", "a", "table", "td", "li"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS]),
            st.sampled_from(["<", ">", "&", "&#0;", "&#x300;", "<!--", "-->", '"', "<?xml?>"]),
            st.text(alphabet="aăâđêôơư áàảãạ.Ảnh: AFP\n\t\u00a0\u200b", max_size=30),
        ),
        max_size=60,
    )
)
def test_any_markup_gives_a_document_or_one_line(tmp_path, parts):
    path = page(tmp_path, news_page().replace("<h2>", "".join(parts) + "<h2>", 1))
    try:
        doc = load_document(path)
    except InputError as err:
        assert "\n" not in str(err)
    else:
        assert doc.segments and all(seg.source.strip() for seg in doc.segments)
        assert all("<script" not in p and "\x00" not in p for p in doc.paragraphs)


def test_control_characters_in_the_metadata_stay_out_of_the_po_header(no_model, run_cli, tmp_path):
    html = news_page().replace(
        f'<meta name="author" content="{META["author"]}">',
        '<meta name="author" content="Trần&#1;Văn\tMinh&#11;">',
    )
    (tmp_path / "in").mkdir()
    page(tmp_path / "in", html, "bai.html")
    assert run_cli("translate", "in", "-o", "out", "--no-mt", "--format", "po").exit_code == 0
    checked = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "out" / "bai.po")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    author = polib.pofile(str(tmp_path / "out" / "bai.po")).metadata["X-Source-Author"]
    assert author.endswith("Văn Minh") and author.isprintable()
    # what the HTML parser lets through (C1 controls, line breaks) is made one plain line
    assert webpage._one_line("Trần\x85Văn\u2028\nMinh\x9b") == "Trần Văn Minh"
