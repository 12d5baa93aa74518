from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.concurrency import ConflictError
from dialogues import services
from dialogues.models import Conference, ConferenceEvent, Opinion
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, field, written


@pytest.mark.django_db
class TestConferenceLifecycle:
    def test_recording_writes_search_text_history_and_an_event(self, tree):
        conference = ConferenceFactory(
            unit=tree["ngoc_thuy"], title="Đối thoại về Dự án đê", status=Conference.Status.PLANNED
        )
        assert "doi thoai ve du an de" in conference.search_text
        assert conference.history.count() == 1
        assert conference.events.get().action == "create"

    def test_marking_held_records_attendees_and_the_state_change(self, tree):
        conference = ConferenceFactory(unit=tree["ngoc_thuy"], status=Conference.Status.PLANNED)
        services.conference_mark_held(
            actor=None, conference=conference, version=conference.version, attendees=153
        )
        conference.refresh_from_db()
        assert (conference.status, conference.attendees) == ("held", 153)
        event = conference.events.get(action="hold")
        assert (event.from_state, event.to_state) == ("planned", "held")

    def test_a_future_conference_cannot_be_marked_held(self, tree):
        conference = ConferenceFactory(
            unit=tree["ngoc_thuy"], held_on=date(2030, 1, 1), status=Conference.Status.PLANNED
        )
        with pytest.raises(ValidationError):
            services.conference_mark_held(
                actor=None, conference=conference, version=conference.version, attendees=1
            )

    def test_publishing_locks_the_conference_and_its_opinions(self, conference):
        opinion = OpinionFactory(conference=conference)
        services.conference_publish(
            actor=None,
            conference=conference,
            version=conference.version,
            published_on=date(2018, 9, 15),
        )
        with pytest.raises(services.LockedError):
            services.conference_update(
                actor=None, conference=conference, version=conference.version, title="Khác"
            )
        with pytest.raises(services.LockedError):
            services.opinion_update(
                actor=None, opinion=opinion, version=opinion.version, content="Sửa"
            )
        with pytest.raises(services.LockedError):
            OpinionFactory(conference=conference)
        with pytest.raises(services.LockedError):
            services.opinion_delete(actor=None, opinion=opinion)
        assert Opinion.objects.get(pk=opinion.pk).content == opinion.content

    def test_publishing_is_refused_while_an_opinion_has_no_outcome(self, conference):
        OpinionFactory(conference=conference, outcome=Opinion.Outcome.UNDECIDED)
        with pytest.raises(ValidationError, match="chưa có kết quả xử lý"):
            services.conference_publish(
                actor=None,
                conference=conference,
                version=conference.version,
                published_on=date(2018, 9, 15),
            )


@pytest.mark.django_db
class TestWarnings:
    def test_notice_fewer_than_seven_days_before_is_flagged(self, tree):
        late = ConferenceFactory(
            unit=tree["ngoc_thuy"], held_on=date(2018, 9, 10), notice_on=date(2018, 9, 4)
        )
        on_time = ConferenceFactory(
            unit=tree["ngoc_thuy"], held_on=date(2018, 9, 10), notice_on=date(2018, 9, 3)
        )
        assert late.notice_too_late and not on_time.notice_too_late

    def test_results_published_more_than_ten_days_after_are_flagged(self, conference):
        published = services.conference_publish(
            actor=None,
            conference=conference,
            version=conference.version,
            published_on=date(2018, 9, 21),  # held on 10/09: 11 days
        )
        assert published.published_too_late
        assert ConferenceEvent.objects.get(action="publish").data == {"late": True}
        in_time = ConferenceFactory(unit=conference.unit, results_published_on=date(2018, 9, 20))
        assert not in_time.published_too_late


@pytest.mark.django_db
class TestOpinions:
    def test_opinions_are_numbered_in_order_of_entry(self, conference):
        numbers = [OpinionFactory(conference=conference).number for _ in range(3)]
        assert numbers == [1, 2, 3]

    def test_a_written_answer_needs_an_assignee_and_a_deadline(self, conference):
        with pytest.raises(ValidationError) as caught:
            OpinionFactory(conference=conference, outcome=Opinion.Outcome.WRITTEN_ANSWER)
        assert set(caught.value.error_dict) == {"assignee", "deadline"}
        assert not Opinion.objects.exists()

    def test_overdue_means_deadline_passed_and_no_answer_yet(self, conference):
        waiting = OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 10)))
        late_answer = OpinionFactory(
            conference=conference,
            **written(deadline=date(2018, 10, 10), answered_on=date(2018, 10, 20)),
        )
        assert not waiting.is_overdue(date(2018, 10, 10))
        assert waiting.is_overdue(date(2018, 10, 11))
        assert late_answer.is_overdue(date(2018, 10, 15))
        assert not late_answer.is_overdue(date(2018, 10, 21))

    def test_a_stale_version_is_a_conflict_not_a_silent_overwrite(self, conference):
        opinion = OpinionFactory(conference=conference, content="Bản đầu")
        services.opinion_update(actor=None, opinion=opinion, version=1, content="Người A sửa")
        stale = Opinion.objects.get(pk=opinion.pk)
        with pytest.raises(ConflictError) as caught:
            services.opinion_update(actor=None, opinion=stale, version=1, content="Người B sửa")
        assert caught.value.current.content == "Người A sửa"
        assert Opinion.objects.get(pk=opinion.pk).content == "Người A sửa"

    def test_update_records_history_with_the_actor(self, conference, make_member):
        officer = make_member("editor", conference.unit)
        opinion = OpinionFactory(conference=conference)
        services.opinion_update(
            actor=officer, opinion=opinion, version=opinion.version, field=field("land")
        )
        assert opinion.history.first().history_user == officer

    def test_import_saves_all_rows_or_none(self, conference):
        good = {"channel": "direct", "field": field("land"), "content": "Một", "_row": 2}
        bad = {
            "channel": "direct",
            "field": field("land"),
            "content": "Hai",
            "_row": 3,
            "outcome": Opinion.Outcome.WRITTEN_ANSWER,
        }
        with pytest.raises(services.ImportRowsError) as caught:
            services.opinions_import(actor=None, conference=conference, rows=[good, bad])
        assert [row for row, _error in caught.value.errors] == [3]
        assert not Opinion.objects.exists()
        services.opinions_import(actor=None, conference=conference, rows=[good])
        assert Opinion.objects.count() == 1


@pytest.mark.django_db
def test_dates_out_of_order_are_refused_beside_their_field(tree):
    with pytest.raises(ValidationError) as caught:
        ConferenceFactory(
            unit=tree["ngoc_thuy"],
            held_on=date(2018, 9, 10),
            notice_on=date(2018, 9, 11),
            results_published_on=date(2018, 9, 9),
        )
    assert set(caught.value.error_dict) == {"notice_on", "results_published_on"}
    assert not Conference.objects.exists()


def test_an_opinion_makes_stale_only_its_units_figures_for_the_conferences_periods(
    tree, conference
):
    """The conference of Ngọc Thụy was held on 10/09/2018."""
    from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store

    reaching, before = {"2018M09", "2018Q3", "2018N9", "2018"}, {"2018Q2", "2018S1", "2017"}
    store(tree.values(), reaching | before)
    OpinionFactory(conference=conference)
    assert stale() == of(tree, ANCESTRY, reaching)


def test_a_conference_moved_to_another_day_makes_both_days_periods_stale(tree):
    """Moved from September to November 2018: Q3 loses it, Q4 gains it."""
    from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store

    conference = ConferenceFactory(unit=tree["ngoc_thuy"], held_on=date(2018, 9, 10))
    reaching, before = {"2018Q3", "2018N9", "2018Q4", "2018"}, {"2018Q2", "2018S1"}
    store(tree.values(), reaching | before)
    services.conference_update(
        actor=None, conference=conference, version=conference.version, held_on=date(2018, 11, 20)
    )
    assert stale() == of(tree, ANCESTRY, reaching)


def test_a_planned_conference_is_in_no_figure_and_makes_nothing_stale(tree):
    from tests.danvan.freshness_helpers import stale, store

    store(tree.values(), {"2018Q3", "2018"})
    ConferenceFactory(unit=tree["ngoc_thuy"], status=Conference.Status.PLANNED)
    assert stale() == set()
