"""Facts about Vietnamese personal names and how the press introduces people.

Data only, shared by the glossary matcher (a country syllable inside a person's name is
not the country: Nguyễn Minh Đức is not Germany) and the name finder (Vietnamese people
come out as names, romanized one way). Every word is lowercase NFC with the new tone-mark
placement (`hoà`, `thuỵ`); compare with `translit.glossary.fold.fold`.

A name is a family name, then zero to two middle names, then a given name: Nguyễn Thị
Mỹ Linh, Trần Minh Đức, Phạm Minh Chính. The press puts a title or an honorific before a
name (ông, bà, Thủ tướng, Hoa hậu) and often shortens a later mention to the given name
after the title (ông Chính, bà Linh).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The common Vietnamese family names (about 100; the first fourteen cover ~90% of people).
FAMILY_NAMES: frozenset[str] = _words(
    """
    nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý
    đào đoàn vương trịnh trương lâm phùng mai tô hà tạ thái cao lưu quách
    lương đinh đàm triệu chu châu la tăng mạc từ kiều khúc khổng lục âu văn
    thân doãn kim giang hứa tống quan diệp lạc mã ninh nghiêm phí phó
    quang tôn trà viên vi đồng hàn hầu lã lò lỗ lợi mẫn nông tiêu
    trang trình thạch tiết hạ cù cung đường lam lai khương bạch chương
    """
)

# Middle names (tên đệm) that are also ordinary words or country syllables.
MIDDLE_NAMES: frozenset[str] = _words(
    """
    thị văn minh đức hữu công quang xuân thu ngọc kim thanh hoàng anh mỹ bảo
    gia đình duy quốc trọng thế tuấn hồng thuý thuỳ bích diệu khánh phương
    """
)

# Words that put a person's name right after them: forms of address, titles, ranks and
# occupations the press uses before a name ("ông Biden", "Hoa hậu Đỗ Thị Hà").
TITLES: frozenset[str] = _words(
    """
    ông bà anh chị cô chú bác em cháu cụ thầy ngài
    """
)

# Multi-word titles, as word tuples ("thủ tướng" → ("thủ", "tướng")).
TITLE_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in """
    tổng bí thư
    chủ tịch
    chủ tịch nước
    thủ tướng
    phó thủ tướng
    bộ trưởng
    thứ trưởng
    tổng thống
    phó tổng thống
    ngoại trưởng
    đại sứ
    đại tướng
    thượng tướng
    trung tướng
    thiếu tướng
    đại tá
    thượng tá
    trung tá
    thiếu tá
    giáo sư
    phó giáo sư
    tiến sĩ
    thạc sĩ
    bác sĩ
    luật sư
    kỹ sư
    nhà báo
    nhà văn
    nhà thơ
    ca sĩ
    nhạc sĩ
    diễn viên
    nghệ sĩ
    hoa hậu
    á hậu
    người mẫu
    cầu thủ
    vận động viên
    huấn luyện viên
    thủ môn
    tiền vệ
    tiền đạo
    hậu vệ
    đạo diễn
    giám đốc
    tổng giám đốc
    phó giám đốc
    chánh án
    viện trưởng
    hiệu trưởng
    bí thư
    phó bí thư
    trưởng phòng
    phóng viên
    thượng toạ
    hoà thượng
    đại đức
    linh mục
    """.strip().splitlines()
)

# Abbreviated titles ("GS.TS Nguyễn Văn A", "PGS. Trần Thị B"), compared without case.
TITLE_ABBREVIATIONS = _words("gs pgs ts ths bs ls ks ns nsnd nsưt gs.ts pgs.ts ts.bs")
