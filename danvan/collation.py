"""Vietnamese alphabetical order (A Ă Â B C D Đ E Ê … O Ô Ơ … U Ư …) for sorted lists of names.

A small key rather than a library: pyuca implements the plain Unicode table (DUCET), where
Ă, Â, Ê, Ô, Ơ and Ư are A, E, O, U with a secondary accent ("Ôn" before "Ot"), not letters
of their own; PyICU has the Vietnamese tailoring but needs a C++ build against libicu-dev,
which the image does not carry. The rule is short and tested (tests/danvan/test_collation.py):

- letters compare by their place in the Vietnamese alphabet, whole names word by word (a
  space sorts before any letter, so "Ngã Tư Sở" < "Ngọc Lâm");
- then the tones, in the dictionaries' order: ngang, huyền, sắc, hỏi, ngã, nặng;
- then upper before lower case.
"""

import functools
import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # huyền … nặng


def _char(char: str) -> tuple[int, int, int]:
    """(place, tone, case) of one NFC character."""
    base, *marks = unicodedata.normalize("NFD", char)
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in LETTER_MARKS))
    tone = next((TONES[m] for m in marks if m in TONES), 0)
    lower = letter.lower()
    if lower in ALPHABET:
        place = 100 + ALPHABET.index(lower)
    elif char.isdigit():
        place = 10 + int(unicodedata.digit(char, 0))
    elif char.isspace() or not char.isalnum():
        place = 0
    else:
        place = 200 + ord(lower)
    return place, tone, 0 if letter.isupper() else 1


@functools.lru_cache(maxsize=8192)
def key(text: str) -> tuple:
    """Sort key of a name: `sorted(names, key=collation.key)`."""
    chars = [_char(c) for c in unicodedata.normalize("NFC", " ".join(str(text).split()))]
    return (
        tuple(c[0] for c in chars),
        tuple(c[1] for c in chars),
        tuple(c[2] for c in chars),
        text,
    )


def sort_units(units) -> list:
    """Units in Vietnamese order of their names."""
    return sorted(units, key=lambda unit: key(unit.name))
