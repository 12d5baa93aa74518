"""Template habits a checker would flag on some page but not on the pages the browser suite
happens to open."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP = {".venv", "var", "node_modules", "static"}


def templates():
    for path in ROOT.rglob("*.html"):
        if not SKIP & set(path.relative_to(ROOT).parts) and "templates" in path.parts:
            yield path


def test_no_table_header_cell_is_empty():
    """A screen reader reads a column's header before each cell: an actions column says so."""
    empty = re.compile(r"<th(\s[^>]*)?>\s*</th>")
    found = [str(p.relative_to(ROOT)) for p in templates() if empty.search(p.read_text())]
    assert found == []
