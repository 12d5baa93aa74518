"""A synthetic city, reproducible from a seed, written with bulk inserts (issue 8).

Scale 1.0 is the issue's size: 30 districts, ~580 wards, 6.000 residential groups, 8 years
of reports with 30 indicators, 500.000 letters / 250.000 cases / 100.000 visits, 20.000
conferences / 300.000 opinions, 50.000 models. Rows get explicit ids (so foreign keys and
the case id inside `search_text` need no read-back); sequences are reset at the end. The
`search_text` columns are filled with `danvan.search.search_text` from the same parts the
services use. No history rows are written: the bench measures reads, not the audit trail.

The root unit's name records seed and scale, and is written last: a dataset is reused only
when it was finished with the same inputs.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from bench import words
from danvan.orgs.access import Role
from danvan.orgs.models import Membership, Unit
from danvan.search import fold, search_text
from dialogues.models import Conference, Opinion, OpinionField
from models_catalog.models import Field, Level, PracticeModel, Registrant, Status
from petitions.models import Body, Case, Kind, Letter, ReceptionSession, SubjectArea, Visit
from reports.models import (
    Indicator,
    Report,
    ReportingRound,
    ReportTemplate,
    ReportValue,
)

PASSWORD = "mat-khau-bench-2026"  # noqa: S105 - the bench database's users only
CITY = "tp-bench"
FULL = {
    "districts": 30,
    "groups_per_ward": 10,  # ~580 wards -> ~6.000 groups
    "years": 8,
    "indicators": 30,
    "letters": 500_000,
    "cases": 250_000,
    "visits": 100_000,
    "conferences": 20_000,
    "opinions": 300_000,
    "models": 50_000,
}
# Wards per district: the first is the 14-ward district of the PDF target (Long Biên);
# the others add up to about 580.
WARDS = [14, 16, 18, 20, 22, 24, 17, 19, 21, 23, 25, 15] * 3
BATCH = 5000
BIG_CONFERENCE_OPINIONS = 300


@dataclass
class Built:
    seed: int
    scale: float
    reused: bool = False
    seconds: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)


def marker(seed: int, scale: float) -> str:
    return f"Bench (seed {seed}, scale {scale:g})"


def sizes(scale: float, years: int | None = None) -> dict:
    n = {key: max(1, round(value * scale)) for key, value in FULL.items()}
    n["groups_per_ward"] = FULL["groups_per_ward"]
    n["indicators"] = FULL["indicators"]
    n["years"] = years or FULL["years"]
    n["opinions"] = max(n["opinions"], BIG_CONFERENCE_OPINIONS + n["conferences"])
    return n


def existing(seed: int, scale: float) -> bool:
    return Unit.objects.filter(path=CITY, name=marker(seed, scale)).exists()


# Rows that data migrations seed (and `flush` removes): (migration module, function).
REFERENCE_SEEDS = [
    ("dialogues.migrations.0002_seed_opinion_fields_and_trigram_indexes", "seed_fields"),
    ("petitions.migrations.0002_search_indexes_and_subject_areas", "add_areas"),
]


def _reseed_reference_rows():
    from importlib import import_module

    from django.apps import apps

    for module, function in REFERENCE_SEEDS:
        getattr(import_module(module), function)(apps, None)


class _Ids:
    """Explicit primary keys, continuing after what the table already holds."""

    def __init__(self):
        self.next = {}

    def take(self, model, count=1) -> int:
        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        first = self.next[model]
        self.next[model] += count
        return first


def build(*, seed: int = 2026, scale: float = 0.01, years: int | None = None, out=print) -> Built:
    """Build (or reuse) the dataset; returns seconds and rows per table."""
    result = Built(seed=seed, scale=scale)
    if existing(seed, scale):
        result.reused = True
        out(f"dataset {marker(seed, scale)} already built: reused")
        return result
    if Unit.objects.filter(path=CITY).exists():
        out("another bench dataset is in the database: flushing it first")
        call_command("flush", interactive=False, verbosity=0)
    _reseed_reference_rows()  # idempotent; `flush` removes what data migrations seeded
    n = sizes(scale, years)
    rng = random.Random(seed)
    builder = _Builder(rng, n, result, out)
    with transaction.atomic():
        builder.run()
        Unit.objects.filter(path=CITY).update(name=marker(seed, scale))
    if connection.vendor == "postgresql":
        # What autovacuum gives a database in use: statistics, and the visibility map that
        # lets counts read an index alone. VACUUM cannot run in a transaction (a test's).
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        result.seconds["vacuum_analyze"] = round(time.perf_counter() - started, 2)
    return result


class _Builder:
    def __init__(self, rng, n, result, out):
        self.rng, self.n, self.result, self.out = rng, n, result, out
        self.ids = _Ids()
        self.today = timezone.localdate()
        self.first_year = self.today.year - n["years"] + 1

    def timed(self, label, model, objs):
        """Insert `objs` (a list, or a generator written chunk by chunk to bound memory)."""
        started, count, chunk = time.perf_counter(), 0, []
        for obj in objs:
            chunk.append(obj)
            if len(chunk) == BATCH * 4:
                model.objects.bulk_create(chunk, batch_size=BATCH)
                count, chunk = count + len(chunk), []
        model.objects.bulk_create(chunk, batch_size=BATCH)
        count += len(chunk)
        seconds = time.perf_counter() - started
        self.result.seconds[label] = round(self.result.seconds.get(label, 0) + seconds, 2)
        self.result.rows[label] = self.result.rows.get(label, 0) + count
        self.out(f"  {label}: {count} rows in {seconds:.1f} s")
        return objs

    def run(self):
        self.units()
        self.users()
        self.reports()
        self.petitions()
        self.dialogues()
        self.practice_models()
        self.reset_sequences()

    # --- units and users ----------------------------------------------------------------

    def _unit(self, parent, kind, name, code):
        path = f"{parent.path}/{code}" if parent else code
        depth = parent.depth + 1 if parent else 0
        pk = self.ids.take(Unit)
        return Unit(pk=pk, parent=parent, kind=kind, name=name, code=code, path=path, depth=depth)

    def units(self):
        city = self._unit(None, Unit.Kind.CITY, "building", CITY)
        self.timed("units_city", Unit, [city])
        self.city = city
        self.districts = [
            self._unit(city, Unit.Kind.URBAN_DISTRICT, f"{words.district(i)}", f"quan-{i + 1:02d}")
            for i in range(self.n["districts"])
        ]
        self.timed("units_districts", Unit, self.districts)
        self.wards = []
        for d_index, district in enumerate(self.districts):
            for w in range(WARDS[d_index % len(WARDS)]):
                self.wards.append(
                    self._unit(
                        district, Unit.Kind.WARD, words.ward(d_index, w), f"phuong-{w + 1:02d}"
                    )
                )
        self.timed("units_wards", Unit, self.wards)
        groups = [
            self._unit(
                ward, Unit.Kind.RESIDENTIAL_GROUP, f"Tổ dân phố số {g + 1}", f"to-{g + 1:02d}"
            )
            for ward in self.wards
            for g in range(self.n["groups_per_ward"])
        ]
        self.timed("units_groups", Unit, groups)

    def users(self):
        """bench.canbo.<ward id> (editor) and bench.lanhdao.<ward id> (leader) for each ward,
        bench.quan.<nn> (reviewer) for each district, bench.thanhpho (city reviewer)."""
        User = get_user_model()
        password = make_password(PASSWORD)  # one hash for all: hashing 1.000 times takes minutes
        users, members = [], []

        def add(username, unit, role, first, last):
            user = User(
                pk=self.ids.take(User), username=username, password=password,
                first_name=first, last_name=last, is_active=True,
            )  # fmt: skip
            users.append(user)
            members.append(Membership(user=user, unit=unit, role=role))

        add("bench.thanhpho", self.city, Role.REVIEWER, "Thành phố", "Ban Dân vận")
        for i, district in enumerate(self.districts):
            add(f"bench.quan.{i + 1:02d}", district, Role.REVIEWER, district.name, "Ban Dân vận")
        for i, ward in enumerate(self.wards):
            add(f"bench.canbo.{i + 1:03d}", ward, Role.EDITOR, words.given(self.rng), "Cán bộ")
            add(f"bench.lanhdao.{i + 1:03d}", ward, Role.LEADER, words.given(self.rng), "Lãnh đạo")
        self.timed("users", User, users)
        self.timed("memberships", Membership, members)

    # --- reports --------------------------------------------------------------------------

    def periods(self):
        """(code, kind, due date) of every period that has a round: ended ones, and the
        current quarter (open, reports in draft)."""
        found = []
        for year in range(self.first_year, self.today.year + 1):
            for code, kind, last_month in [
                (f"{year}Q1", "Q", 3), (f"{year}Q2", "Q", 6), (f"{year}S1", "S", 6),
                (f"{year}Q3", "Q", 9), (f"{year}N9", "N", 9), (f"{year}Q4", "Q", 12),
                (f"{year}", "Y", 12),
            ]:  # fmt: skip
                due = date(year, last_month, 20)
                if due - timedelta(days=80) <= self.today:
                    found.append((code, kind, due))
        return found

    def reports(self):
        rng = self.rng
        indicators = self.timed(
            "indicators",
            Indicator,
            [
                Indicator(
                    pk=self.ids.take(Indicator),
                    code=f"bench-chi-tieu-{i + 1:02d}",
                    label=words.indicator(i),
                    measure="hộ",
                    order=i + 1,
                    kind=Indicator.Kind.RATIO if i % 3 == 0 else Indicator.Kind.NUMBER,
                    has_target=i % 3 == 0,
                )  # fmt: skip
                for i in range(self.n["indicators"])
            ],
        )
        templates = {}
        for kind in "QSNY":
            templates[kind] = ReportTemplate.objects.create(
                name=f"Bench {kind}",
                period_kind=kind,
                sections=["results", "shortcomings", "directions", "proposals"],
                required_sections=["results"],
            )
            templates[kind].indicators.set(indicators)
        rounds, reports = [], []
        periods = self.periods()
        for code, kind, due in periods:
            is_open = due >= self.today
            for district in self.districts:
                round_ = ReportingRound(
                    pk=self.ids.take(ReportingRound), owner=district, period=code,
                    template=templates[kind], title=f"Báo cáo {code} – {district.name}",
                    due_date=due,
                )  # fmt: skip
                rounds.append(round_)
        by_district = {}
        for round_ in rounds:
            by_district.setdefault(round_.owner_id, []).append(round_)
        submitted = timezone.make_aware(datetime.combine(self.today, dtime(9)))
        for ward in self.wards:
            for round_ in by_district[ward.parent_id]:
                is_open = round_.due_date >= self.today
                status = Report.Status.DRAFT if is_open else Report.Status.APPROVED
                text = words.report_text(rng)
                report = Report(
                    pk=self.ids.take(Report), round=round_, unit=ward, status=status,
                    results=text, version=1, saved_at=submitted,
                    submitted_at=None if is_open else submitted,
                    approved_at=None if is_open else submitted,
                    search_text=search_text(ward.title, round_.title, text),
                )  # fmt: skip
                reports.append(report)
        self.timed("reporting_rounds", ReportingRound, rounds)
        self.timed("reports", Report, reports)
        self.timed("report_values", ReportValue, self._values(reports, indicators))

    def _values(self, reports, indicators):
        rng = self.rng
        for report in reports:
            for indicator in indicators:
                target = rng.randint(100, 9000)
                actual = rng.randint(target // 2, target + target // 5)
                yield ReportValue(
                    report=report, indicator=indicator, actual=Decimal(actual),
                    target=Decimal(target) if indicator.wants_target else None,
                )  # fmt: skip

    # --- petitions ------------------------------------------------------------------------

    def _day(self):
        start = date(self.first_year, 1, 1)
        return start + timedelta(days=self.rng.randrange((self.today - start).days + 1))

    def petitions(self):
        rng, n = self.rng, self.n
        self.areas = list(SubjectArea.objects.all())
        case_first = self.ids.take(Case, n["cases"])
        cases = []
        for i in range(n["cases"]):
            ward = rng.choice(self.wards)
            received = self._day()
            closed = received < self.today - timedelta(days=120) or rng.random() < 0.3
            case = Case(
                pk=case_first + i, unit=ward, receiving_body=rng.choice(Body.values),
                kind=rng.choice(Kind.values), summary=words.summary(rng), received_on=received,
                acceptance_due=received + timedelta(days=10),
                state=Case.State.CONCLUDED if closed else Case.State.ACCEPTED,
                accepted_on=received + timedelta(days=5),
                resolution_due=received + timedelta(days=40),
            )  # fmt: skip
            if closed:
                case.outcome = rng.choice(Case.Outcome.values)
                case.resolved_on = case.closed_on = received + timedelta(days=rng.randint(10, 60))
            case.search_text = search_text(case.pk, case.summary, "", "")
            cases.append(case)
        self.timed("cases", Case, cases)
        self.timed("letters", Letter, self._letters(cases))
        sessions, visits, links = [], [], []
        per_session = 4
        session_first = self.ids.take(ReceptionSession, n["visits"] // per_session + 1)
        visit_first = self.ids.take(Visit, n["visits"])
        for i in range(n["visits"]):
            if i % per_session == 0:
                ward = rng.choice(self.wards)
                sessions.append(
                    ReceptionSession(
                        pk=session_first + len(sessions),
                        unit=ward,
                        held_on=self._day(),
                        receiver_kind=ReceptionSession.Receiver.OFFICER,
                        receiver_name=words.person(rng),
                    )  # fmt: skip
                )
            session = sessions[-1]
            visits.append(Visit(pk=visit_first + i, session=session, summary=words.summary(rng)))
            links.append(Visit.cases.through(visit_id=visit_first + i, case=rng.choice(cases)))
        self.timed("reception_sessions", ReceptionSession, sessions)
        self.timed("visits", Visit, visits)
        self.timed("visit_cases", Visit.cases.through, links)

    def _letters(self, cases):
        """Every case has a letter; the other letters join cases at random."""
        rng, numbers = self.rng, {}
        first = self.ids.take(Letter, self.n["letters"])
        for i in range(self.n["letters"]):
            case = cases[i] if i < len(cases) else rng.choice(cases)
            day = case.received_on
            key = (case.unit_id, case.receiving_body, day.year)
            numbers[key] = numbers.get(key, 0) + 1
            secret = case.kind in (Kind.DENUNCIATION, Kind.MIXED)
            letter = Letter(
                pk=first + i, unit_id=case.unit_id, case=case,
                receiving_body=case.receiving_body, receipt_year=day.year,
                receipt_number=numbers[key], received_on=day,
                channel=rng.choice(Letter.Channel.values), kind=case.kind,
                subject_area=rng.choice(self.areas) if self.areas else None,
                summary=case.summary,
                sender_name="" if secret else words.person(rng),
                sender_contact="" if secret else words.address(rng),
            )  # fmt: skip
            sender = "" if secret else f"{letter.sender_name} {letter.sender_contact}"
            letter.search_text = search_text(letter.receipt, letter.summary, sender, "")
            yield letter

    # --- dialogues ------------------------------------------------------------------------

    def dialogues(self):
        rng, n = self.rng, self.n
        fields = list(OpinionField.objects.all())
        conference_first = self.ids.take(Conference, n["conferences"])
        conferences = []
        for i in range(n["conferences"]):
            ward = self.wards[0] if i == 0 else rng.choice(self.wards)
            title = f"Hội nghị đối thoại {ward.title} lần {i + 1}"
            chair, place = words.person(rng), words.address(rng)
            conferences.append(
                Conference(
                    pk=conference_first + i,
                    unit=ward,
                    title=title,
                    chair=chair,
                    held_on=self._day(),
                    place=place,
                    attendees=rng.randint(30, 200),
                    status=Conference.Status.HELD,
                    search_text=search_text(title, chair, place, ward.name),
                )  # fmt: skip
            )
        self.timed("conferences", Conference, conferences)
        # The first conference is the one with 300 opinions the bench opens.
        counts = [BIG_CONFERENCE_OPINIONS] + [0] * (len(conferences) - 1)
        for _ in range(n["opinions"] - BIG_CONFERENCE_OPINIONS):
            counts[rng.randrange(1, len(conferences)) if len(conferences) > 1 else 0] += 1
        self.timed("opinions", Opinion, self._opinions(conferences, counts, fields))
        self.big_conference = conferences[0]

    def _opinions(self, conferences, counts, fields):
        rng = self.rng
        for conference, count in zip(conferences, counts, strict=True):
            for number in range(1, count + 1):
                raised_by, content = words.person(rng), words.opinion(rng)
                answered = rng.random() < 0.8
                answer = "Đã trả lời trực tiếp tại hội nghị." if answered else ""
                yield Opinion(
                    conference=conference, number=number, raised_by=raised_by,
                    field=rng.choice(fields), content=content, answer_summary=answer,
                    outcome=Opinion.Outcome.AT_CONFERENCE if answered
                    else Opinion.Outcome.WRITTEN_ANSWER,
                    search_text=search_text(raised_by, content, answer, ""),
                )  # fmt: skip

    # --- models ---------------------------------------------------------------------------

    def practice_models(self):
        rng, n = self.rng, self.n
        registrants, practice = [], []
        registrant_first = self.ids.take(Registrant, n["models"])
        for i in range(n["models"]):
            ward = rng.choice(self.wards)
            if i % 2 == 0 or not registrants:
                name = f"{words.person(rng)} {i}"
                registrants.append(
                    Registrant(
                        pk=registrant_first + len(registrants),
                        unit=ward,
                        kind=Registrant.Kind.INDIVIDUAL,
                        name=name,
                        folded_name=fold(name),
                    )  # fmt: skip
                )
            registrant = registrants[-1]
            year = rng.randint(self.first_year, self.today.year)
            model_name, content = words.model_name(rng), words.opinion(rng)
            practice.append(
                PracticeModel(
                    unit_id=registrant.unit_id,
                    registrant=registrant,
                    name=model_name,
                    field=rng.choice(Field.values),
                    level=Level.WARD,
                    start_year=year,
                    end_year=year,
                    content=content,
                    status=rng.choice(Status.values),
                    search_text=search_text(
                        model_name, registrant.name, "", registrant.unit.name, "", content
                    ),
                )  # fmt: skip
            )
        self.timed("registrants", Registrant, registrants)
        self.timed("practice_models", PracticeModel, practice)

    def reset_sequences(self):
        sql = connection.ops.sequence_reset_sql(no_style(), list(self.ids.next))
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
        self.result.seconds["sequences"] = round(time.perf_counter() - started, 2)
