"""Vietnamese alphabetical order (danvan.collation), on names the demo does not have."""

import pytest

from danvan.collation import key, sort_units


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Az", "Ăn"),  # Ă is a letter of its own after A, not A with an accent
        ("Ăz", "Ân"),
        ("Dz", "Đa"),
        ("Ez", "Êa"),
        ("Oz", "Ôa"),
        ("Ôz", "Ơa"),
        ("Uz", "Ưa"),
        ("Ngã Tư Sở", "Ngọc Lâm"),  # word by word: a space before any letter
        ("Ngã Tư Sở", "Ô Chợ Dừa"),
        ("Ô Chợ Dừa", "Phương Liên"),
        ("Ô Chợ Dừa", "Văn Miếu"),
        ("ma", "mà"),  # tones: ngang, huyền, sắc, hỏi, ngã, nặng
        ("mà", "má"),
        ("má", "mả"),
        ("mả", "mã"),
        ("mã", "mạ"),
        ("mạ", "mai"),  # a tone never outweighs a letter
        ("Tổ 2", "Tổ 3"),
    ],
)
def test_vietnamese_order(before, after):
    assert key(before) < key(after)


def test_the_same_name_typed_decomposed_sorts_the_same():
    assert key("Phường Ô Chợ Dừa")[:3] == key("Phường O\u0302 Cho\u031b\u0323 Du\u031b\u0300a")[:3]


def test_sort_units_sorts_by_name():
    class Named:
        def __init__(self, name):
            self.name = name

    names = ["Văn Miếu", "Ô Chợ Dừa", "Phương Liên", "Ngã Tư Sở", "Đống Mác", "Dịch Vọng"]
    assert [u.name for u in sort_units(Named(n) for n in names)] == [
        "Dịch Vọng", "Đống Mác", "Ngã Tư Sở", "Ô Chợ Dừa", "Phương Liên", "Văn Miếu",
    ]  # fmt: skip
