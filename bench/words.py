"""Vietnamese words for the synthetic city: names, places, summaries, with their diacritics,
so the diacritic-insensitive search has real folding to do."""

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu", "Thanh"]
GIVEN = ["Hà", "Hùng", "Lan", "Tuấn", "Hương", "Dũng", "Thủy", "Sơn", "Huyền", "Phúc", "Đạt"]
PLACES = [
    "Ngọc Thụy", "Sài Đồng", "Giang Biên", "Bồ Đề", "Đức Giang", "Thạch Bàn", "Phúc Lợi",
    "Việt Hưng", "Gia Thụy", "Cự Khối", "Ngọc Lâm", "Thượng Thanh", "Phúc Đồng", "Long Biên",
    "Hàng Bột", "Văn Miếu", "Quốc Tử Giám", "Khương Thượng", "Trung Liệt", "Ô Chợ Dừa",
]  # fmt: skip
DISTRICTS = [
    "Long Biên", "Đống Đa", "Hoàng Mai", "Ba Đình", "Hoàn Kiếm", "Hai Bà Trưng", "Tây Hồ",
    "Cầu Giấy", "Thanh Xuân", "Hà Đông", "Nam Từ Liêm", "Bắc Từ Liêm",
]  # fmt: skip
STREETS = ["Nguyễn Văn Cừ", "Ngọc Lâm", "Phúc Tân", "Hồng Hà", "Đê La Thành", "Tôn Đức Thắng"]
TOPICS = [
    "đất đai, giải phóng mặt bằng", "bồi thường, hỗ trợ tái định cư", "trật tự xây dựng",
    "chính sách người có công", "ô nhiễm môi trường", "tranh chấp ranh giới thửa đất",
    "cấp giấy chứng nhận quyền sử dụng đất", "vi phạm hành lang đê", "tiếng ồn quán karaoke",
    "hỗ trợ hộ nghèo", "thu phí vệ sinh", "lấn chiếm vỉa hè",
]  # fmt: skip
ACTIONS = ["Đề nghị giải quyết", "Khiếu nại về", "Tố cáo sai phạm trong", "Kiến nghị về"]
INDICATORS = [
    "Hộ gia đình đăng ký xây dựng gia đình văn hóa", "Tổ dân phố văn hóa",
    "Vận động ủng hộ quỹ “Đền ơn đáp nghĩa”", "Hiến máu nhân đạo",
    "Công trình xây dựng có phép", "Hộ kinh doanh ký cam kết trật tự đô thị",
    "Mô hình “Dân vận khéo” đăng ký", "Hội nghị đối thoại tổ chức",
    "Đơn thư được giải quyết", "Hộ nghèo được hỗ trợ",
]  # fmt: skip


def given(rng) -> str:
    return rng.choice(GIVEN)


def person(rng) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def address(rng) -> str:
    return f"số {rng.randint(1, 300)} phố {rng.choice(STREETS)}, {rng.choice(PLACES)}"


def district(index: int) -> str:
    base = DISTRICTS[index % len(DISTRICTS)]
    return base if index < len(DISTRICTS) else f"{base} {index // len(DISTRICTS) + 1}"


def ward(district_index: int, index: int) -> str:
    base = PLACES[(district_index * 7 + index) % len(PLACES)]
    return f"{base} {district_index + 1}-{index + 1}"


def indicator(index: int) -> str:
    base = INDICATORS[index % len(INDICATORS)]
    return base if index < len(INDICATORS) else f"{base} ({index // len(INDICATORS) + 1})"


def summary(rng) -> str:
    return f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} tại {rng.choice(PLACES)}"


def opinion(rng) -> str:
    return f"Cử tri phản ánh về {rng.choice(TOPICS)} trên địa bàn {rng.choice(PLACES)}."


def model_name(rng) -> str:
    return f"Mô hình “{rng.choice(TOPICS).capitalize()}” ở {rng.choice(PLACES)}"


def report_text(rng) -> str:
    return (
        f"Tổ chức tuyên truyền về {rng.choice(TOPICS)}; vận động {rng.randint(100, 900)} hộ "
        f"gia đình tham gia. Phối hợp giải quyết kiến nghị của nhân dân tại {rng.choice(PLACES)}."
    )
