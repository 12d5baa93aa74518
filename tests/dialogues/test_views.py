from datetime import date

import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from dialogues import services
from dialogues.models import Conference, Opinion
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, field, written

pytestmark = pytest.mark.django_db


def detail_url(conference):
    return reverse("dialogues:conference_detail", args=[conference.pk])


def row_data(prefix="new", **values):
    data = {
        "raised_by": "Ông Nguyễn Văn Tư, tổ 5",
        "channel": "direct",
        "field": field("socio_economy").pk,
        "content": "Đề nghị lắp đèn chiếu sáng ngõ 12",
        "outcome": "at_conference",
        "answered_by": "Chủ tịch UBND phường",
        "answer_summary": "Sẽ lắp trong quý IV",
        "assignee": "",
        "deadline": "",
        **values,
    }
    return {f"{prefix}-{key}": value for key, value in data.items()}


class TestScope:
    def test_an_officer_of_another_ward_gets_404(self, client, conference, tree, make_member):
        client.force_login(make_member(Role.EDITOR, tree["sai_dong"]))
        assert client.get(detail_url(conference)).status_code == 404
        assert (
            client.get(reverse("dialogues:conference_minutes", args=[conference.pk])).status_code
            == 404
        )
        response = client.post(
            reverse("dialogues:opinion_row_create", args=[conference.pk]), row_data()
        )
        assert response.status_code == 404
        assert not Opinion.objects.exists()

    def test_a_district_reviewer_reads_but_may_not_write(self, client, conference, tree, login_as):
        login_as(Role.REVIEWER, tree["long_bien"])
        assert client.get(detail_url(conference)).status_code == 200
        url = reverse("dialogues:opinion_row_create", args=[conference.pk])
        assert client.post(url, row_data()).status_code == 403
        assert (
            client.get(reverse("dialogues:conference_edit", args=[conference.pk])).status_code
            == 403
        )
        assert not Opinion.objects.exists()

    def test_the_list_shows_only_conferences_in_scope(self, client, conference, tree, login_as):
        ConferenceFactory(unit=tree["sai_dong"], title="Hội nghị Sài Đồng")
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        page = client.get(reverse("dialogues:conference_list")).content.decode()
        assert conference.title in page and "Hội nghị Sài Đồng" not in page


class TestConferenceScreens:
    def test_recording_a_conference_with_an_error_keeps_the_input(self, client, tree, login_as):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        url = reverse("dialogues:conference_create")
        data = {
            "unit": tree["ngoc_thuy"].pk,
            "title": "Đối thoại về trật tự đô thị",
            "kind": "scheduled",
            "held_on": "31/02/2018",
            "mode": "in_person",
            "chair": "Nguyễn Văn Hùng",
            "organiser": "party_committee",
            "attendees": "120",
        }
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Đối thoại về trật tự đô thị" in response.content.decode()
        assert not Conference.objects.exists()
        response = client.post(url, {**data, "held_on": "20/09/2018", "notice_on": "18/09/2018"})
        conference = Conference.objects.get()
        assert response.url == detail_url(conference)
        page = client.get(detail_url(conference)).content.decode()
        assert "7 ngày" in page  # the late-notice warning

    def test_two_people_editing_get_a_conflict_message(self, client, conference, tree, login_as):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        url = reverse("dialogues:conference_edit", args=[conference.pk])
        services.conference_update(
            actor=None, conference=conference, version=conference.version, chair="Người khác"
        )
        data = {
            "unit": tree["ngoc_thuy"].pk,
            "title": "Tên tôi gõ",
            "kind": "scheduled",
            "held_on": "10/09/2018",
            "mode": "in_person",
            "chair": "Chủ tọa tôi gõ",
            "organiser": "party_committee",
            "attendees": "100",
            "version": "1",
        }
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Tên tôi gõ" in page and "Chủ tọa tôi gõ" in page
        saved = Conference.objects.get()
        assert saved.chair == "Người khác" and "người khác đã lưu" in page.lower()
        # The form now carries the saved version: saving again is a deliberate replacement.
        assert f'name="version" value="{saved.version}"' in page
        assert client.post(url, {**data, "version": saved.version}).status_code == 302
        assert Conference.objects.get().chair == "Chủ tọa tôi gõ"

    def test_a_published_conference_refuses_edits_with_a_clear_message(
        self, client, conference, tree, login_as
    ):
        opinion = OpinionFactory(conference=conference)
        services.conference_publish(
            actor=None,
            conference=conference,
            version=conference.version,
            published_on=date(2018, 9, 12),
        )
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        response = client.get(
            reverse("dialogues:conference_edit", args=[conference.pk]), follow=True
        )
        assert "đã công bố" in response.content.decode()
        url = reverse("dialogues:opinion_row_update", args=[conference.pk, opinion.pk])
        response = client.post(url, row_data(f"o{opinion.pk}", content="Sửa lén", version=1))
        assert "đã công bố" in response.content.decode()
        assert Opinion.objects.get().content != "Sửa lén"

    def test_minutes_carry_opinions_answers_and_signature_places(
        self, client, conference, tree, login_as
    ):
        OpinionFactory(
            conference=conference, content="Ngõ 12 thiếu đèn", answer_summary="Sẽ lắp trong quý IV"
        )
        login_as(Role.VIEWER, tree["long_bien"])
        page = client.get(reverse("dialogues:conference_minutes", args=[conference.pk]))
        text = page.content.decode()
        assert "BIÊN BẢN" in text and "Ngõ 12 thiếu đèn" in text and "Sẽ lắp trong quý IV" in text
        assert "CHỦ TỌA" in text and "THƯ KÝ" in text
        assert conference.chair in text and conference.secretary in text


class TestGrid:
    def test_a_new_row_is_saved_and_comes_back_as_the_numbered_opinion(
        self, client, conference, tree, login_as
    ):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        response = client.post(
            reverse("dialogues:opinion_row_create", args=[conference.pk]), row_data()
        )
        opinion = Opinion.objects.get()
        assert response.status_code == 200
        assert f'data-opinion-row="{opinion.pk}"' in response.content.decode()
        assert opinion.number == 1 and opinion.outcome == "at_conference"

    def test_a_refused_row_keeps_its_text_and_shows_the_error_in_the_row(
        self, client, conference, tree, login_as
    ):
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        data = row_data(outcome="written_answer", content="Đề nghị cấp sổ đỏ cho 12 hộ")
        response = client.post(reverse("dialogues:opinion_row_create", args=[conference.pk]), data)
        text = response.content.decode()
        assert response.status_code == 200
        assert "Đề nghị cấp sổ đỏ cho 12 hộ" in text
        assert "hạn trả lời" in text.lower()
        assert "data-new" in text  # still the new row, still editable
        assert not Opinion.objects.exists()

    def test_editing_a_row_with_a_stale_version_keeps_input_and_says_why(
        self, client, conference, tree, login_as
    ):
        opinion = OpinionFactory(conference=conference)
        services.opinion_update(actor=None, opinion=opinion, version=1, content="Đã sửa trước")
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        url = reverse("dialogues:opinion_row_update", args=[conference.pk, opinion.pk])
        response = client.post(url, row_data(f"o{opinion.pk}", content="Tôi sửa", version=1))
        text = response.content.decode()
        assert "Tôi sửa" in text and "người khác" in text.lower()
        assert Opinion.objects.get().content == "Đã sửa trước"

    def test_the_page_shows_an_opinion_as_changed_after_its_row_was_cached(
        self, client, conference, tree, login_as
    ):
        opinion = OpinionFactory(conference=conference, content="Nội dung cũ")
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        assert "Nội dung cũ" in client.get(detail_url(conference)).content.decode()
        services.opinion_update(actor=None, opinion=opinion, version=1, content="Nội dung mới")
        page = client.get(detail_url(conference)).content.decode()
        assert "Nội dung mới" in page and "Nội dung cũ" not in page


class TestQueryBudgets:
    def test_conference_list_stays_within_budget(
        self, client, tree, login_as, django_assert_max_num_queries
    ):
        for _ in range(30):
            OpinionFactory(conference=ConferenceFactory(unit=tree["ngoc_thuy"]))
        login_as(Role.REVIEWER, tree["long_bien"])
        with django_assert_max_num_queries(12):
            response = client.get(reverse("dialogues:conference_list"))
        assert response.status_code == 200

    def test_a_conference_with_300_opinions_stays_within_budget(
        self, client, conference, tree, login_as, django_assert_max_num_queries
    ):
        Opinion.objects.bulk_create(
            Opinion(
                conference=conference,
                number=n,
                field=field("land"),
                content=f"Ý kiến {n}",
                outcome="written_answer",
                assignee="Phòng TN-MT",
                deadline=date(2018, 10, 1),
            )
            for n in range(1, 301)
        )
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        with django_assert_max_num_queries(16):
            response = client.get(detail_url(conference))
        assert response.content.decode().count("data-opinion-row=") == 300
        with django_assert_max_num_queries(10):
            minutes = client.get(reverse("dialogues:conference_minutes", args=[conference.pk]))
        assert minutes.content.decode().count("Ý kiến 3") >= 1


class TestStatisticsPage:
    def test_district_page_shows_the_registered_figures(self, client, conference, tree, login_as):
        OpinionFactory(conference=conference)
        OpinionFactory(conference=ConferenceFactory(unit=tree["long_bien"]))
        login_as(Role.REVIEWER, tree["long_bien"])
        response = client.get(
            reverse("dialogues:statistics"), {"unit": "ha-noi/long-bien", "period": "2018"}
        )
        table = response.context["table"]
        rows = table.rows
        assert [unit.name for unit, _values in rows] == ["Long Biên", "Ngọc Thụy", "Sài Đồng"]
        codes = [figure.metric.code for figure in table.figures]
        opinions = codes.index("dialogues.opinions")
        assert [values[opinions].amount for _unit, values in rows] == [1, 1, 0]


class TestLists:
    def test_search_ignores_accents_and_sorting_follows_the_column(self, client, tree, login_as):
        big = ConferenceFactory(
            unit=tree["ngoc_thuy"], title="Đối thoại chỉnh trang đô thị", attendees=300
        )
        ConferenceFactory(unit=tree["ngoc_thuy"], title="Đối thoại về an ninh", attendees=20)
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        url = reverse("dialogues:conference_list")
        found = client.get(url, {"q": "chinh trang"}).context["page"]
        assert [c.title for c in found] == [big.title]
        by_attendees = client.get(url, {"sort": "attendees"}).context["page"]
        assert [c.attendees for c in by_attendees] == [20, 300]

    def test_the_list_paginates(self, client, tree, login_as):
        for _ in range(27):
            ConferenceFactory(unit=tree["ngoc_thuy"], status=Conference.Status.PLANNED)
        login_as(Role.EDITOR, tree["ngoc_thuy"])
        url = reverse("dialogues:conference_list")
        assert len(client.get(url).context["page"]) == 25
        assert len(client.get(url, {"page": 2}).context["page"]) == 2

    def test_awaited_answers_lists_unanswered_ones_in_scope_nearest_deadline_first(
        self, client, conference, tree, login_as
    ):
        later = OpinionFactory(conference=conference, **written(deadline=date(2018, 11, 1)))
        sooner = OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 1)))
        OpinionFactory(conference=conference, **written(answered_on=date(2018, 9, 20)))
        OpinionFactory(conference=conference)  # answered at the conference
        elsewhere = ConferenceFactory(unit=tree["cat_linh"])
        OpinionFactory(conference=elsewhere, **written())
        login_as(Role.REVIEWER, tree["long_bien"])
        response = client.get(reverse("dialogues:awaiting_answers"))
        assert [o.pk for o in response.context["page"]] == [sooner.pk, later.pk]
        assert "Quá hạn" in response.content.decode()


def test_ids_and_counts_in_markup_are_not_written_with_a_thousands_dot(client, tree, login_as):
    conference = ConferenceFactory(
        unit=tree["ngoc_thuy"], attendees=1538, status=Conference.Status.PLANNED
    )
    Opinion.objects.bulk_create(
        [Opinion(pk=4165, conference=conference, number=1, field=field("land"), content="Ý")]
    )
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    page = client.get(detail_url(conference)).content.decode()
    assert 'data-opinion-row="4165"' in page
    assert 'name="attendees" value="1538"' in page
