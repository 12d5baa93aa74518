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
from django.db.models.functions import Lower
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


# --- People and their roles -------------------------------------------------------------------


def people_columns() -> list[excel.Column]:
    roles = {str(label): value for value, label in Role.choices}
    return [
        excel.Column("username", _("User name"), max_length=150),
        excel.Column("last_name", _("Family and middle name"), required=False, max_length=150),
        excel.Column("first_name", _("Given name"), required=False, max_length=150),
        excel.Column("email", _("Email"), required=False, max_length=254),
        excel.Column("unit", _("Unit code"), max_length=500),
        excel.Column("role", _("Role"), kind="choice", choices=roles),
        excel.Column(
            "password", _("Temporary password (new people)"), required=False, max_length=128
        ),
    ]


def check_people(sheet: excel.Sheet, user) -> None:
    """Units inside the administered subtrees; a new person needs a name and a temporary
    password the validators accept (they must change it at the first sign-in)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    header = {c.key: c.header for c in people_columns()}
    administered = Unit.objects.filter(scope_q(user, "path", {Role.ADMIN}))
    units = {
        u.path: u for u in administered.filter(path__in={r["unit"].strip("/") for r in sheet.rows})
    }
    names = {r["username"].strip().lower() for r in sheet.rows}
    existing = {
        u.username.lower(): u
        for u in get_user_model()
        .objects.annotate(lower=Lower("username"))
        .filter(lower__in=names, is_active=True)
    }
    new = set()
    for row in sheet.rows:
        row["username"] = row["username"].strip()
        row["_unit"] = units.get(row["unit"].strip("/"))
        row["_user"] = existing.get(row["username"].lower())
        if row["_unit"] is None:
            sheet.errors.append(
                excel.RowError(row["_row"], header["unit"], _("unknown unit or outside your units"))
            )
        if row["_user"] is not None or row["username"].lower() in new:
            continue  # a known person, or one an earlier row of the file creates
        new.add(row["username"].lower())
        if not (row.get("last_name") or row.get("first_name")):
            sheet.errors.append(
                excel.RowError(row["_row"], header["first_name"], _("a new person needs a name"))
            )
        try:
            validate_password(row.get("password") or "")
        except ValidationError as error:
            sheet.errors.append(
                excel.RowError(row["_row"], header["password"], " ".join(error.messages))
            )


def people_import(*, actor, rows) -> int:
    """New people through `user_create` (temporary password), roles through
    `membership_grant`; a person on several rows is created once."""
    made = {}
    for row in rows:
        person = row["_user"] or made.get(row["username"].lower())
        if person is None:
            person = services.user_create(
                actor=actor,
                username=row["username"],
                last_name=row.get("last_name") or "",
                first_name=row.get("first_name") or "",
                email=row.get("email") or "",
                password=row["password"],
                unit=row["_unit"],
                role=row["role"],
            )
            made[row["username"].lower()] = person
        else:
            services.membership_grant(actor=actor, user=person, unit=row["_unit"], role=row["role"])
    return len(rows)


def people_resource(unit: Unit, user) -> imports.Resource:
    example = [
        "vi-du.xoa-dong-nay",
        "Nguyễn Văn",
        "Ví Dụ",
        "",
        f"{unit.path}/vi-du-don-vi",
        str(Role.EDITOR.label),
        "",
    ]
    return imports.Resource(
        title=_("Import people and their roles under %s") % unit.title,
        columns=people_columns(),
        check=partial(check_people, user=user),
        upload_url=reverse("administration:people_import", args=[unit.pk]),
        done_url=reverse("administration:unit", args=[unit.pk]),
        template_url=reverse("administration:people_template", args=[unit.pk]),
        template_name="nguoi-dung-va-vai-tro.xlsx",
        sheet_title=_("People"),
        template_rows=(example,),
        done_message=lambda n: _("%(n)s roles were given.") % {"n": n},
    )
