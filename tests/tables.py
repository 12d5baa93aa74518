"""Reading a table of a page as its user does: the texts of its cells, row by row."""

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self, table_id: str):
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # tables open inside the wanted one, itself included
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_cells(html: str, table_id: str) -> list[list[str]]:
    """The rows of the table `table_id` (header row first), each a list of cell texts."""
    reader = _TableReader(table_id)
    reader.feed(html)
    assert reader.rows, f"no table #{table_id} on the page"
    return reader.rows


def by_row(html: str, table_id: str) -> dict[str, dict[str, str]]:
    """{first cell of a row: {column header: cell text}}."""
    header, *rows = table_cells(html, table_id)
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}


def make_province(communes=("Suối Ngọc", "Làng Mây")) -> dict:
    """A tree of names the demo does not have: Tỉnh Thử Nghiệm > Huyện Đồi Chè > communes
    (keyed by name), and Huyện Bến Đá beside it, with a commune of its own."""
    from tests.factories import UnitFactory

    top = UnitFactory(name="Thử Nghiệm", kind="province", parent=None)
    district = UnitFactory(name="Đồi Chè", kind="rural_district", parent=top)
    other = UnitFactory(name="Bến Đá", kind="rural_district", parent=top)
    return {
        "top": top,
        "district": district,
        "other": other,
        "other_commune": UnitFactory(name="Gò Sỏi", kind="commune", parent=other),
        **{name: UnitFactory(name=name, kind="commune", parent=district) for name in communes},
    }


def query_count(client, url, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)
