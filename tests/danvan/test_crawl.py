"""The crawl: every URL pattern of the portal, as every demo login and as a visitor, with
boundary values — never a 500.

Every pattern is fetched plainly by every role (and anonymously). The boundary values
(periods at both ends of the valid range and beyond it, page 0 / −1 / huge, a 100.000-character
search term, invisible and NFD characters, unknown units, 2.000 query parameters) are sent to
every pattern by one role that rotates with the pattern (anonymous, the superuser, each demo
login in turn), one value of each family per pattern, rotating too (pages that read a period
get every period value), so every role meets every kind of value somewhere and the run stays
within a few minutes on one core.
The URL parameters themselves take boundary values too (unknown paths, ids beyond 64 bits).
"""

import re
import sys
import time
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import get_resolver

from danvan.periods import FIRST_YEAR, LAST_YEAR
from tests.test_access_matrix import EXCLUDED_PREFIXES, walk

# Downloads whose GET renders a whole PDF: fetched, but not with every boundary value.
SLOW = {"petitions:case_pdf", "models_catalog:print", "dialogues:conference_minutes"}

IN_RANGE = [
    f"{FIRST_YEAR}",
    f"{FIRST_YEAR}Q1",
    f"{FIRST_YEAR}S1",
    f"{FIRST_YEAR}N9",
    f"{FIRST_YEAR}M01",
    f"{LAST_YEAR}M12",
    f"{LAST_YEAR}Q4",
    "2019q1",
]
BEYOND = [f"{FIRST_YEAR - 1}Q4", f"{LAST_YEAR + 1}", "1900", "1900Q1", "1900S1", "1900N9"]
BEYOND += ["1901Q1", "2999M12", "0000", "2019Q5"]
TEXTS = [
    "a" * 100_000,
    "\u200b\u200d\ufeff\u2060\u202e",  # invisible and direction characters
    "Nguye\u0302\u0303n Thi\u0323",  # NFD: letters and their combining marks apart
    "\x00",
    "% _ ' OR 1=1 --",
    " ".join(["xa"] * 5000),
]
# Families of boundary values; a pattern gets one value of each, rotating with the pattern.
FAMILIES = [
    [{"period": code} for code in IN_RANGE],
    [{"period": code} for code in BEYOND],
    [{"period": code, "unit": "ha-noi"} for code in BEYOND],
    [{"page": page} for page in ("0", "-1", "9" * 30, "1e9", "x")],
    [{"q": text} for text in TEXTS],
    [{"unit": unit} for unit in ("khong-co/don-vi", "../..", "ha-noi/" * 200, "\x00")],
    [
        {name: "\u0301" * 3000}
        for name in ("year", "kind", "state", "status", "sort", "order", "round", "case", "body")
    ],
    [{"year": "99999", "kind": "Z", "sort": "-" * 50, "format": "exe", "area": "-1"}],
    [[(f"f{n}", "x") for n in range(2000)]],
]
# Pages that read a period get every period value (the 500s were there).
PERIOD_PAGES = {
    "rollup:dashboard",
    "rollup:table_xlsx",
    "reports:board",
    "petitions:stats",
    "dialogues:statistics",
    "models_catalog:statistics",
    "api:period_detail",
    "api:period_recent",
}
# Both ends of the range, for the pages above (every in-range value rotates over the others).
ENDS = [f"{FIRST_YEAR}", f"{FIRST_YEAR}Q1", f"{FIRST_YEAR}N9", f"{LAST_YEAR}M12"]


def boundaries(number: int, name: str) -> list:
    chosen = [family[number % len(family)] for family in FAMILIES]
    if name in PERIOD_PAGES:
        chosen += [{"period": code} for code in ENDS + BEYOND]
    return chosen


def path_values(route: str) -> list[str]:
    """The route with known values in its parameters, then with one boundary value at a time."""
    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    options = {}
    for converter, name in params:
        if converter == "path" or name.endswith("path"):
            options[name] = ["ha-noi/long-bien", "khong-co/don-vi", "ha-noi/" * 200]
        elif converter == "int" or name.endswith(("pk", "id")):
            options[name] = ["1", "0", str(2**63), "9" * 40]
        elif converter == "slug":
            options[name] = ["thang", "x" * 500]
        else:
            options[name] = ["2019Q1", "1900Q1", f"{LAST_YEAR + 1}", "\u200b"]
    base = {name: values[0] for name, values in options.items()}
    combos = [base] + [
        {**base, name: value} for name, values in options.items() for value in values[1:]
    ]
    return [
        "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m, c=combo: c[m.group(2)], route)
        for combo in combos
    ]


def crawl_patterns():
    return [
        (route, name)
        for route, name, _entry in walk(get_resolver().url_patterns)
        if not route.startswith(EXCLUDED_PREFIXES + ("dang-xuat/",))
    ]


@pytest.mark.django_db
def test_no_url_answers_500_to_any_role_or_boundary_value(client):
    call_command("seed_demo", verbosity=0)
    client.raise_request_exception = False  # a 500 is recorded, with its exception
    users = list(get_user_model().objects.filter(username__in=DEMO_LOGINS).order_by("username"))
    assert len(users) == len(DEMO_LOGINS)
    roles = [None, *users]  # None: not logged in
    failures = defaultdict(list)
    patterns = crawl_patterns()
    assert len(patterns) > 100, "the walk should see every page"
    for number, (route, name) in enumerate(patterns):
        urls = path_values(route)
        started = time.monotonic()
        rotating = roles[number % len(roles)]
        for user in roles:
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            sampled = user is rotating and name not in SLOW
            for url in urls if sampled else urls[:1]:
                for query in boundaries(number, name) if sampled and url == urls[0] else [{}]:
                    response = client.get(url, query)
                    if response.status_code >= 500:
                        error = response.exc_info[1] if response.exc_info else ""
                        failures[f"{name} as {user or 'anonymous'}"].append(
                            f"{response.status_code} {url[:60]} {str(query)[:60]} {error!r:.200}"
                        )
                        print(failures[f"{name} as {user or 'anonymous'}"][-1], file=sys.stderr)
        if time.monotonic() - started > 20:  # a slow page shows in the output (pytest -s)
            print(f"{name}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    assert dict(failures) == {}


DEMO_LOGINS = [
    "quantri",
    "canbo.ngocthuy",
    "lanhdao.ngocthuy",
    "canbo.saidong",
    "bandanvan.longbien",
    "canbo.longbien",
    "xem.longbien",
    "bandanvan.dongda",
    "bandanvan.hoangmai",
    "quantri.hanoi",
]
