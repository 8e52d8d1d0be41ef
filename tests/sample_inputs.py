"""One Vietnamese news article (written for these tests) as the files a desk receives:
the plain text, a saved web page with everything a news site puts around an article,
and a Word file whose runs are split mid-word as Word splits them.

`ARTICLE` is the article's structure: (style, text) per paragraph, the headline first.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

TITLE = "Giá điện tăng mạnh ở châu Âu"
CAPTION = "Một nhà máy điện ở miền tây nước Đức. Ảnh: Reuters"
ARTICLE: list[tuple[str, str]] = [
    ("Title", TITLE),
    (
        "",
        "Giá điện tại nhiều nước châu Âu tăng gấp đôi trong tháng 3, khiến các hộ gia đình "
        "và doanh nghiệp gặp khó khăn.",
    ),
    (
        "",
        "Theo số liệu của cơ quan thống kê, giá điện bán buôn tại Đức đã vượt 400 euro mỗi "
        "megawatt giờ vào ngày 7.3. Các chuyên gia cho rằng giá sẽ còn cao trong nhiều "
        "tháng tới.",
    ),
    ("Caption", CAPTION),
    ("Heading 2", "Chính phủ can thiệp"),
    (
        "",
        "Chính phủ Pháp tuyên bố sẽ giới hạn mức tăng giá điện cho các hộ gia đình ở mức 4% "
        "trong năm nay.",
    ),
    (
        "",
        "Bộ trưởng Kinh tế Pháp nói rằng biện pháp này sẽ tốn khoảng 8 tỷ euro của ngân "
        "sách nhà nước.",
    ),
]

# What the page carries around the article; none of it may reach a segment.
BOILERPLATE = (
    "Trang chủ",
    "Thể thao",
    "Báo Thử Nghiệm",
    "Chia sẻ",
    "In bài viết",
    "Tin liên quan",
    "Giá khí đốt lập kỷ lục mới",
    "Đức tìm nguồn năng lượng thay thế",
    "Ý kiến bạn đọc",
    "Gửi phản hồi",
    "Giá cả tăng quá nhanh",
    "Giấy phép số",
    "Liên hệ quảng cáo",
    "Thứ hai, 14/3/2022",
    "theo dõi",
    "quảng cáo",
)
META = {
    "title": TITLE,
    "author": "Trần Văn Minh",
    "date": "2022-03-14",
    "url": "https://baothu.example.vn/the-gioi/gia-dien-tang-manh-o-chau-au-123.html",
}


def article_text(article: list[tuple[str, str]] = ARTICLE) -> str:
    """The article as a .txt: paragraphs separated by blank lines, the headline first."""
    return "\n\n".join(text for _, text in article) + "\n"


def _body(article: list[tuple[str, str]]) -> str:
    parts = []
    for style, text in article:
        if style == "Title":
            parts.append(f'<h1 class="title-detail">{escape(text)}</h1>')
            parts.append('<div class="date">Thứ hai, 14/3/2022, 09:30 (GMT+7)</div>')
        elif style == "Caption":
            parts.append(
                '<figure class="tplCaption"><img src="anh1.jpg" alt="Nhà máy điện">'
                f"<figcaption>{escape(text)}</figcaption></figure>"
            )
        elif style.startswith("Heading"):
            parts.append(f"<h2>{escape(text)}</h2>")
        else:
            parts.append(f"<p>{escape(text)}</p>")
    return "\n".join(parts)


def news_page(article: list[tuple[str, str]] = ARTICLE, *, charset: str = "utf-8") -> str:
    """A saved news page: head metadata, scripts and styles, a menu, a breadcrumb, the
    article with a photo and its caption, share buttons, a related-news box (whose
    thumbnails have captions too), a comment box and a footer."""
    related = "".join(
        f'<li><figure><img src="t{i}.jpg"><figcaption>{escape(t)}</figcaption></figure>'
        f'<a href="/tin-{i}">{escape(t)}</a></li>'
        for i, t in enumerate(("Giá khí đốt lập kỷ lục mới", "Đức tìm nguồn năng lượng thay thế"))
    )
    menu = "".join(
        f'<li><a href="/{i}">{name}</a></li>'
        for i, name in enumerate(("Trang chủ", "Thế giới", "Kinh tế", "Thể thao", "Giải trí"))
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="{charset}">
<title>{escape(META["title"])} - Báo Thử Nghiệm</title>
<meta property="og:title" content="{escape(META["title"])}">
<meta name="author" content="{escape(META["author"])}">
<meta property="article:published_time" content="2022-03-14T09:30:00+07:00">
<link rel="canonical" href="{escape(META["url"])}">
<style>body {{ font-family: Arial }} .menu::after {{ content: "Trang chủ" }}</style>
<script>var nhan = "Gửi phản hồi"; function chiaSe() {{ return "Chia sẻ"; }}</script>
</head>
<body>
<header><a href="/" class="logo">Báo Thử Nghiệm</a>
<nav class="menu"><ul>{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/the-gioi">Thế giới</a></div>
<main>
<article class="article-detail">
{_body(article)}
<p class="author"><strong>{escape(META["author"])}</strong></p>
</article>
<div class="social-share"><a href="#">Chia sẻ</a> <a href="#">Facebook</a>
<a href="#" onclick="window.print()">In bài viết</a></div>
<div class="related-news"><h3>Tin liên quan</h3><ul>{related}</ul></div>
<div class="comments"><h3>Ý kiến bạn đọc</h3>
<form><textarea>Nội dung ý kiến</textarea><button>Gửi phản hồi</button></form>
<div class="comment"><p>Bạn đọc A: Giá cả tăng quá nhanh, người dân rất vất vả.</p></div>
</div>
<div class="banner">quảng cáo <a href="/theo-doi">theo dõi chúng tôi</a></div>
</main>
<footer><p>© Báo Thử Nghiệm. Giấy phép số 123/GP-BTTTT. Địa chỉ: 1 Phố Thử, Hà Nội.</p>
<p><a href="/lien-he">Liên hệ quảng cáo</a></p></footer>
<script>document.write("<p>Tin liên quan</p>");</script>
</body></html>
"""


def split_runs(paragraph, text: str, size: int = 5) -> None:
    """Add `text` to a python-docx paragraph in runs of `size` characters, cut wherever
    that falls (mid-word, mid-syllable), alternating bold, as Word does after edits."""
    for i, start in enumerate(range(0, len(text), size)):
        run = paragraph.add_run(text[start : start + size])
        run.bold = i % 2 == 1


def word_file(path: Path, article: list[tuple[str, str]] = ARTICLE) -> Path:
    """The article as a .docx: its styles as Word styles, every paragraph's runs split."""
    import docx

    word = docx.Document()
    for style, text in article:
        split_runs(word.add_paragraph(style=style or None), text)
    word.save(str(path))
    return path


def write_all(folder: Path, name: str = "bai") -> dict[str, Path]:
    """The article as .txt, .html and .docx in `folder`, by suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / f"{name}.txt"
    txt.write_text(article_text(), encoding="utf-8")
    page = folder / f"{name}.html"
    page.write_text(news_page(), encoding="utf-8")
    return {"txt": txt, "html": page, "docx": word_file(folder / f"{name}.docx")}
