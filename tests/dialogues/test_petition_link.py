"""An opinion may be linked to a petition case: the one edge between domain apps."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.orgs.access import Role
from dialogues import services
from tests.dialogues.factories import OpinionFactory
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db


def test_an_opinion_links_a_case_of_its_unit_and_shows_it(client, conference, tree, login_as):
    case = LetterFactory(unit=tree["ngoc_thuy"]).case
    opinion = OpinionFactory(conference=conference)
    services.opinion_update(
        actor=None, opinion=opinion, version=opinion.version, petition_case=case
    )
    assert list(case.dialogue_opinions.all()) == [opinion]
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    page = client.get(reverse("dialogues:conference_detail", args=[conference.pk])).content.decode()
    assert reverse("petitions:case_detail", args=[case.pk]) in page


def test_a_case_of_another_ward_is_refused(conference, tree):
    other = LetterFactory(unit=tree["sai_dong"]).case
    opinion = OpinionFactory(conference=conference)
    with pytest.raises(ValidationError) as error:
        services.opinion_update(
            actor=None, opinion=opinion, version=opinion.version, petition_case=other
        )
    assert "petition_case" in error.value.message_dict


def test_the_edit_form_offers_only_cases_the_user_may_see(client, conference, tree, login_as):
    mine = LetterFactory(unit=tree["ngoc_thuy"]).case
    hidden = LetterFactory(unit=tree["cat_linh"]).case
    opinion = OpinionFactory(conference=conference)
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    url = reverse("dialogues:opinion_edit", args=[conference.pk, opinion.pk])
    form = client.get(url).context["form"]
    offered = set(form.fields["petition_case"].queryset)
    assert mine in offered and hidden not in offered
