"""`matches(obj, q)` answers as `filter(q)` does, NULLs and negations included."""

from datetime import date

import pytest
from django.db.models import Q

from danvan.orgs.models import Unit
from danvan.predicates import matches
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
DAY = date(2024, 5, 20)

QUERIES = [
    Q(valid_from__lt=DAY),
    Q(valid_from__lte=DAY),
    Q(valid_to__gt=DAY),
    Q(valid_to__gte=DAY),
    Q(valid_from=DAY),
    Q(valid_from__isnull=True),
    Q(valid_to__isnull=False),
    ~Q(valid_from__lt=DAY),  # Django adds "IS NOT NULL": true for an empty date
    ~Q(valid_to=DAY),
    Q(valid_from__in=[DAY, date(2024, 1, 1)]),
    Q(valid_from__isnull=True) | Q(valid_from__lte=DAY),
    (Q(valid_from__isnull=True) | Q(valid_from__lte=DAY))
    & (Q(valid_to__isnull=True) | Q(valid_to__gte=DAY)),
    ~(Q(valid_from__lt=DAY) & Q(kind=Unit.Kind.COMMUNE)),
    Q(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.TOWNSHIP], valid_to__lt=date(2025, 1, 1)),
]


@pytest.fixture
def units():
    bounds = [None, date(2024, 1, 1), DAY, date(2024, 5, 21)]
    made = []
    for number, valid_from in enumerate(bounds):
        for valid_to in [None, DAY, date(2024, 12, 31)]:
            if valid_from and valid_to and valid_to < valid_from:
                continue
            made.append(
                UnitFactory(
                    name=f"Xã Thử Điều Kiện {number}-{len(made)}",
                    kind=Unit.Kind.COMMUNE if len(made) % 2 else Unit.Kind.TOWN,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )
    return made


@pytest.mark.parametrize("q", QUERIES, ids=str)
def test_a_loaded_object_matches_as_the_database_filters(units, q):
    ids = [unit.pk for unit in units]
    in_database = set(Unit.objects.filter(pk__in=ids).filter(q).values_list("pk", flat=True))
    in_python = {unit.pk for unit in units if matches(unit, q)}
    assert in_python == in_database
    assert 0 < len(in_database) < len(units) or q.negated, "the case set splits on each query"


@pytest.mark.parametrize(
    "q",
    [
        Q(parent__name="Hà Nội"),
        Q(name__icontains="xã"),
        Q(valid_from__year=2024),
        Q(kind="a") ^ Q(kind="b"),
    ],
    ids=str,
)
def test_what_it_cannot_answer_like_the_database_is_refused(units, q):
    with pytest.raises(ValueError):
        matches(units[0], q)
