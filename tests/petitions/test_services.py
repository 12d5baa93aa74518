from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.concurrency import ConflictError
from danvan.orgs.access import Role
from petitions import services
from petitions.models import Case, CaseEvent, Letter
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2019, 6, 1), tick=False):
        yield


def test_a_letter_opens_a_case_with_its_acceptance_deadline(tree, editor):
    letter = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 3, 1))
    case = letter.case
    assert case.state == Case.State.RECEIVED
    assert case.acceptance_due == date(2019, 3, 11)
    assert CaseEvent.objects.filter(case=case, action="opened", actor=editor).exists()
    assert letter.history.first().history_user == editor


def test_receipt_numbers_run_per_receiving_body_and_year(tree, editor):
    unit = tree["ngoc_thuy"]
    first = LetterFactory(unit=unit, actor=editor)
    second = LetterFactory(unit=unit, actor=editor)
    party = LetterFactory(unit=unit, actor=editor, receiving_body="party")
    next_year = LetterFactory(unit=unit, actor=editor, received_on=date(2018, 12, 30))
    assert (first.receipt, second.receipt, party.receipt) == ("1/2019", "2/2019", "1/2019")
    assert next_year.receipt == "1/2018"


def test_a_repeated_letter_joins_the_existing_case(tree, editor):
    first = LetterFactory(unit=tree["ngoc_thuy"], actor=editor)
    again = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, case=first.case, is_repeated=True)
    assert again.case == first.case
    assert Case.objects.count() == 1 and Letter.objects.count() == 2


def test_a_letter_cannot_join_a_case_of_another_unit(tree, editor):
    other = LetterFactory(unit=tree["sai_dong"])
    with pytest.raises(ValidationError):
        LetterFactory(unit=tree["ngoc_thuy"], actor=editor, case=other.case)


def test_out_of_range_dates_are_refused_and_nothing_is_saved(tree, editor):
    for day in (date(2019, 6, 2), date(1999, 12, 31)):
        with pytest.raises(ValidationError):
            LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=day)
    assert Letter.objects.count() == 0 and Case.objects.count() == 0


def test_a_viewer_or_an_outsider_cannot_register(tree, make_member):
    viewer = make_member(Role.VIEWER, tree["ngoc_thuy"])
    outsider = make_member(Role.EDITOR, tree["sai_dong"])
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            LetterFactory(unit=tree["ngoc_thuy"], actor=actor)


def _accept(case, actor, on=date(2019, 3, 5)):
    return services.case_transition(actor=actor, case=case, to_state="accepted", on=on)


def test_acceptance_starts_the_resolution_deadline_and_records_an_event(tree, editor):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 3, 1)).case
    case = _accept(case, editor)
    assert case.resolution_due == date(2019, 4, 4)  # 30 days after 5/3
    event = case.events.get(action="transition")
    assert (event.from_state, event.to_state, event.actor) == ("received", "accepted", editor)


def test_remote_units_get_the_longer_complaint_limit(tree, editor):
    tree["ngoc_thuy"].is_remote = True
    tree["ngoc_thuy"].save()
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 3, 1)).case
    assert _accept(case, editor).resolution_due == date(2019, 4, 19)  # 45 days


def test_denunciation_extensions_need_a_decision_and_stop_after_two(tree, editor):
    case = LetterFactory(
        unit=tree["ngoc_thuy"], actor=editor, kind="denunciation", received_on=date(2019, 3, 1)
    ).case
    case = _accept(case, editor)
    assert case.resolution_due == date(2019, 4, 4)
    with pytest.raises(ValidationError):
        services.case_transition(
            actor=editor, case=case, to_state="extended", on=date(2019, 4, 1), reason="Phức tạp"
        )
    # Luật Tố cáo 2018 Art. 30: once when complex (04/05/2019 is a worked Saturday) ...
    case = services.case_transition(
        actor=editor,
        case=case,
        to_state="extended",
        on=date(2019, 4, 1),
        reason="Phức tạp",
        decision_number="01/QĐ-GH",
    )
    assert case.resolution_due == date(2019, 5, 4) and case.is_complex
    # ... a second time only when recorded as especially complex
    with pytest.raises(ValidationError, match="especially complex|đặc biệt phức tạp"):
        services.case_transition(
            actor=editor,
            case=case,
            to_state="extended",
            on=date(2019, 4, 2),
            reason="Phức tạp",
            decision_number="02/QĐ-GH",
        )
    case.refresh_from_db()
    case = services.case_transition(
        actor=editor,
        case=case,
        to_state="extended",
        on=date(2019, 4, 2),
        reason="Đặc biệt phức tạp",
        decision_number="02/QĐ-GH",
        especially_complex=True,
    )
    assert case.resolution_due == date(2019, 6, 3) and case.is_especially_complex
    assert case.events.filter(data__especially_complex=True).count() == 1
    with pytest.raises(ValidationError):
        services.case_transition(
            actor=editor,
            case=case,
            to_state="extended",
            on=date(2019, 5, 1),
            reason="Lần ba",
            decision_number="03/QĐ-GH",
        )


def test_extending_a_complaint_makes_it_complex(tree, editor):
    case = _accept(
        LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 3, 1)).case,
        editor,
    )
    case = services.case_transition(
        actor=editor, case=case, to_state="extended", on=date(2019, 4, 1), reason="Phức tạp"
    )
    assert case.is_complex and case.resolution_due == date(2019, 4, 19)


def test_concluding_needs_outcome_and_decision_and_marks_resolved(tree, editor):
    case = _accept(LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case, editor)
    with pytest.raises(ValidationError) as error:
        services.case_transition(actor=editor, case=case, to_state="concluded", on=date(2019, 4, 1))
    assert {"outcome", "decision_number", "decision_date"} <= error.value.message_dict.keys()
    case = services.case_transition(
        actor=editor,
        case=case,
        to_state="concluded",
        on=date(2019, 4, 1),
        outcome="partly_upheld",
        decision_number="12/QĐ-UBND",
        decision_date=date(2019, 4, 1),
    )
    assert case.resolved_on == case.closed_on == date(2019, 4, 1)


def test_transitions_outside_the_path_and_withdrawals_without_reason_are_refused(tree, editor):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    with pytest.raises(ValidationError):
        services.case_transition(actor=editor, case=case, to_state="concluded", on=date(2019, 4, 1))
    with pytest.raises(ValidationError):
        services.case_transition(actor=editor, case=case, to_state="withdrawn", on=date(2019, 4, 1))
    assert Case.objects.get(pk=case.pk).state == "received"


def test_a_stale_version_is_a_conflict_not_an_overwrite(tree, editor):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    services.case_update(actor=editor, case=case, version=1, summary="Bản của chị Hà")
    with pytest.raises(ConflictError) as conflict:
        services.case_update(actor=editor, case=case, version=1, summary="Bản của anh An")
    assert conflict.value.current.summary == "Bản của chị Hà"
    assert Case.objects.get(pk=case.pk).summary == "Bản của chị Hà"


def test_visits_count_apart_from_letters(tree, editor):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    session = services.session_create(
        actor=editor,
        unit=tree["ngoc_thuy"],
        held_on=date(2019, 3, 6),
        receiver_kind="leader",
        receiver_name="Chủ tịch UBND phường",
        is_scheduled=True,
    )
    visit = services.visit_add(
        actor=editor, session=session, people=15, is_crowd=True, summary="Đoàn hộ dân", cases=[case]
    )
    assert list(visit.cases.all()) == [case]
    other = LetterFactory(unit=tree["sai_dong"]).case
    with pytest.raises(ValidationError):
        services.visit_add(
            actor=editor, session=session, people=1, is_crowd=False, summary="x", cases=[other]
        )


def test_a_matter_raised_in_person_opens_a_case_without_a_letter(tree, editor):
    session = services.session_create(
        actor=editor,
        unit=tree["ngoc_thuy"],
        held_on=date(2019, 5, 6),
        receiver_kind="officer",
        receiver_name="Cán bộ tiếp dân",
        is_scheduled=False,
        receiving_body="party",
    )
    visit = services.visit_add(
        actor=editor,
        session=session,
        people=1,
        is_crowd=False,
        summary="Hỏi về chế độ người có công",
        new_case_summary="Đề nghị xem xét chế độ người có công",
    )
    case = visit.cases.get()
    assert (case.receiving_body, case.kind, case.received_on) == (
        "party",
        "petition",
        date(2019, 5, 6),
    )
    assert not case.letters.exists()


def test_a_case_accepted_months_later_makes_stale_the_periods_from_that_day_only(tree, editor):
    """Receipt in February, acceptance in August: Q1, Q2 and the first six months keep
    their figures (the case was received and not yet accepted at their end either way)."""
    from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store

    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2018, 2, 9)).case
    later, earlier = {"2018M08", "2018Q3", "2018N9", "2018"}, {"2018Q1", "2018Q2", "2018S1"}
    store(tree.values(), later | earlier)
    _accept(case, editor, on=date(2018, 8, 20))
    assert stale() == of(tree, ANCESTRY, later)
