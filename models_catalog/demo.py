"""Demo models reproducing the source articles (idempotent, bulk-created so seeding stays fast).

- nghe-an/hoang-mai 2018 (001): 55 models — economy 16, culture–society 21, defence–security
  11, party building 7 — recognised at town level.
- ha-noi/dong-da 2019 (002): 103 collectives and 115 individuals registered 230 models (twelve
  collectives registered two each); 11 collectives were given a certificate of merit.
- ha-noi/long-bien/ngoc-thuy 2018 (003): 20 collectives and 28 individuals registered, one
  model each.
The articles give no field split for Đống Đa and Ngọc Thụy: the split below is invented.
"""

from datetime import date
from itertools import cycle

from simple_history.utils import bulk_create_with_history

from danvan.orgs.models import Unit
from danvan.search import fold, search_text
from models_catalog.models import (
    Award,
    Field,
    Level,
    PracticeModel,
    PracticeModelEvent,
    Registrant,
    Status,
)

TITLES = {
    Field.ECONOMY: "Hỗ trợ hộ khó khăn phát triển kinh tế",
    Field.CULTURE_SOCIETY: "Xây dựng gia đình văn hóa, tổ dân phố văn hóa",
    Field.DEFENCE_SECURITY: "Tổ tự quản an ninh trật tự",
    Field.POLITICAL_SYSTEM: "Chi bộ gương mẫu, gần dân",
}
CONTENT = {
    Field.ECONOMY: "Giúp các hộ khó khăn vay vốn, học nghề, vươn lên thoát nghèo.",
    Field.CULTURE_SOCIETY: "Xây dựng nếp sống văn minh, giữ gìn vệ sinh môi trường khu dân cư.",
    Field.DEFENCE_SECURITY: "Tuần tra, nắm tình hình, hòa giải mâu thuẫn ngay tại cơ sở.",
    Field.POLITICAL_SYSTEM: "Đảng viên gương mẫu, lắng nghe và giải quyết kiến nghị của dân.",
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hương", "Lan", "Nam", "Tâm", "Thảo"]
COLLECTIVES = [
    "Chi hội Phụ nữ tổ dân phố số {n}",
    "Chi đoàn thanh niên khu dân cư số {n}",
    "Chi hội Cựu chiến binh số {n}",
    "Ban công tác Mặt trận khu dân cư số {n}",
]
POSITIONS = ["Tổ trưởng tổ dân phố", "Bí thư chi bộ", "Chi hội trưởng", "Cán bộ dân vận"]


def _person(n: int) -> str:
    return f"{FAMILY[n % 10]} {MIDDLE[(n // 10) % 6]} {GIVEN[(n // 60 + n) % 11]}"


def _fields(split: dict) -> list[str]:
    """The fields with their counts, spread (stride 7) so that collectives and individuals
    each get some of every field; 7 is coprime with 55, 230 and 48, so nothing is lost."""
    fields = [field for field, count in split.items() for _ in range(count)]
    return [fields[(n * 7) % len(fields)] for n in range(len(fields))]


def _create(units, year, kinds, fields, level, statuses):
    """One model per entry of `kinds` ("collective"/"individual", or a registrant index to
    reuse: a registrant registering a second model), spread round-robin over `units`."""
    unit_of = cycle(units)
    registrants, plan = [], []
    for n, kind in enumerate(kinds):
        if isinstance(kind, int):
            plan.append(kind)
            continue
        unit = next(unit_of)
        if kind == Registrant.Kind.COLLECTIVE:
            name, position = COLLECTIVES[n % 4].format(n=n + 1), ""
        else:
            name, position = _person(n), POSITIONS[n % 4]
        registrants.append(
            Registrant(unit=unit, kind=kind, name=name, position=position, folded_name=fold(name))
        )
        plan.append(len(registrants) - 1)
    registrants = bulk_create_with_history(registrants, Registrant)
    models = []
    for n, (index, field, status) in enumerate(zip(plan, fields, statuses, strict=True)):
        registrant = registrants[index]
        name = f"{TITLES[field]} ({registrant.unit.name}, {n + 1})"
        commended = status == Status.COMMENDED
        models.append(
            PracticeModel(
                unit=registrant.unit,
                registrant=registrant,
                name=name,
                field=field,
                level=level,
                start_year=year,
                end_year=year,
                started_on=date(year, 1, 15),
                content=CONTENT[field],
                mobilisation="Tuyên truyền tại các cuộc họp tổ dân phố, sinh hoạt chi hội; "
                "vận động từng hộ gia đình, phát huy vai trò người có uy tín.",
                responsible_person=registrant.name if registrant.position else "",
                status=status,
                award=Award.CERTIFICATE if commended else "",
                awarded_by="Quận ủy Đống Đa" if commended else "",
                decision_number=f"{n + 101}-QĐ/QU" if commended else "",
                decision_date=date(year, 12, 20) if commended else None,
                search_text=search_text(name, registrant.name, registrant.position),
            )
        )
    models = bulk_create_with_history(models, PracticeModel)
    saved = PracticeModel.objects.filter(unit__in=units, start_year=year).only("id", "status")
    PracticeModelEvent.objects.bulk_create(
        PracticeModelEvent(practice_model=m, action="seed", to_state=m.status) for m in saved
    )
    return len(models)


def _wards(parent_path):
    return list(Unit.objects.filter(parent__path=parent_path).order_by("path"))


def seed_hoang_mai():
    units = _wards("nghe-an/hoang-mai")
    split = {
        Field.ECONOMY: 16,
        Field.CULTURE_SOCIETY: 21,
        Field.DEFENCE_SECURITY: 11,
        Field.POLITICAL_SYSTEM: 7,
    }
    kinds = [Registrant.Kind.COLLECTIVE] * 30 + [Registrant.Kind.INDIVIDUAL] * 25
    statuses = [Status.TYPICAL] * 3 + [Status.RECOGNISED] * 52
    return _create(units, 2018, kinds, _fields(split), Level.DISTRICT, statuses)


def seed_dong_da():
    units = _wards("ha-noi/dong-da")
    # 103 collectives, 115 individuals; the first twelve collectives register a second model.
    kinds = [Registrant.Kind.COLLECTIVE] * 103 + [Registrant.Kind.INDIVIDUAL] * 115
    kinds += list(range(12))
    split = {
        Field.ECONOMY: 62,
        Field.CULTURE_SOCIETY: 84,
        Field.DEFENCE_SECURITY: 46,
        Field.POLITICAL_SYSTEM: 38,
    }
    fields = _fields(split)
    statuses = [Status.COMMENDED] * 11 + [Status.IMPLEMENTING] * 219
    return _create(units, 2019, kinds, fields, Level.DISTRICT, statuses)


def seed_ngoc_thuy():
    unit = Unit.objects.get(path="ha-noi/long-bien/ngoc-thuy")
    kinds = [Registrant.Kind.COLLECTIVE] * 20 + [Registrant.Kind.INDIVIDUAL] * 28
    split = {
        Field.ECONOMY: 10,
        Field.CULTURE_SOCIETY: 18,
        Field.DEFENCE_SECURITY: 12,
        Field.POLITICAL_SYSTEM: 8,
    }
    statuses = [Status.IMPLEMENTING] * 48
    return _create([unit], 2018, kinds, _fields(split), Level.WARD, statuses)


SETS = [
    ("nghe-an/hoang-mai", 2018, seed_hoang_mai),
    ("ha-noi/dong-da", 2019, seed_dong_da),
    ("ha-noi/long-bien/ngoc-thuy", 2018, seed_ngoc_thuy),
]


def seed(stdout=None):
    for path, year, make in SETS:
        already = PracticeModel.objects.filter(
            unit__path__startswith=path, start_year=year
        ).exists()
        if already:
            continue
        count = make()
        if stdout:
            stdout.write(f"Dân vận khéo: {count} mô hình {path} {year}")
