"""The set-based letter import saves, row for row, what `letter_register` saves one by one,
in a number of queries that does not grow with the rows, and all or nothing."""

import copy
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan import freshness
from petitions import bulk as bulk_writes
from petitions import services
from petitions.models import Case, CaseEvent, Letter, SenderIdentity, SubjectArea
from tests.conftest import require, uses_postgresql
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2019, 6, 1), tick=False):
        yield


def _row(number, **fields):
    row = {
        "_row": number + 1,
        "received_on": date(2019, 3, 4),
        "receiving_body": "people_committee",
        "channel": "post",
        "kind": "complaint",
        "subject_area": None,
        "summary": f"Khiếu nại bồi thường đất, dòng {number}",
        "sender_name": f"Nguyễn Văn Bình {number}",
        "sender_contact": "Tổ 5, Ngọc Thụy",
        "signer_count": 1,
        "signers": "one",
        "is_eligible": True,
        "is_repeated": False,
    }
    row.update(fields)
    return row


def _register(rows):
    """Rows in a batch of every kind, body, two years, holidays and the optional cells."""
    area = SubjectArea.objects.order_by("order").first()
    return [
        _row(1),
        _row(2, receiving_body="party", kind="denunciation", summary="Tố cáo cán bộ địa chính"),
        # received the Friday before Tết: the working days skip Tết (core calendar)
        _row(3, kind="denunciation", received_on=date(2019, 2, 1), sender_contact=""),
        _row(4, kind="mixed", received_on=date(2018, 12, 28), subject_area=area),
        _row(5, kind="petition", received_on=date(2018, 4, 27), signer_count=12, signers="several"),
        _row(
            6,
            is_eligible=False,
            ineligible_reason="Marked not eligible in the imported register",
            is_repeated=True,
            receiving_body="fatherland_front",
        ),
        _row(7, receiving_body="party", summary="Đơn đề nghị lần hai", sender_name="Lê Thị Hoa"),
        _row(8, received_on=date(2019, 6, 1)),
    ][:rows]


def _per_row(actor, unit, rows):
    """What `letters_import` did before it was set-based: `letter_register` row by row."""
    for row in rows:
        fields = {key: value for key, value in row.items() if not key.startswith("_")}
        sender = services.Sender(
            fields.pop("sender_name", "") or "", fields.pop("sender_contact", "") or ""
        )
        services.letter_register(actor=actor, unit=unit, sender=sender, **fields)


class _Undo(Exception):
    pass


def _saved_by(save, since):
    """Everything `save()` wrote after the ids in `since`, with its own ids replaced by their
    order of creation; then rolled back, so the other path starts from the same state."""
    try:
        with transaction.atomic():
            save()
            found = _snapshot(since)
            raise _Undo
    except _Undo:
        return found


def _fields(instance, skip=()):
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in skip
    }


def _snapshot(since):
    cases = list(Case.objects.filter(pk__gt=since["case"]).order_by("pk"))
    letters = list(Letter.objects.filter(pk__gt=since["letter"]).order_by("pk"))
    case_name = {case.pk: f"new case {i}" for i, case in enumerate(cases)}
    letter_name = {letter.pk: f"new letter {i}" for i, letter in enumerate(letters)}

    def named_case(pk):
        return case_name.get(pk, f"existing case {pk}")

    snapshot = {"cases": [], "letters": [], "case_history": [], "letter_history": []}
    for case in cases:
        fields = _fields(case, skip={"id"})
        number, rest = fields.pop("search_text").split(" ", 1)
        assert number == str(case.pk)  # the case's id leads its search text
        snapshot["cases"].append({**fields, "search_text": f"<id> {rest}"})
    for letter in letters:
        fields = _fields(letter, skip={"id"})
        snapshot["letters"].append({**fields, "case_id": named_case(letter.case_id)})
    for record in Case.history.filter(id__in=case_name).order_by("history_id"):
        fields = _fields(record, skip={"history_id", "history_date"})
        snapshot["case_history"].append({**fields, "id": named_case(record.id)})
    for record in Letter.history.filter(id__in=letter_name).order_by("history_id"):
        fields = _fields(record, skip={"history_id", "history_date"})
        fields.update(id=letter_name[record.id], case_id=named_case(record.case_id))
        snapshot["letter_history"].append(fields)
    snapshot["events"] = [
        {**_fields(event, skip={"id", "at"}), "case_id": named_case(event.case_id)}
        for event in CaseEvent.objects.filter(pk__gt=since["event"]).order_by("pk")
    ]
    snapshot["identities"] = [
        {**_fields(identity, skip={"id"}), "letter_id": letter_name[identity.letter_id]}
        for identity in SenderIdentity.objects.filter(letter_id__in=letter_name).order_by("pk")
    ]
    return snapshot


def _high_water():
    def top(model):
        return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    return {"case": top(Case), "letter": top(Letter), "event": top(CaseEvent)}


@pytest.mark.parametrize("fast", [True, False], ids=["column-arrays", "bulk_create"])
def test_the_bulk_import_saves_what_letter_register_saves_row_by_row(
    tree, editor, monkeypatch, fast
):
    """Both ways of inserting: column arrays with drawn ids (PostgreSQL) and bulk_create with
    simple_history's helper (elsewhere)."""
    if fast and connection.vendor != "postgresql":
        pytest.skip("column arrays and drawn ids are PostgreSQL's")
    # letters_import's own choice and the one of petitions.bulk's writers
    monkeypatch.setattr(services, "_fast_inserts", lambda: fast)
    monkeypatch.setattr(bulk_writes, "_fast_inserts", lambda: fast)
    unit = tree["ngoc_thuy"]
    # numbers go on after the letters already in the register; other units do not count
    existing = LetterFactory(unit=unit, actor=editor, receiving_body="party")
    LetterFactory(unit=unit, actor=editor, received_on=date(2018, 5, 2))
    LetterFactory(unit=tree["sai_dong"], receiving_body="party")
    rows = _register(8)
    rows.append(_row(9, receiving_body="party", is_repeated=True, case=existing.case))
    since = _high_water()

    bulk = _saved_by(
        lambda: services.letters_import(actor=editor, unit=unit, rows=copy.copy(rows)), since
    )
    one_by_one = _saved_by(lambda: _per_row(editor, unit, rows), since)

    assert bulk == one_by_one
    # and what they agree on is what the register should say
    letters = bulk["letters"]
    assert [
        (f"{x['receipt_number']}/{x['receipt_year']}", x["receiving_body"]) for x in letters
    ] == [
        ("1/2019", "people_committee"),
        ("2/2019", "party"),
        ("2/2019", "people_committee"),
        ("2/2018", "people_committee"),
        ("3/2018", "people_committee"),
        ("1/2019", "fatherland_front"),
        ("3/2019", "party"),
        ("3/2019", "people_committee"),
        ("4/2019", "party"),
    ]
    assert letters[-1]["case_id"] == f"existing case {existing.case_id}"
    assert len(bulk["cases"]) == 8 and len(bulk["events"]) == 17
    assert bulk["cases"][2]["acceptance_due"] == date(2019, 2, 19)  # 7 working days, Tết skipped
    assert letters[1]["sender_name"] == "" and "Nguyễn" not in letters[1]["search_text"]
    assert [i["name"] for i in bulk["identities"]] == [
        "Nguyễn Văn Bình 2",
        "Nguyễn Văn Bình 3",
        "Nguyễn Văn Bình 4",
    ]
    assert {h["history_user_id"] for h in bulk["letter_history"] + bulk["case_history"]} == {
        editor.pk
    }
    assert bulk["case_history"][0]["search_text"] == ""  # as case_open leaves it
    assert bulk["cases"][0]["search_text"] == "<id> khieu nai boi thuong dat, dong 1"


def _import_queries(editor, unit, rows):
    with CaptureQueriesContext(connection) as queries:
        services.letters_import(actor=editor, unit=unit, rows=rows)
    return len(queries)


def test_the_import_query_count_does_not_grow_with_the_rows(
    tree, editor, django_assert_max_num_queries
):
    require(
        uses_postgresql(),
        "one INSERT per table is PostgreSQL's path; SQLite splits bulk inserts into batches",
    )
    unit = tree["ngoc_thuy"]
    LetterFactory(unit=unit, actor=editor)  # registers and caches the editor's scopes
    few = _import_queries(editor, unit, _register(8))
    many = [
        _row(i, **_register(8)[i % 8] | {"_row": i + 1, "summary": f"Đơn số {i}"})
        for i in range(400)
    ]
    with django_assert_max_num_queries(few):
        letters = services.letters_import(actor=editor, unit=unit, rows=many)
    assert all(letter.pk and not letter._state.adding for letter in letters)
    assert letters[-1] == Letter.objects.get(pk=letters[-1].pk)
    assert few <= 16
    assert Letter.objects.filter(unit=unit).count() == 1 + 8 + 400


def test_a_bad_row_saves_nothing_and_every_bad_row_is_named(tree, editor):
    unit = tree["ngoc_thuy"]
    rows = [
        _row(1),
        _row(2, received_on=date(2019, 6, 1) + timedelta(days=1)),
        _row(3, kind="khieu_kien"),
        _row(4, summary="x" * 301),
    ]
    with pytest.raises(ValidationError) as refused:
        services.letters_import(actor=editor, unit=unit, rows=rows)
    assert refused.value.messages == [
        "Dòng 3: Ngày nhận: Ngày không được sau hôm nay.",
        "Dòng 4: Loại: Giá trị 'khieu_kien' không phải là lựa chọn hợp lệ.",
        "Dòng 5: Nội dung tóm tắt: Giá trị này chỉ có tối đa 300 kí tự (hiện có 301)",
    ]
    assert not Letter.objects.exists() and not Case.objects.exists()
    assert not CaseEvent.objects.exists() and not Case.history.exists()


def test_a_deleted_subject_area_is_refused_like_full_clean_does(tree, editor):
    area = SubjectArea.objects.create(code="tam", name="Tạm")
    row = _row(1, subject_area=area)
    SubjectArea.objects.filter(pk=area.pk).delete()  # deleted after the sheet was read
    with pytest.raises(ValidationError) as refused:
        services.letters_import(actor=editor, unit=tree["ngoc_thuy"], rows=[row])
    assert refused.value.messages[0].startswith("Dòng 2: Lĩnh vực: ")
    assert not Letter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_import_tells_the_dashboards_that_data_changed(tree, editor):
    """Its inserts go round the models' save(): the service records its (unit, date) pairs
    itself, in ONE statement, for the ward and its ancestors only."""
    from danvan.periods import Period

    year = Period.parse("2019")
    units = ["ngoc_thuy", "long_bien", "ha_noi", "sai_dong", "cat_linh"]
    before = [freshness.version(tree[name], year) for name in units]
    with CaptureQueriesContext(connection) as queries:
        services.letters_import(actor=editor, unit=tree["ngoc_thuy"], rows=_register(8))
    recorded = [q for q in queries if "INSERT INTO danvan_figuresversion" in q["sql"]]
    assert len(recorded) == 1
    after = [freshness.version(tree[name], year) for name in units]
    assert after == [n + 1 for n in before[:3]] + before[3:]
