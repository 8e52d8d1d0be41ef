"""Facts about Vietnamese: its tone marks, personal names, how the press introduces people.

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


# The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook above,
# dot below); the legacy-encoding repair and the glossary folding both work on them.
TONE_MARKS: frozenset[str] = frozenset("\u0300\u0301\u0303\u0309\u0323")

# The vowel sequences of Vietnamese syllables, tone marks removed (the name finder tells
# a Vietnamese syllable from a foreign word by them).
VOWEL_NUCLEI: frozenset[str] = _words(
    """
    a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê
    ui uô uơ uy ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi ươi ươu uyê uya yêu uyu
    """
)


# The common Vietnamese family names (about 100; the first fourteen cover ~90% of people).
FAMILY_NAMES: frozenset[str] = _words(
    """
    nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý
    đào đoàn vương trịnh trương lâm phùng mai tô hà tạ thái cao lưu quách
    lương đinh đàm triệu chu châu la tăng mạc từ kiều khúc khổng lục âu văn
    thân doãn kim giang hứa tống quan diệp lạc mã ninh nghiêm phí phó
    quang tôn trà viên vi đồng hàn hầu lã lò lỗ lợi mẫn nông tiêu
    trang trình thạch tiết hạ cù cung đường lam lai khương bạch chương
    chiêm trầm kha lữ sầm khưu liêu cấn nhữ ngụy trác đổng
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

# Family names that are also everyday words or start place names (hà: river, mai:
# tomorrow, cao: high, châu: continent, thái: Thai, hồ: lake, đồng: field, la: Rome in
# La Mã). A capitalized pair starting with one of these is read as a person only after a
# title or when a middle name follows (Hà Thị Lan); Hà Lan, Châu Âu, Thái Lan, Hồ Tây
# are not people. The others (Nguyễn, Trần, Phạm...) start a name on their own.
WORDLIKE_FAMILY_NAMES: frozenset[str] = _words(
    """
    văn hà mai cao la từ hạ đường lợi trang quan kim giang lam lai đồng hàn vi tôn mã
    ninh lục âu châu chu thái hồ phó phí quang trà viên lò lỗ cung bạch chương tiêu
    tiết cù lạc diệp thân hầu mẫn nông tăng trình lã hứa tống khổng khúc thạch tô
    mạc triệu vương khương lam đàm kiều chiêm trầm kha lữ sầm khưu liêu cấn nhữ ngụy
    trác đổng
    """
)

# Common given names written without any diacritic (Lan, Minh, Quang). Alone after an
# honorific, a name without diacritics is taken only if it is one of these, or the
# article named the person in full: "ông Ma" and "ông Kim" are foreign people.
PLAIN_GIVEN_NAMES: frozenset[str] = _words(
    """
    an anh giang hoa lan linh long mai minh nam nga nhi phong quang sang thanh thu
    trang trinh vinh
    """
)

# Capitalized words that are directions or peoples as often as given names (phía Nam,
# miền Bắc, người Hoa): never taken as a person's given name standing alone.
NOT_ALONE: frozenset[str] = _words("nam bắc đông tây trung hoa việt kinh")

# The middle names that mark a personal name whatever the family name (Hà Thị Lan,
# Châu Văn Tuấn): thị for women, văn for men.
NAME_MARKERS: frozenset[str] = _words("thị văn")

# Abbreviations the name finder also reads as titles (HLV Kim Sang-sik, MC Anh Tuấn).
INTRODUCER_ABBREVIATIONS: frozenset[str] = _words("hlv mc ths.bs bs.ckii tsbs")

# More words the press puts right before a person's name, used by the name finder only:
# ranks, roles in a story, kin (tài xế Nguyễn Văn Nở, bị cáo Lan, vợ Khánh Linh). The
# glossary matcher does not use them: "doanh nhân Mỹ" is an American businessman.
NAME_INTRODUCERS: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in """
    vợ
    chồng
    vua
    nhà vua
    ông xã
    bà xã
    cô dâu
    chú rể
    hôn thê
    hôn phu
    bạn gái
    bạn trai
    người yêu
    đồng đội
    đồng chí
    phó tổng giám đốc
    tổng thư ký
    chủ nhiệm
    phó chủ nhiệm
    chánh văn phòng
    trưởng ban
    phó trưởng ban
    uỷ viên
    trưởng công an
    tài xế
    bị cáo
    bị can
    thẩm phán
    kiểm sát viên
    người đẹp
    doanh nhân
    đại gia
    thiếu gia
    siêu mẫu
    trung vệ
    danh thủ
    thí sinh
    nữ ca sĩ
    nam ca sĩ
    nữ diễn viên
    nam diễn viên
    chiến sĩ
    thượng uý
    trung uý
    thiếu uý
    đại uý
    em trai
    em gái
    con trai
    con gái
    nạn nhân
    """.strip().splitlines()
)

# The 63 provinces and centrally-run cities (before the 2025 merger; the merged
# provinces kept these names), written as the press writes them. Ho Chi Minh City is
# the glossary's (Thành phố Hồ Chí Minh, TP.HCM): bare, Hồ Chí Minh is the person.
PROVINCES: tuple[str, ...] = tuple(
    line.strip()
    for line in """
    Hà Nội
    Hải Phòng
    Đà Nẵng
    Cần Thơ
    An Giang
    Bà Rịa - Vũng Tàu
    Bà Rịa-Vũng Tàu
    Bắc Giang
    Bắc Kạn
    Bạc Liêu
    Bắc Ninh
    Bến Tre
    Bình Định
    Bình Dương
    Bình Phước
    Bình Thuận
    Cà Mau
    Cao Bằng
    Đắk Lắk
    Đăk Lăk
    Dăk Lăk
    Đắc Lắc
    Đắk Nông
    Đăk Nông
    Điện Biên
    Đồng Nai
    Đồng Tháp
    Gia Lai
    Hà Giang
    Hà Nam
    Hà Tĩnh
    Hải Dương
    Hậu Giang
    Hoà Bình
    Hưng Yên
    Khánh Hoà
    Kiên Giang
    Kon Tum
    Lai Châu
    Lâm Đồng
    Lạng Sơn
    Lào Cai
    Long An
    Nam Định
    Nghệ An
    Ninh Bình
    Ninh Thuận
    Phú Thọ
    Phú Yên
    Quảng Bình
    Quảng Nam
    Quảng Ngãi
    Quảng Ninh
    Quảng Trị
    Sóc Trăng
    Sơn La
    Tây Ninh
    Thái Bình
    Thái Nguyên
    Thanh Hoá
    Thừa Thiên Huế
    Thừa Thiên - Huế
    Tiền Giang
    Trà Vinh
    Tuyên Quang
    Vĩnh Long
    Vĩnh Phúc
    Yên Bái
    """.strip().splitlines()
)

# Cities, towns, districts, islands and areas the national press names often, in their
# common forms; several start with a family name (Phan Thiết, Hoàng Mai, Hà Đông, Lê
# Chân), which is why they are listed. A place not listed is still found after its
# classifier (quận, huyện, phường, xã, đường...; see PLACE_CLASSIFIERS).
PLACES: tuple[str, ...] = tuple(
    line.strip()
    for line in """
    Thủ Đức
    Sài Gòn
    Đakrông
    Huế
    Hội An
    Nha Trang
    Đà Lạt
    Vũng Tàu
    Bà Rịa
    Biên Hoà
    Thủ Dầu Một
    Buôn Ma Thuột
    Pleiku
    Quy Nhơn
    Tuy Hoà
    Phan Thiết
    Phan Rang
    Phan Rang - Tháp Chàm
    Mỹ Tho
    Long Xuyên
    Châu Đốc
    Rạch Giá
    Hà Tiên
    Cao Lãnh
    Sa Đéc
    Vị Thanh
    Tân An
    Tam Kỳ
    Đông Hà
    Đồng Hới
    Vinh
    Hạ Long
    Cẩm Phả
    Uông Bí
    Móng Cái
    Sầm Sơn
    Cửa Lò
    Sa Pa
    Mộc Châu
    Mai Châu
    Điện Biên Phủ
    Sơn Tây
    Hà Đông
    Phú Quốc
    Côn Đảo
    Cát Bà
    Lý Sơn
    Cô Tô
    Vân Đồn
    Mũi Né
    Cần Giờ
    Củ Chi
    Hóc Môn
    Bình Chánh
    Nhà Bè
    Gò Vấp
    Bình Thạnh
    Phú Nhuận
    Tân Bình
    Tân Phú
    Bình Tân
    Hoàn Kiếm
    Ba Đình
    Đống Đa
    Hai Bà Trưng
    Cầu Giấy
    Tây Hồ
    Long Biên
    Thanh Xuân
    Hoàng Mai
    Bắc Từ Liêm
    Nam Từ Liêm
    Từ Liêm
    Gia Lâm
    Đông Anh
    Sóc Sơn
    Hải Châu
    Sơn Trà
    Ngũ Hành Sơn
    Thanh Khê
    Liên Chiểu
    Cẩm Lệ
    Hoà Vang
    Hồng Bàng
    Lê Chân
    Kiến An
    Đồ Sơn
    Ninh Kiều
    Cái Răng
    Bình Thuỷ
    Dung Quất
    Nghi Sơn
    Vũng Áng
    Nội Bài
    Tân Sơn Nhất
    Long Thành
    Cam Ranh
    Bến Thành
    Mỹ Đình
    Tràng Tiền
    Hàng Đào
    Thảo Điền
    Bến Nghé
    Măng Đen
    Tam Đảo
    Ba Vì
    Yên Tử
    Bà Nà
    Bà Đen
    Trường Sơn
    Phong Nha - Kẻ Bàng
    Phong Nha
    Tràng An
    Cúc Phương
    Cát Tiên
    Hoàng Liên Sơn
    Phan Xi Păng
    Tam Cốc
    Bái Đính
    """.strip().splitlines()
)

# Abbreviated place words, written with a period: TP.Tam Kỳ, H.Phú Ninh, Q.Ba Đình.
PLACE_ABBREVIATIONS: frozenset[str] = _words("tp h q p tx tt")

# Words that put a place name after them (lowercase, folded): administrative units,
# streets, and the like. "đường Lê Lợi" is Le Loi Street, "quận Hoàn Kiếm" Hoan Kiem
# district: the name is romanized, the word before it translated.
PLACE_CLASSIFIERS: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in """
    tỉnh
    thành phố
    tp
    quận
    huyện
    thị xã
    thị trấn
    phường
    xã
    thôn
    ấp
    xóm
    bản
    làng
    đường
    phố
    ngõ
    hẻm
    kiệt
    đại lộ
    chợ
    cố đô
    cửa khẩu
    cửa khẩu quốc tế
    cao tốc
    đèo
    nút giao
    ngã tư
    ngã ba
    ngã sáu
    kênh
    sông
    khu dân cư
    """.strip().splitlines()
)

# Capitalized words that are never a given name: the first words of organisations and
# portfolios (after a title they start the title's body: Bộ trưởng Bộ Công an, Giám đốc
# Sở Y tế, Bộ trưởng Kinh tế) and function words (Bác sĩ Không biên giới). Words that
# are given names too (Chính, Quốc, Công) are told apart by the word after them
# (COMPOUNDS).
NOT_GIVEN_NAMES: frozenset[str] = _words(
    """
    bộ sở uỷ ban viện cục đảng toà phòng vụ hãng tập ngân bệnh mặt câu tổng báo đài
    kho sân khu cảng nhà tỉnh huyện quận phường xã cơ y kinh ngoại nội giáo môi xây
    lao nông không có là và của các những một được bị với trong ngoài tại khi đã sẽ
    đang này đó rất
    """
)

# Capitalized words and phrases that are not names, though they look like one: common
# nouns capitalized as names (Vũ Trụ, the Universe; Đồng Minh, the Allies; Hạ Viện;
# Tết after chợ), foreign places in Sino-Vietnamese (Châu Âu, Hà Lan, Thái Lan, La Mã).
NOT_NAMES: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in """
    vũ trụ
    đồng minh
    hạ viện
    thượng viện
    cao nguyên
    cao uỷ
    châu âu
    châu á
    châu phi
    châu mỹ
    châu úc
    châu đại dương
    hà lan
    thái lan
    la mã
    mã lai
    hàn quốc
    thái bình dương
    đại tây dương
    ấn độ dương
    bắc băng dương
    hồ gươm
    hồ tây
    văn miếu
    quốc tử giám
    bạch sảnh
    bạch ốc
    kim tự tháp
    do thái
    tết
    """.strip().splitlines()
)

# A capitalized word and the lowercase word after it that make a common noun or the
# name of a body, not a short name after a title: Thủ tướng Chính phủ (the Government's
# Prime Minister), not "Prime Minister Chinh"; Chủ tịch Quốc hội, Đại sứ Trung Quốc...
COMPOUNDS: frozenset[tuple[str, str]] = frozenset(
    tuple(pair.split())  # type: ignore[misc]
    for pair in """
    chính phủ
    chính quyền
    chính trị
    quốc hội
    quốc gia
    quốc tế
    quốc phòng
    trung ương
    trung tâm
    công an
    công ty
    công đoàn
    hội đồng
    hội nghị
    học viện
    đại học
    đại hội
    thành phố
    thành uỷ
    tỉnh uỷ
    huyện uỷ
    liên hợp
    liên minh
    liên đoàn
    liên bang
    hiệp hội
    văn phòng
    quân đội
    quân khu
    quân chủng
    hải quân
    không quân
    hợp tác
    thông tấn
    toà án
    ngân hàng
    tập đoàn
    mặt trận
    thường trực
    thường vụ
    cảnh sát
    bộ đội
    thanh tra
    kiểm toán
    nhà nước
    nhân dân
    uỷ ban
    tài chính
    ngoại giao
    nội vụ
    tư pháp
    giáo dục
    thương mại
    năng lượng
    môi trường
    nông nghiệp
    xây dựng
    giao thông
    văn hoá
    khoa học
    thông tin
    kế hoạch
    công thương
    lao động
    du lịch
    công tố
    thị trấn
    thị xã
    hoàng đế
    hoàng hậu
    hoàng gia
    hoàng tử
    thái tử
    thái hậu
    công chúa
    tổ chức
    tuyên giáo
    dân vận
    nội chính
    đối ngoại
    kiểm tra
    pháp chế
    """.strip().splitlines()
)
