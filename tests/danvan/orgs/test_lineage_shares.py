"""Across the reform a new ward's figures take in its predecessors' for the share taken over:
no old ward counts in full in two new ones, and every comparison says so."""

from datetime import date
from decimal import Decimal

import pytest

from danvan import metrics
from danvan.orgs import lineage, services
from danvan.periods import Period
from danvan.rollup import figures, rendering, tables
from tests import factories
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.petitions.factories import LetterFactory

REFORM = date(2025, 7, 1)
BASIS = "NQ 9999/NQ-UBTVQH15 (thử)"
# Letters received by each old ward (made by the test, no demo name): 2025Q1 and 2024Q3.
OLD_LETTERS = {
    "An Khê": {date(2025, 2, 3): 4, date(2024, 8, 5): 2},
    "Bích Câu": {date(2025, 2, 3): 10, date(2024, 8, 5): 5},
    "Cẩm Hà": {date(2025, 2, 3): 8, date(2024, 8, 5): 4},
    "Đông Lũy": {date(2025, 2, 3): 10},
}


@pytest.fixture
def reform(db):
    """Sông Hồng district's four wards closed on 30/06/2025; new Bến Nghé took over all of An
    Khê, 60% of Bích Câu (a weight), Cẩm Hà's part of 1.500 of its 6.000 people (the figure)
    and most of Đông Lũy (no weight: the default 70%); new Vạn Xuân took the rest."""
    city = factories.UnitFactory(name="Thành phố Thử", kind="city")
    district = factories.UnitFactory(
        name="Sông Hồng", kind="urban_district", parent=city, valid_to=date(2025, 6, 30)
    )
    old = {
        name: factories.UnitFactory(name=name, parent=district, valid_to=date(2025, 6, 30))
        for name in OLD_LETTERS
    }
    new = factories.UnitFactory(name="Bến Nghé", parent=city, valid_from=REFORM)
    other = factories.UnitFactory(name="Vạn Xuân", parent=city, valid_from=REFORM)

    def link(successor, name, share, **shares):
        services.lineage_record(
            actor=None,
            successor=successor,
            predecessor=old[name],
            share=share,
            effective_date=REFORM,
            legal_basis=BASIS,
            **shares,
        )

    link(new, "An Khê", "whole")
    link(new, "Bích Câu", "most", weight=Decimal("0.6"))
    link(other, "Bích Câu", "part", weight=Decimal("0.4"))
    link(new, "Cẩm Hà", "part", basis="population", part_figure=1500, whole_figure=6000)
    link(other, "Cẩm Hà", "most", basis="population", part_figure=4500, whole_figure=6000)
    link(new, "Đông Lũy", "most")
    link(other, "Đông Lũy", "part")
    for name, days in OLD_LETTERS.items():
        for day, count in days.items():
            for _n in range(count):
                LetterFactory(unit=old[name], received_on=day)
    for day, count in {date(2026, 1, 12): 7, date(2025, 8, 20): 3}.items():
        for _n in range(count):
            LetterFactory(unit=new, received_on=day)
    return {"city": city, "district": district, "new": new, "other": other, **old}


def letters(unit, code):
    return metrics.evaluate("petitions.letters", unit, Period.parse(code)).total.amount


@pytest.mark.django_db
def test_weights_come_from_figure_weight_or_default(reform):
    taken = {t.unit.name: t.weight for t in lineage.predecessors_taken(reform["new"])}
    assert taken == {
        "An Khê": 1,
        "Bích Câu": Decimal("0.6"),
        "Cẩm Hà": Decimal("0.25"),  # 1.500 of 6.000 people
        "Đông Lũy": Decimal("0.7"),
    }


@pytest.mark.django_db
def test_new_ward_before_the_reform_counts_each_predecessor_for_its_share(reform):
    # 2025Q1: 4 x 1 + 10 x 0,6 + 8 x 0,25 + 10 x 0,7 = 19 (not 32: the wards in full).
    assert letters(reform["new"], "2025Q1") == 19
    # 2024Q3: 2 x 1 + 5 x 0,6 + 4 x 0,25 = 6.
    assert letters(reform["new"], "2024Q3") == 6
    # The rest went to Vạn Xuân: 10 x 0,4 + 8 x 0,75 + 10 x 0,3 = 13; together, the old total.
    assert letters(reform["other"], "2025Q1") == 13
    assert letters(reform["new"], "2025Q1") + letters(reform["other"], "2025Q1") == letters(
        reform["district"], "2025Q1"
    )
    # After the reform the ward's own letters only.
    assert letters(reform["new"], "2026Q1") == 7
    assert letters(reform["new"], "2025Q3") == 3


@pytest.mark.django_db
def test_weights_above_one_in_all_are_scaled_down(reform):
    """Two administrators each said "most" of Đông Lũy with a weight of 0,8: together it may
    count once, not 1,6 times."""
    for unit in (reform["new"], reform["other"]):
        services.lineage_record(
            actor=None,
            successor=unit,
            predecessor=reform["Đông Lũy"],
            share="most",
            effective_date=REFORM,
            weight=Decimal("0.8"),
        )
    taken = {t.unit.name: t.weight for t in lineage.predecessors_taken(reform["new"])}
    assert taken["Đông Lũy"] == Decimal("0.5")


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "now", "before"), [("2026Q1", 7, 19), ("2025Q3", 3, 6)])
def test_comparison_across_the_reform_uses_the_shares_and_carries_the_note(
    reform, code, now, before
):
    period = Period.parse(code)
    table = tables.build(reform["new"], period, ["petitions.letters"], compare=True)
    (figure,) = table.figures
    assert (figure.total.amount, figure.previous.total.amount) == (now, before)
    for text in (
        "01/07/2025",
        "Phường An Khê (toàn bộ)",
        "Phường Bích Câu (phần lớn, 60% (trọng số đã nhập))",
        "Phường Cẩm Hà (một phần, 25% (dân số 1.500/6.000))",
        "Phường Đông Lũy (phần lớn, 70% (ước tính mặc định))",
        BASIS,
    ):
        assert text in table.note
    rollup = figures.build(reform["new"], period, with_charts=False)
    assert rollup.reform_note == table.note
    letters_figure = next(
        f for g in rollup.groups for f in g.figures if f.metric.code == "petitions.letters"
    )
    assert letters_figure.previous.total.amount == before


@pytest.mark.django_db
def test_no_note_where_nothing_crosses_the_reform(reform):
    assert (
        tables.build(
            reform["new"], Period.parse("2027Q1"), ["petitions.letters"], compare=True
        ).note
        == ""
    )
    assert (
        tables.build(
            reform["district"], Period.parse("2024Q1"), ["petitions.letters"], compare=True
        ).note
        == ""
    )


@pytest.mark.django_db
def test_the_pdf_prints_the_note(reform, tmp_path):
    text = squeeze(pdf_text(rendering.rollup_pdf(reform["new"], Period.parse("2025Q3")), tmp_path))
    assert "Phường Cẩm Hà (một phần, 25% (dân số 1.500/6.000))" in text
    assert BASIS in text


@pytest.mark.django_db
def test_the_administrator_gives_the_figures_and_a_half_given_pair_is_refused(
    reform, client, login_as
):
    from django.urls import reverse

    from danvan.orgs.access import Role
    from danvan.orgs.models import UnitLineage

    login_as(Role.ADMIN, reform["city"])
    url = reverse("administration:lineage_add", args=[reform["other"].pk])
    posted = {
        "predecessor": reform["An Khê"].pk,
        "share": "part",
        "effective_date": "2025-07-01",
        "basis": "",
        "part_figure": "300",
        "whole_figure": "",
    }
    page = client.post(url, posted).content.decode()
    assert "Hãy cho biết số liệu là dân số hay diện tích." in page
    assert 'value="300"' in page  # nothing typed is lost
    assert not UnitLineage.objects.filter(successor=reform["other"], predecessor=reform["An Khê"])
    posted.update(basis="area", whole_figure="1200")
    assert client.post(url, posted).status_code == 302
    shown = client.get(reverse("administration:unit", args=[reform["other"].pk])).content.decode()
    # 300 of 1.200 ha is 25%, but An Khê went whole to Bến Nghé too: 1 + 0,25 in all, scaled
    # so the old ward counts once (0,8 and 0,2).
    assert "Phường An Khê – một phần, 20% (diện tích 300/1.200)" in shown
    taken = {t.unit.name: t.weight for t in lineage.predecessors_taken(reform["new"])}
    assert taken["An Khê"] == Decimal("0.8")
