"""On the demo: the API's figures are the dashboard's, and schemathesis finds no 500 and no
response outside the OpenAPI description, for every endpoint, with demo users' tokens."""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from danvan import metrics
from danvan.orgs.models import Unit, User
from danvan.periods import Period
from danvan.rollup import snapshots
from danvan.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = 4  # per endpoint and user: ~19 endpoints × 3 users, a minute or two in CI


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI app as the test client calls it: a request must not close the connection
    that holds the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())


def known(figure: dict) -> dict:
    """A figure as the API writes it: without its unknown parts (a percentage of nothing)."""
    return {key: value for key, value in figure.items() if value is not None}


def by_code(response):
    assert response.status_code == 200, response.content
    return {m["code"]: m for m in response.json()["metrics"]}


def test_metrics_of_dong_da_2019_are_the_dashboards(demo, api_get, token_for, client):
    reviewer = User.objects.get(username="bandanvan.dongda")
    shown = by_code(api_get(token_for(reviewer), "metrics/", unit="ha-noi/dong-da", period="2019"))
    assert shown["petitions.letters_body_people_committee"]["total"] == {"value": 1081}
    resolved = shown["petitions.cases_resolved_body_people_committee"]["total"]
    assert (resolved["numerator"], resolved["denominator"]) == (462, 510)
    assert shown["models_catalog.models"]["total"] == {"value": 230}

    dong_da, period = Unit.objects.get(path="ha-noi/dong-da"), Period.parse("2019")
    dashboard = snapshots.rollup(dong_da, period, with_charts=False)
    on_dashboard = {f.metric.code: f for group in dashboard.groups for f in group.figures}
    assert set(shown) == {m.code for m in metrics.all_metrics()} == set(on_dashboard)
    for code, figure in on_dashboard.items():
        assert shown[code]["total"] == known(figure.total.as_json()), code
        lines = {line.pop("unit"): line for line in shown[code]["by_unit"]}
        assert len(lines) == len(figure.result.lines), code
        for line in figure.result.lines:
            got = lines[line.unit.path]
            assert got.pop("name") == line.unit.title
            assert got == known(line.value.as_json()), (code, line.unit.path)
    # The page itself shows the same numbers.
    client.force_login(reviewer)
    page = client.get("/tong-hop/", {"unit": "ha-noi/dong-da", "period": "2019"})
    assert "1.081" in page.content.decode() and "230" in page.content.decode()


def test_schemathesis_finds_no_500_and_no_response_off_the_schema(
    demo, token_for, wsgi_in_test_transaction
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_in_test_transaction)
    users = ["bandanvan.dongda", "xem.longbien", "canbo.ngocthuy"]
    secrets = [token_for(User.objects.get(username=name), days=2) for name in users]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        for secret in secrets:
            run_operation(operation, secret, statuses)
    # Every list answered 200 for someone (the generated calls were not all refused); the
    # metrics and periods need a real unit path or period code, which the other tests give.
    skip = ("{", "/metrics/", "/periods/")
    lists = [label for label in statuses if not any(part in label for part in skip)]
    refused = {label: statuses[label] for label in lists if 200 not in statuses[label]}
    assert not refused, refused


def run_operation(operation, secret: str, statuses: dict[str, set[int]]) -> None:
    """Schemathesis's cases for one operation, called with one user's token."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call(headers={"Authorization": f"Bearer {secret}"})
        statuses.setdefault(operation.label, set()).add(response.status_code)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    check()
