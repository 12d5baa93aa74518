"""The API's access matrix on data made here: for every endpoint a token of another district
gets 404 on the objects and empty lists, a viewer's token sees what a viewer sees, and no
response anywhere carries a denunciator's name, address or phone."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from danvan.api.main import api
from danvan.orgs.access import Role
from tests.dialogues.factories import OpinionFactory
from tests.models_catalog.factories import PracticeModelFactory
from tests.petitions.factories import LetterFactory
from tests.reports.conftest import file_and_approve
from tests.reports.factories import IndicatorFactory, open_round

pytestmark = pytest.mark.django_db

NAME = "Quách Thị Zuyên"  # a denunciator the demo does not have
ADDRESS = "Số 77 ngõ 913 Thạch Bàn"
PHONE = "0987 654 321"


@pytest.fixture
def world(tree, make_member):
    ward = tree["ngoc_thuy"]
    editor = make_member(Role.EDITOR, ward)
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    letter = LetterFactory(
        unit=ward,
        actor=editor,
        kind="denunciation",
        summary="Tố cáo cán bộ xã nhận tiền làm sổ đỏ",
        sender_name=NAME,
        sender_contact=f"{ADDRESS}, ĐT {PHONE}",
    )
    opinion = OpinionFactory(conference__unit=ward)
    model = PracticeModelFactory(unit=ward, name="Mô hình Chợ sạch Xyz")
    indicator = IndicatorFactory(code="hien-mau-xyz", label="Hiến máu Xyz", measure="đơn vị")
    round_ = open_round(tree["long_bien"], [ward], indicators=[indicator])
    report = round_.reports.get()
    file_and_approve(report, editor, reviewer, {indicator: ("37", None)})
    return {
        "cases": letter.case_id,
        "letters": letter.pk,
        "conferences": opinion.conference_id,
        "opinions": opinion.pk,
        "models": model.pk,
        "rounds": round_.pk,
        "reports": report.pk,
        "units": ward.pk,
    }


def readable(response) -> str:
    """The response's text with its JSON escapes decoded ("\\u1ed1" is "ố")."""
    return json.dumps(response.json(), ensure_ascii=False)


def list_paths():
    """Every list endpoint of the API, from its own description."""
    paths = api.get_openapi_schema()["paths"]
    return sorted(p.removeprefix("/api/v1/") for p in paths if "{" not in p)


def test_every_object_is_404_and_every_list_empty_for_another_district(
    world, tree, make_member, api_get, token_for
):
    outsider = token_for(make_member(Role.ADMIN, tree["cat_linh"]))
    insider = token_for(make_member(Role.VIEWER, tree["long_bien"]))
    for resource, pk in world.items():
        assert api_get(insider, f"{resource}/{pk}/").status_code == 200, resource
        assert api_get(outsider, f"{resource}/{pk}/").status_code == 404, resource
    for path in list_paths():
        if path in ("metrics/", "periods/"):
            continue
        seen = api_get(insider, path).json()["results"]
        assert seen, path
        hidden = api_get(outsider, path).json()["results"]
        ids = {row["id"] for row in hidden}
        assert world[path.rstrip("/")] not in ids, path
        if path != "units/":  # the outsider sees its own ward only
            assert hidden == [], path
    for path in ("cases/", "units/", "metrics/"):
        params = {"unit": "ha-noi/long-bien", "period": "2019"}
        assert api_get(outsider, path, **params).status_code == 404, path


def test_a_viewer_token_sees_what_the_viewer_sees_on_the_pages(
    world, tree, make_member, api_get, token_for, client
):
    viewer = make_member(Role.VIEWER, tree["long_bien"])
    secret = token_for(viewer)
    cases = api_get(secret, "cases/", unit="ha-noi/long-bien").json()["results"]
    assert [c["id"] for c in cases] == [world["cases"]]
    client.force_login(viewer)
    page = client.get("/don-thu/vu-viec/").content.decode()
    assert cases[0]["summary"] in page
    subtree = api_get(secret, "units/", unit="ha-noi/long-bien/ngoc-thuy").json()["results"]
    assert {u["path"] for u in subtree} == {
        "ha-noi/long-bien/ngoc-thuy",
        "ha-noi/long-bien/ngoc-thuy/to-dan-pho-1",
    }
    report = api_get(secret, f"reports/{world['reports']}/").json()
    assert report["values"][0]["indicator"] == "hien-mau-xyz"
    assert report["values"][0]["actual"] in ("37", "37.00", 37)


def test_no_response_carries_the_denunciators_identity(
    world, tree, make_member, api_get, token_for
):
    from django.contrib.auth.models import Permission

    viewer = make_member(Role.ADMIN, tree["long_bien"])
    # Even a user allowed to see identities on the page gets none through the API.
    viewer.user_permissions.add(Permission.objects.get(codename="view_denunciator_identity"))
    secret = token_for(viewer)
    bodies = []
    for path in list_paths():
        params = {"unit": "ha-noi/long-bien", "period": "2019"}
        bodies.append(readable(api_get(secret, path, **params)))
        bodies.append(readable(api_get(secret, path)))
    for resource, pk in world.items():
        bodies.append(readable(api_get(secret, f"{resource}/{pk}/")))
    text = "\n".join(bodies)
    assert "Tố cáo cán bộ xã" in text  # the letter is there…
    for secret_part in (NAME, "Zuyên", ADDRESS, "913 Thạch Bàn", PHONE, "0987654321"):
        assert secret_part not in text  # …its sender is not


def test_updated_since_and_cursor_pagination(world, tree, make_member, api_get, token_for):
    secret = token_for(make_member(Role.VIEWER, tree["ha_noi"]))
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert api_get(secret, "cases/", updated_since=later).json()["results"] == []
    earlier = (timezone.now() - timedelta(minutes=5)).isoformat()
    assert len(api_get(secret, "cases/", updated_since=earlier).json()["results"]) == 1
    first = api_get(secret, "units/", page_size=3).json()
    assert len(first["results"]) == 3 and first["next"]
    assert first["next"].startswith("http://testserver/api/v1/units/?")  # a link to follow
    cursor = parse_qs(urlsplit(first["next"]).query)["cursor"][0]
    second = api_get(secret, "units/", page_size=3, cursor=cursor).json()
    seen = [u["id"] for u in first["results"] + second["results"]]
    assert len(set(seen)) == 6
    rest = api_get(secret, "units/", page_size=100).json()["results"]
    assert [u["id"] for u in rest] == sorted(u["id"] for u in rest)
