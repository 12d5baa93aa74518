"""Demo units, issuing bodies and users from fixtures/demo/units.json (idempotent)."""

import json
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model

from danvan.orgs import services
from danvan.orgs.models import KIND_PREFIX, IssuingBody, Unit

DATA_FILE = settings.BASE_DIR / "fixtures" / "demo" / "units.json"
GROUP_BODY = "KHỐI DÂN VẬN"
# From 1/7/2025 a ward's Party committee carries dân vận work in its Ban Xây dựng Đảng
# (Quy định 298-QĐ/TW): the new wards issue their reports under it.
PARTY_BUILDING_BODY = "BAN XÂY DỰNG ĐẢNG"


def reform_day() -> date:
    return _day(load()["reform"]["date"])


def load() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _day(value):
    return date.fromisoformat(value) if value else None


def _ensure_unit(path, name, kind, valid_from=None, valid_to=None) -> Unit:
    unit = Unit.objects.filter(path=path).first()
    if unit:
        return unit
    parent_path, _sep, code = path.rpartition("/")
    parent = Unit.objects.get(path=parent_path) if parent_path else None
    return services.unit_create(
        actor=None,
        parent=parent,
        name=name,
        kind=kind,
        code=code,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _ward_body(unit: Unit, reform: date) -> None:
    """Old wards issued as 'ĐẢNG ỦY PHƯỜNG X / KHỐI DÂN VẬN' ('Số 07-BC/DV') until they closed;
    the wards opened by the reform issue as 'ĐẢNG ỦY PHƯỜNG X / BAN XÂY DỰNG ĐẢNG'."""
    new = bool(unit.valid_from and unit.valid_from >= reform)
    name = PARTY_BUILDING_BODY if new else GROUP_BODY
    if IssuingBody.objects.filter(unit=unit, name=name).exists():
        return
    services.issuing_body_save(
        actor=None,
        unit=unit,
        name=name,
        superior_name=f"ĐẢNG ỦY {KIND_PREFIX[unit.kind]} {unit.name}".upper(),
        symbol="BXDĐ" if new else "DV",
        place_name=unit.name,
        signer_title="TRƯỞNG BAN" if new else "TRƯỞNG KHỐI DÂN VẬN",
        recipients="- Ban Tuyên giáo và Dân vận Thành ủy,\n- Thường trực Đảng ủy," if new else "",
        valid_from=unit.valid_from,  # an old ward's body ends with the ward itself
    )


def _bodies(unit: Unit, entries: list[dict]) -> None:
    """The unit's issuing bodies, each with its dates: created once, by name."""
    for entry in entries:
        if IssuingBody.objects.filter(unit=unit, name=entry["name"]).exists():
            continue
        fields = {**entry, "valid_from": _day(entry.get("valid_from"))}
        fields["valid_to"] = _day(entry.get("valid_to"))
        services.issuing_body_save(actor=None, unit=unit, **fields)


def seed_units(data: dict) -> None:
    reform = _day(data["reform"]["date"])
    for entry in data["units"]:
        valid_from, valid_to = _day(entry.get("valid_from")), _day(entry.get("valid_to"))
        unit = _ensure_unit(
            entry["path"], entry.get("name"), entry.get("kind"), valid_from, valid_to
        )
        _bodies(unit, entry.get("bodies", [entry["body"]] if "body" in entry else []))
        if unit.kind in {Unit.Kind.WARD, Unit.Kind.COMMUNE}:
            _ward_body(unit, reform)
        children = entry.get("children")
        if children:
            names = children.get("names") or [
                children["pattern"].format(n=n) for n in range(1, children["count"] + 1)
            ]
            for name in names:
                child_path = f"{unit.path}/{services.unit_code_for(name)}"
                child = _ensure_unit(child_path, name, children["kind"], valid_from, valid_to)
                if child.kind in {Unit.Kind.WARD, Unit.Kind.COMMUNE}:
                    _ward_body(child, reform)
        for share, paths in entry.get("lineage", {}).items():
            for old_path in paths:
                services.lineage_record(
                    actor=None,
                    successor=unit,
                    predecessor=Unit.objects.get(path=old_path),
                    share=share,
                    effective_date=reform,
                    legal_basis=data["reform"]["legal_basis"],
                )


def seed_users(data: dict) -> list[dict]:
    User = get_user_model()
    logins = []
    for entry in data["users"]:
        first, _sep, last = entry["name"].rpartition(" ")
        user, created = User.objects.get_or_create(
            username=entry["username"],
            defaults={
                "first_name": last,
                "last_name": first,
                "is_superuser": entry.get("superuser", False),
                "is_staff": entry.get("superuser", False) or entry.get("role") == "admin",
            },
        )
        if created:
            user.set_password(data["password"])
            user.save(update_fields=["password"])
        if entry.get("unit"):
            unit = Unit.objects.get(path=entry["unit"])
            services.membership_grant(actor=None, user=user, unit=unit, role=entry["role"])
        logins.append({**entry, "password": data["password"]})
    return logins


def seed(stdout=None) -> list[dict]:
    data = load()
    seed_units(data)
    return seed_users(data)
