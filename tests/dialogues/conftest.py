import pytest

from tests.dialogues.factories import ConferenceFactory, ensure_fields


@pytest.fixture
def conference(tree):
    """A held 2018 conference of Ngọc Thụy ward (and the five seeded opinion fields)."""
    ensure_fields()
    return ConferenceFactory(unit=tree["ngoc_thuy"])
