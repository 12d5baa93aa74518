import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.concurrency import ConflictError
from danvan.orgs.access import Role
from models_catalog import services
from models_catalog.models import (
    Field,
    Level,
    PracticeModel,
    PracticeModelEvent,
    Registrant,
    Status,
)

pytestmark = pytest.mark.django_db


def register(actor, unit, **overrides):
    fields = {
        "registrant_kind": Registrant.Kind.COLLECTIVE,
        "registrant_name": "Chi hội Phụ nữ tổ dân phố số 18",
        "name": "Đêm văn nghệ tổ dân phố",
        "field": Field.CULTURE_SOCIETY,
        "level": Level.WARD,
        "start_year": 2018,
    }
    return services.practice_model_register(actor=actor, unit=unit, **(fields | overrides))


def move(actor, model, action, reason=""):
    model.refresh_from_db()
    return services.practice_model_transition(
        actor=actor, practice_model=model, action=action, version=model.version, reason=reason
    )


def evaluate(actor, model):
    model.refresh_from_db()
    return services.practice_model_evaluate(
        actor=actor,
        practice_model=model,
        version=model.version,
        surveyed_on="2018-10-01",
        findings="Nhân dân đồng tình",
        criteria_met=["concrete", "results", "bogus"],
    )


def test_one_registrant_registers_several_models_in_its_unit(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    first = register(editor, tree["ngoc_thuy"])
    second = register(
        editor,
        tree["ngoc_thuy"],
        name="Vườn hoa đê",
        registrant_name="chi hoi phu nu to dan pho so 18",
    )
    assert first.registrant_id == second.registrant_id
    assert first.unit == first.registrant.unit == tree["ngoc_thuy"]
    assert Registrant.objects.count() == 1
    assert first.end_year == 2018
    assert "van nghe" in first.search_text and "phu nu" in first.search_text
    assert first.history.first().history_user == editor


def test_the_same_name_in_another_unit_is_another_registrant(tree, make_member):
    admin = make_member(Role.ADMIN, tree["long_bien"])
    register(admin, tree["ngoc_thuy"])
    register(admin, tree["sai_dong"])
    assert Registrant.objects.count() == 2


def test_ward_editor_cannot_register_for_another_ward(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    with pytest.raises(PermissionDenied):
        register(editor, tree["sai_dong"])
    assert not PracticeModel.objects.exists()


def test_reviewer_takes_the_model_to_typical_with_events(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = register(editor, tree["ngoc_thuy"])
    move(editor, model, "start")
    evaluated = evaluate(reviewer, model)
    assert evaluated.criteria_met == ["concrete", "results"] and evaluated.score == 2
    move(reviewer, model, "recognise")
    typical = move(reviewer, model, "mark_typical")
    assert typical.status == Status.TYPICAL
    actions = list(
        PracticeModelEvent.objects.filter(practice_model=model).values_list("action", "to_state")
    )
    assert actions == [
        ("register", "registered"),
        ("start", "implementing"),
        ("evaluate", "evaluated"),
        ("recognise", "recognised"),
        ("mark_typical", "typical"),
    ]


def test_ward_editor_cannot_recognise_its_own_model(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = register(editor, tree["ngoc_thuy"])
    with pytest.raises(PermissionDenied):
        evaluate(editor, model)
    evaluate(reviewer, model)
    for ward_user in (editor, leader):
        with pytest.raises(PermissionDenied):
            move(ward_user, model, "recognise")
    model.refresh_from_db()
    assert model.status == Status.EVALUATED


def test_reviewer_of_another_district_cannot_recognise(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    outsider = make_member(Role.REVIEWER, tree["dong_da"])
    model = register(editor, tree["ngoc_thuy"])
    with pytest.raises(PermissionDenied):
        evaluate(outsider, model)


def test_going_backwards_needs_a_reason_and_records_it(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = register(editor, tree["ngoc_thuy"])
    evaluate(reviewer, model)
    move(reviewer, model, "recognise")
    with pytest.raises(ValidationError):
        move(reviewer, model, "step_back", reason="  ")
    back = move(reviewer, model, "step_back", reason="Khảo sát lại theo phản ánh")
    assert back.status == Status.EVALUATED
    event = model.events.last()
    assert (event.from_state, event.to_state, event.reason) == (
        "recognised",
        "evaluated",
        "Khảo sát lại theo phản ánh",
    )


def test_a_transition_from_the_wrong_state_is_refused(tree, make_member):
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    model = register(editor, tree["ngoc_thuy"])
    with pytest.raises(ValidationError):
        move(reviewer, model, "mark_typical")


def test_commendation_records_award_and_decision(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = register(editor, tree["ngoc_thuy"])
    evaluate(reviewer, model)
    for action in ("recognise", "mark_typical", "propose"):
        move(reviewer, model, action)
    model.refresh_from_db()
    commended = services.practice_model_commend(
        actor=reviewer,
        practice_model=model,
        version=model.version,
        award="certificate",
        awarded_by="Quận ủy Long Biên",
        decision_number="125-QĐ/QU",
        decision_date="2018-12-20",
    )
    assert commended.status == Status.COMMENDED and commended.decision_number == "125-QĐ/QU"
    withdrawn = move(reviewer, model, "step_back", reason="Quyết định bị thu hồi")
    assert withdrawn.status == Status.PROPOSED and withdrawn.award == ""


def test_concurrent_edit_is_a_conflict_not_an_overwrite(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    model = register(editor, tree["ngoc_thuy"])
    stale_version = model.version
    common = {
        "actor": editor,
        "practice_model": model,
        "registrant_kind": "collective",
        "registrant_name": model.registrant.name,
        "field": Field.CULTURE_SOCIETY,
        "level": Level.WARD,
        "start_year": 2018,
        "end_year": 2018,
    }
    services.practice_model_update(version=stale_version, name="Tên mới của Hà", **common)
    with pytest.raises(ConflictError) as conflict:
        services.practice_model_update(version=stale_version, name="Tên của Hùng", **common)
    assert conflict.value.current.name == "Tên mới của Hà"
    model.refresh_from_db()
    assert model.name == "Tên mới của Hà" and model.version == stale_version + 1


def test_editor_may_not_bring_in_a_recognised_model(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    with pytest.raises(PermissionDenied):
        register(editor, tree["ngoc_thuy"], status=Status.RECOGNISED)


def test_discontinued_model_resumes_with_a_reason(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    model = register(editor, tree["ngoc_thuy"])
    with pytest.raises(ValidationError):
        move(editor, model, "discontinue")
    move(editor, model, "discontinue", reason="Tổ dân phố sáp nhập")
    with pytest.raises(ValidationError):
        move(editor, model, "discontinue", reason="lần nữa")
    resumed = move(editor, model, "resume", reason="Khôi phục sau sáp nhập")
    assert resumed.status == Status.IMPLEMENTING
    assert [e.reason for e in model.events.filter(action__in=["discontinue", "resume"])] == [
        "Tổ dân phố sáp nhập",
        "Khôi phục sau sáp nhập",
    ]


def test_a_registration_makes_stale_only_its_units_figures_for_its_years(tree, make_member):
    from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store

    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    of_its_years, before = {"2019Q2", "2019", "2020"}, {"2018", "2018Q4"}
    store(tree.values(), of_its_years | before)
    register(editor, tree["ngoc_thuy"], start_year=2019, end_year=2020)
    assert stale() == of(tree, ANCESTRY, of_its_years)
