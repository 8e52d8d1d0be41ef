"""What every benchmark shares: an isolated Argos home, the machine description,
alternating timed rounds with medians, tables, and Vietnamese text to measure on.

The text is written here (templates of news-like Vietnamese, seeded); a benchmark may
also read the FLORES-200 sentences in ../shared/data at run time when that folder
exists. Nothing from that folder is copied into the repository.

Import this module before anything that imports argostranslate: `isolate_argos()`
points argostranslate's settings (read once, at its import) at a temporary home, so a
benchmark never touches the user's installed models or the network.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.isolation import isolate_argos as _isolate  # noqa: E402

# The repository's sibling shared/data (where CI keeps it), or TRANSLIT_FLORES.
FLORES = Path(
    os.environ.get(
        "TRANSLIT_FLORES",
        Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "flores200-vi-en",
    )
)


def isolate_argos() -> Path:
    """Point argostranslate (and translit's model lookup) at a fresh temporary home."""
    return _isolate("translit-bench-")


# --------------------------------------------------------------------------- machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    return "?"


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine_description(packages: Sequence[str] = ()) -> list[str]:
    """Lines describing the machine and the versions a benchmark depends on."""
    from translit.engines import available_cores

    cores = os.cpu_count() or 1
    usable = available_cores()
    lines = [
        f"CPU: {_cpu_model()}, {cores} logical cores ({usable} usable), memory {_memory_gib()}",
        f"OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"Python {platform.python_version()}; "
        + ", ".join(f"{p} {_version(p)}" for p in ("translit", *packages)),
        f"load average at start (1, 5, 15 min): {load_average()}",
    ]
    return lines


def print_header(title: str, packages: Sequence[str] = ()) -> None:
    print(f"# {title}\n")
    for line in machine_description(packages):
        print(f"    {line}")
    print()


# --------------------------------------------------------------------------- timing


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def alternate(
    contenders: dict[str, Callable[[int], object]],
    rounds: int,
    warmup: bool = False,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Time each contender once per round, the order rotated every round.

    A contender is called with the round number (so it can use text it has not seen);
    if it returns a float, that is its time (it timed the part that counts itself).
    Returns the wall times in seconds, per contender, in round order; `cpu`, if given,
    receives this process's CPU seconds (all threads) per call. With `warmup`, each
    contender runs once untimed first (round -1).
    """
    names = list(contenders)
    if warmup:
        for name in names:
            contenders[name](-1)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            cpu_started = time.process_time()
            started = time.perf_counter()
            result = contenders[name](r)
            elapsed = time.perf_counter() - started
            if cpu is not None:
                cpu.setdefault(name, []).append(time.process_time() - cpu_started)
            times[name].append(result if isinstance(result, float) else elapsed)
    return times


_NUMBER = re.compile(r"[-+]?\d[\d.,]*(?:–[\d.,]+)?[×%]?")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, numbers right-aligned."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def numeric(text: str) -> bool:
        first, _, rest = text.partition(" ")
        return bool(_NUMBER.fullmatch(first)) and (not rest or rest.startswith("("))

    def line(values: Sequence[str], align: bool) -> str:
        parts = [
            v.rjust(w) if align and numeric(v) else v.ljust(w)
            for v, w in zip(values, widths, strict=True)
        ]
        return "| " + " | ".join(parts) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers, False), rule, *(line(r, True) for r in cells)])


def seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


# --------------------------------------------------------------------------- text

_PROVINCES = (
    "Hà Nội", "Đà Nẵng", "Cần Thơ", "Nghệ An", "Quảng Nam", "Lâm Đồng", "Thanh Hóa",
    "Bình Định", "Kiên Giang", "Lào Cai", "Hải Phòng", "Khánh Hòa", "Đắk Lắk", "Sóc Trăng",
    "Quảng Ninh", "Hà Tĩnh", "Bắc Giang", "Phú Yên", "An Giang", "Tây Ninh",
)  # fmt: skip
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức")
_GIVEN = (
    "Hùng", "Lan", "Tuấn", "Hương", "Dũng", "Mai", "Thắng", "Hà", "Sơn", "Yến", "Khoa",
    "Thảo", "Bình", "Nga", "Phúc", "Trang",
)  # fmt: skip
_TITLES = (
    "Phó Chủ tịch UBND tỉnh {p}", "Giám đốc Sở Y tế {p}", "Thứ trưởng Bộ Công Thương",
    "chuyên gia kinh tế", "Trưởng phòng Cảnh sát giao thông", "Hiệu trưởng một trường THPT",
    "đại diện Tổng cục Thống kê", "Chủ tịch Hiệp hội Chế biến gỗ",
)  # fmt: skip
_ORGS = (
    "Tổng cục Thống kê", "Bộ Nông nghiệp và Phát triển nông thôn", "Ngân hàng Thế giới",
    "Bộ Tài nguyên và Môi trường", "Ngân hàng Nhà nước", "Bộ Giáo dục và Đào tạo",
    "Liên Hợp Quốc", "Cục Hàng không Việt Nam", "Trung tâm Dự báo khí tượng thủy văn quốc gia",
    "Hiệp hội Doanh nghiệp nhỏ và vừa", "Bộ Giao thông vận tải", "Quỹ Tiền tệ Quốc tế",
)  # fmt: skip
_ACTORS = (
    "chính quyền địa phương", "các doanh nghiệp xuất khẩu", "lực lượng cứu hộ",
    "người dân vùng ven biển", "nhiều bệnh viện tuyến tỉnh", "các nhà đầu tư nước ngoài",
    "ngành giáo dục", "cơ quan chức năng", "hơn {n} hộ gia đình", "các hãng hàng không",
    "nông dân trồng lúa", "học sinh cuối cấp", "các ngân hàng thương mại",
    "công nhân khu công nghiệp", "các công ty vận tải", "người lao động tự do",
)  # fmt: skip
_ACTIONS = (
    "đã hoàn thành việc sửa chữa", "đang khẩn trương triển khai", "phải tạm dừng",
    "tiếp tục đẩy mạnh", "đề nghị xem xét lại", "được hỗ trợ kinh phí để khắc phục",
    "bắt đầu áp dụng", "gặp nhiều khó khăn khi thực hiện", "cam kết hoàn thành",
    "đã giải ngân gần {n} tỷ đồng cho", "kiến nghị tháo gỡ vướng mắc trong",
    "chưa thể tiếp cận", "đang lấy ý kiến về",
)  # fmt: skip
_OBJECTS = (
    "các tuyến đường bị sạt lở", "kế hoạch đầu tư công", "dự án mở rộng sân bay",
    "chương trình tiêm chủng mở rộng", "hệ thống cấp nước sạch", "biểu giá điện sinh hoạt",
    "nhiều công trình thủy lợi xuống cấp", "gói tín dụng ưu đãi", "quy định mới về thuế",
    "đề án chuyển đổi số", "tuyến cao tốc Bắc - Nam", "chợ đầu mối nông sản",
    "chính sách hỗ trợ tiền thuê nhà", "kỳ thi tốt nghiệp trung học phổ thông",
)  # fmt: skip
_PLACES = (
    "tại {p}", "ở khu vực miền Trung", "trên địa bàn thành phố", "ở các tỉnh miền núi phía Bắc",
    "tại các tỉnh đồng bằng sông Cửu Long", "ở vùng ven đô {p}", "tại cửa khẩu quốc tế",
)  # fmt: skip
_TIMES = (
    "Trong quý đầu năm", "Từ đầu tuần", "Sáng {d}/{m}", "Chiều qua", "Tính đến cuối tháng {m}",
    "Trong năm {y}", "Hôm {d}/{m}", "Từ ngày {d}/{m}/{y}", "Đêm qua", "Sau {few} tháng",
)  # fmt: skip
_TAILS = (
    ", tăng {pct}% so với cùng kỳ năm trước", ", cao nhất trong {few} năm qua",
    " nhằm bảo đảm an toàn cho người dân", " trước mùa mưa bão", ", theo báo cáo của {o}",
    " với tổng vốn khoảng {n}.{k} tỷ đồng", ", giảm {pct}% so với kế hoạch",
    " để kịp phục vụ người dân dịp Tết", "",
)  # fmt: skip
_SAYS = ("cho biết", "khẳng định", "nhấn mạnh", "thông tin", "nhận định", "thừa nhận")
_AGENCIES = ("TTXVN", "AFP", "Reuters", "AP", "VNA", "Xinhua")
_HEADLINES = (
    "{p}: {obj} {status}", "{O} cảnh báo về {obj}", "Vì sao {obj} {status}?",
    "{A} lo lắng trước {obj}",
)  # fmt: skip
_STATUS = ("chậm tiến độ", "được gỡ vướng", "tăng mạnh", "gây tranh cãi", "về đích sớm")


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Article:
    name: str  # file stem
    text: str  # paragraphs separated by blank lines

    @property
    def sentences(self) -> int:
        from translit.segment import segment_paragraphs

        return len(segment_paragraphs(self.text.split("\n\n")))


class NewsWriter:
    """Seeded generator of Vietnamese news sentences and articles (text written here)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            p=r.choice(_PROVINCES),
            n=r.randint(2, 950),
            few=r.randint(2, 12),
            k=f"{r.randint(0, 999):03d}",
            d=r.randint(1, 28),
            m=r.randint(1, 12),
            y=r.randint(2015, 2024),
            pct=f"{r.randint(1, 60)},{r.randint(0, 9)}",
            o=r.choice(_ORGS),
            O=r.choice(_ORGS),
            obj=r.choice(_OBJECTS),
            status=r.choice(_STATUS),
            A=upper_first(r.choice(_ACTORS)),
        )

    def person(self) -> str:
        r = self.rng
        name = f"{r.choice(_SURNAMES)} {r.choice(_MIDDLE)} {r.choice(_GIVEN)}"
        return f"{r.choice(('ông', 'bà'))} {name}, {self._fill(r.choice(_TITLES))}"

    def clause(self, tail: float = 0.5) -> str:
        r = self.rng
        parts = [r.choice(_ACTORS), r.choice(_ACTIONS), r.choice(_OBJECTS)]
        if r.random() < 0.6:
            parts.append(r.choice(_PLACES))
        text = " ".join(parts) + (r.choice(_TAILS) if r.random() < tail else "")
        return self._fill(text)

    def sentence(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.3:
            text = f"{self._fill(r.choice(_TIMES))}, {self.clause()}."
        elif kind < 0.5:
            text = f"Theo {self._fill('{o}')}, {self.clause()}."
        elif kind < 0.65:
            said = r.choice(_SAYS)
            text = f"“{upper_first(self.clause(0.2))}”, {self.person()} {said}."
        elif kind < 0.8:
            text = f"{self.person()}, {r.choice(_SAYS)} {self.clause(0.2)}."
        elif kind < 0.9:
            text = f"{self.clause(0)}, trong khi {self.clause(0)}."
        else:
            text = f"{self.clause(0.8)}."
        return upper_first(text)

    def headline(self) -> str:
        return upper_first(self._fill(self.rng.choice(_HEADLINES)))

    def sentences(self, n: int) -> list[str]:
        return [self.sentence() for _ in range(n)]


def flores_sentences(split: str) -> list[str] | None:
    """FLORES-200 Vietnamese sentences ('dev' or 'test'), or None without the data folder."""
    path = FLORES / f"flores-{split}.vi"
    if not path.is_file():
        return None
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def body_sentences(n: int, seed: int = 1, prefer_flores: bool = True) -> tuple[list[str], str]:
    """n Vietnamese sentences to measure on, and where they come from."""
    if prefer_flores:
        flores = flores_sentences("test")
        if flores and len(flores) >= n:
            return flores[:n], "FLORES-200 devtest (read at run time)"
    return NewsWriter(seed).sentences(n), "generated news-like sentences"


def vocabulary_corpus(prefer_flores: bool = True) -> tuple[list[str], str]:
    """Held-out sentences to train the copy model's SentencePiece vocabulary on.

    Never the sentences measured on: FLORES dev when measuring on FLORES devtest,
    else generated text with another seed.
    """
    from tests.copymodel import DEFAULT_CORPUS

    flores = flores_sentences("dev") if prefer_flores else None
    if flores and flores_sentences("test"):
        return [*DEFAULT_CORPUS, *flores], "FLORES-200 dev"
    return [*DEFAULT_CORPUS, *NewsWriter(99).sentences(2000)], "generated text (other seed)"


def make_articles(
    sentences: Sequence[str], count: int, writer: NewsWriter, prefix: str = "bai"
) -> list[Article]:
    """Spread sentences over `count` articles: headline, paragraphs of 1-4 sentences,
    a photo caption with its credit, and the agency line news sites end with."""
    rng = writer.rng
    per = len(sentences) / count
    articles = []
    for a in range(count):
        body = list(sentences[round(a * per) : round((a + 1) * per)])
        paragraphs = [writer.headline()]
        while body:
            take = rng.randint(1, 4)
            paragraphs.append(" ".join(body[:take]))
            body = body[take:]
        caption = f"{upper_first(writer.clause(0))}. Ảnh: {rng.choice(_AGENCIES)}"
        paragraphs.insert(min(2, len(paragraphs)), caption)
        paragraphs.append(f"Theo {rng.choice(_AGENCIES)}")
        articles.append(Article(f"{prefix}-{a + 1:04d}", "\n\n".join(paragraphs) + "\n"))
    return articles


def write_articles(articles: Sequence[Article], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.name}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- models


def install_copy_model(
    work: Path, size: str, corpus: Sequence[str] | None = None
) -> tuple[object, float]:
    """Build the copy model and install it into the isolated home (see isolate_argos).

    Returns the installed ModelInfo and the model directory's size in MB.
    """
    from tests.copymodel import build_copy_package
    from translit.models import install_file

    package = build_copy_package(work / f"model-{size}", size=size, corpus=corpus)  # type: ignore[arg-type]
    info = install_file(package)
    megabytes = sum(f.stat().st_size for f in _files(info.path)) / 1e6
    return info, megabytes


def _files(folder: Path) -> Iterator[Path]:
    return (f for f in folder.rglob("*") if f.is_file())


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The options every benchmark has: --quick (tiny sizes, for the smoke test)."""
    parser = argparse.ArgumentParser(
        description=(doc or "").split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes (the smoke test)")
    return parser
