"""The core names no domain app (DESIGN.md firm point 1): not by import, not by metric code.

`danvan/` and `templates/danvan/` know the apps only through registries (metrics, roll-up
sections, menu, narratives). The import direction itself is also an import-linter contract
(pyproject.toml, run by `make test`); this test also catches the names written as strings
("petitions.letters", "reports.urls") that an import graph cannot see.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("reports", "models_catalog", "petitions", "dialogues")
# The composition root names the apps by design: INSTALLED_APPS and the root URLconf.
COMPOSITION_ROOT = {"danvan/settings.py", "danvan/urls.py"}
SUFFIXES = {".py", ".html", ".txt", ".js", ".css"}
_names = "|".join(APPS)
NAMING = [
    re.compile(rf"\b(?:{_names})\.[A-Za-z_]"),  # a metric code or module: "petitions.letters"
    re.compile(rf"^\s*(?:from|import)\s+(?:{_names})\b", re.M),  # an import
    re.compile(rf"[\"'](?:{_names})[\"':]"),  # an app label or URL namespace as a string
    re.compile(r"\bmodels_catalog\b"),  # not an English word: any mention
]


def names_an_app(text: str) -> list[str]:
    return [match.group(0) for pattern in NAMING for match in pattern.finditer(text)]


def core_files():
    for top in ("danvan", "templates/danvan"):
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in SUFFIXES and relative not in COMPOSITION_ROOT:
                yield relative, path


@pytest.mark.parametrize(
    "text",
    [
        'TILES = ["petitions.letters"]',
        "from petitions.models import Letter",
        "import dialogues",
        "    from reports import metrics",
        'importlib.import_module("dialogues.rollup")',
        'GROUPS = {"reports": "Báo cáo"}',
        "{% url 'petitions:letter_list' %}",
        "# counted like models_catalog",
    ],
)
def test_the_grep_catches_an_app_named_in_the_core(text):
    assert names_an_app(text)


@pytest.mark.parametrize(
    "text", ["the reports app never imports the roll-up.", "# late reports, overdue cases"]
)
def test_the_grep_lets_plain_words_pass(text):
    assert names_an_app(text) == []


def test_the_core_names_no_app_and_no_app_metric_code():
    found = {
        relative: hits
        for relative, path in core_files()
        if (hits := names_an_app(path.read_text(encoding="utf-8")))
    }
    assert len(list(core_files())) > 50  # the walk really reads the core
    assert found == {}


def test_the_dependency_contracts_hold():
    """`lint-imports`: danvan imports no domain app; the apps do not import each other,
    but for dialogues → petitions (an opinion may link to a case)."""
    command = shutil.which("lint-imports") or str(ROOT / ".venv/bin/lint-imports")
    result = subprocess.run(
        [command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
