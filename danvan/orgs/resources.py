"""Units with their lineage from one Excel sheet (the 2025 lists of new communes and wards
with their predecessors arrive so), through the project's import flow (`danvan.imports`:
file checks, dry-run preview, all or nothing) and, row by row, the unit services.

A row is a new unit: its parent's code path, its name (and code), kind, start date, and the
old units it takes over, written "path (share); path (share)" with the share as the page
shows it: toàn bộ / phần lớn / một phần.
"""

import re
from functools import partial

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import excel, imports
from danvan.orgs import services
from danvan.orgs.access import Role, scope_q
from danvan.orgs.models import PATH_SEPARATOR, Unit, UnitLineage

PREDECESSOR_RE = re.compile(r"^\s*(?P<path>[a-z0-9/-]+)\s*(?:\((?P<share>[^)]*)\))?\s*$")


def unit_columns() -> list[excel.Column]:
    kinds = {str(label): value for value, label in Unit.Kind.choices}
    return [
        excel.Column("parent", _("Parent unit code"), max_length=500),
        excel.Column("name", _("Unit"), max_length=200),
        excel.Column("code", _("Unit code"), required=False, max_length=60),
        excel.Column("kind", _("Kind"), kind="choice", choices=kinds),
        excel.Column("valid_from", _("Valid from"), kind="date", required=False),
        excel.Column("predecessors", _("Predecessor units"), required=False, max_length=5000),
        excel.Column("legal_basis", _("Legal basis"), required=False, max_length=200),
    ]


def _shares() -> dict[str, str]:
    shares = {str(label).casefold(): value for value, label in UnitLineage.Share.choices}
    return shares | {value: value for value in UnitLineage.Share.values}


def check_units(sheet: excel.Sheet, user) -> None:
    """The dry run's row checks, in a few queries whatever the number of rows: parents inside
    the units the user administers, new code paths not taken (nor twice in the file), old
    units known, shares spelled as the page spells them."""
    header = {c.key: c.header for c in unit_columns()}
    administered = Unit.objects.filter(scope_q(user, "path", {Role.ADMIN}))
    parents = {
        u.path: u
        for u in administered.filter(path__in={row["parent"].strip("/") for row in sheet.rows})
    }
    shares = _shares()
    wanted = set()
    for row in sheet.rows:
        row["_parent"] = parents.get(row["parent"].strip("/"))
        if row["_parent"] is None:
            sheet.errors.append(
                excel.RowError(
                    row["_row"], header["parent"], _("unknown unit or outside your units")
                )
            )
            continue
        row["code"] = row.get("code") or services.unit_code_for(row["name"])
        row["_path"] = f"{row['_parent'].path}{PATH_SEPARATOR}{row['code']}"
        row["_links"] = []
        for part in filter(str.strip, (row.get("predecessors") or "").split(";")):
            match = PREDECESSOR_RE.match(part)
            share = match and shares.get((match["share"] or "toàn bộ").strip().casefold())
            if not match or not share:
                sheet.errors.append(
                    excel.RowError(
                        row["_row"],
                        header["predecessors"],
                        _("write “code path (toàn bộ | phần lớn | một phần)”: %(part)s")
                        % {"part": part.strip()},
                    )
                )
                continue
            row["_links"].append((match["path"].strip("/"), share))
            wanted.add(match["path"].strip("/"))
    old = {u.path: u for u in administered.filter(path__in=wanted)}
    paths = [row["_path"] for row in sheet.rows if row.get("_path")]
    taken = set(Unit.objects.filter(path__in=paths).values_list("path", flat=True))
    seen = set()
    for row in sheet.rows:
        if not row.get("_path"):
            continue
        if row["_path"] in taken or row["_path"] in seen:
            sheet.errors.append(
                excel.RowError(
                    row["_row"],
                    header["code"],
                    _("the code path %(path)s is already taken") % {"path": row["_path"]},
                )
            )
        seen.add(row["_path"])
        for path, _share in row["_links"]:
            if path not in old:
                sheet.errors.append(
                    excel.RowError(
                        row["_row"],
                        header["predecessors"],
                        _("%(path)s: unknown unit or outside your units") % {"path": path},
                    )
                )
        row["_links"] = [(old[path], share) for path, share in row["_links"] if path in old]


def units_import(*, actor, rows) -> int:
    """Every row through the unit services (`unit_create_many`: the rules of `unit_create`
    and `lineage_record` in a few statements, a reform's list being thousands of rows)."""
    entries = [
        services.NewUnit(
            parent=row["_parent"],
            name=row["name"],
            code=row["code"],
            kind=row["kind"],
            valid_from=row.get("valid_from"),
            predecessors=row["_links"],
            legal_basis=row.get("legal_basis") or "",
        )
        for row in rows
    ]
    try:
        services.unit_create_many(actor=actor, entries=entries)
    except ValidationError as error:
        raise imports.RowsRefused(
            [(rows[int(i)]["_row"], ValidationError(m)) for i, m in error.message_dict.items()]
        ) from None
    return len(rows)


def units_resource(unit: Unit, user) -> imports.Resource:
    example = [
        unit.path,
        "Ví dụ: Phường Mới (xóa dòng này)",
        "",
        str(Unit.Kind.WARD.label),
        "01/07/2025",
        f"{unit.path}/vi-du-phuong-cu (toàn bộ); {unit.path}/vi-du-phuong-khac (một phần)",
        "Nghị quyết số …/NQ-UBTVQH15",
    ]
    url = reverse("administration:units_import", args=[unit.pk])
    return imports.Resource(
        title=_("Import units with their lineage under %s") % unit.title,
        columns=unit_columns(),
        check=partial(check_units, user=user),
        upload_url=url,
        done_url=reverse("administration:unit", args=[unit.pk]),
        template_url=reverse("administration:units_template", args=[unit.pk]),
        template_name="don-vi-va-ke-thua.xlsx",
        sheet_title=_("Units"),
        template_rows=(example,),
        done_message=lambda n: _("%(n)s units were created with their lineage.") % {"n": n},
    )
