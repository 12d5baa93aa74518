"""The Vietnamese catalogues are complete: nothing untranslated, nothing fuzzy, compiled, and no
user-facing string in the code that the catalogue lacks."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.conftest import require

ROOT = Path(settings.BASE_DIR)


def catalogues(root: Path = ROOT) -> list[Path]:
    skip = {".venv", "var", "node_modules"}
    return sorted(
        path
        for path in root.rglob("locale/vi/LC_MESSAGES/django.po")
        if not skip & set(path.relative_to(root).parts)
    )


def incomplete(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    return [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]


def test_there_is_a_vietnamese_catalogue():
    assert ROOT / "locale/vi/LC_MESSAGES/django.po" in catalogues()


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    assert incomplete(po_path) == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    source = polib.pofile(str(po_path))
    compiled_map = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled}
    stale = [
        e.msgid
        for e in source.translated_entries()
        if compiled_map.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)
    ]
    assert stale == [], "run `make messages` to compile the catalogue"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract the strings again into a copy of the project and find none untranslated."""
    require(
        shutil.which("xgettext") is not None,
        "GNU gettext is not installed (apt-get install gettext)",
    )
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "static", "tests", "*.pyc", "bench"
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    missing = {str(path.relative_to(copy)): incomplete(path) for path in catalogues(copy)}
    assert {path: ids for path, ids in missing.items() if ids} == {}


def test_vietnamese_is_the_default_language(client):
    assert settings.LANGUAGE_CODE == "vi"
    with translation.override("vi"):
        assert translation.gettext("Log in") == "Đăng nhập"


def test_one_english_text_has_one_vietnamese_text_across_the_apps():
    """Django merges the apps' catalogues and the first app wins: two apps translating the
    same text differently would show one app's word on the other's pages. Use a context
    (pgettext) where the meaning differs."""
    seen: dict[tuple, dict[str, str]] = {}
    for po_path in catalogues():
        for entry in polib.pofile(str(po_path)):
            key = (entry.msgctxt, entry.msgid)
            seen.setdefault(key, {})[str(po_path.relative_to(ROOT))] = entry.msgstr
    clashes = {key[1]: found for key, found in seen.items() if len(set(found.values())) > 1}
    assert clashes == {}
