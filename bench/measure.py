"""What `make bench` measures, once the servers run: pages, mixed load, PDFs, import."""

import io
import time
from importlib import import_module

import psutil
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import transaction
from django.utils import timezone

from bench import dataset
from bench.load import Client, Page, concurrent, measure
from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodKind
from dialogues.models import Conference
from reports.models import Report


def session_for(username: str) -> str:
    """A logged-in session made directly with the SessionStore (no login form per user)."""
    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _ward_pages(host, port, ward, username, quarter) -> dict:
    """The ward editor's pages: the open report's form, its autosave, a conference."""
    report = Report.objects.get(unit=ward, round__period=quarter.code)
    indicators = list(report.round.template.indicators.values_list("pk", "kind", "has_target"))
    conference = Conference.objects.filter(unit=ward).order_by("pk").first()
    editor = Client(host, port, session_for(username))

    def draft(state):
        state["n"] = state.get("n", 0) + 1
        data = {"version": state.get("version", report.version)}
        data["results"] = f"Bản nháp lưu tự động lần {state['n']}: vận động nhân dân."
        for pk, kind, has_target in indicators:
            data[f"actual_{pk}"] = 100 + state["n"]
            if has_target or kind == "ratio":
                data[f"target_{pk}"] = 500
        return data

    pages = {
        "report_form": Page("report_form", editor, f"/bao-cao/{report.pk}/nhap/"),
        "draft_save": Page(
            "draft_save",
            editor,
            f"/bao-cao/{report.pk}/luu-nhap/",
            "POST",
            draft,
            b"data-saved-at",
        ),  # fmt: skip
        "floor": Page("floor", editor, "/ping"),
    }
    if conference:
        pages["conference_300"] = Page("conference_300", editor, f"/doi-thoai/{conference.pk}/")
    return pages


def _pages(host, port) -> tuple[dict, dict]:
    city = Unit.objects.get(path=dataset.CITY)
    district = Unit.objects.filter(parent=city).order_by("path").first()
    wards = list(Unit.objects.filter(parent__parent=city, kind="ward").order_by("pk"))
    quarter = Period.containing(timezone.localdate(), PeriodKind.QUARTER)
    last_year = str(timezone.localdate().year - 1)
    reviewer = Client(host, port, session_for("bench.quan.01"))
    city_user = Client(host, port, session_for("bench.thanhpho"))
    # The first ward's editor: bench.canbo.001, whose ward holds the 300-opinion conference.
    pages = _ward_pages(host, port, wards[0], "bench.canbo.001", quarter)
    pages.update(
        login=Page("login", Client(host, port), "/dang-nhap/"),
        board_city=Page(
            "board_city", city_user, f"/bao-cao/tien-do/?unit={city.path}&period={quarter.code}"
        ),
        dashboard_district=Page(
            "dashboard_district", reviewer, f"/tong-hop/?unit={district.path}&period={last_year}"
        ),
        dashboard_city=Page(
            "dashboard_city", city_user, f"/tong-hop/?unit={city.path}&period={last_year}"
        ),
        letter_search=Page(
            "letter_search",
            city_user,
            f"/don-thu/?unit={city.path}&kind=complaint&q=nguyen+van+dat+dai",
        ),  # fmt: skip
        model_list=Page("model_list", city_user, f"/dan-van-kheo/?unit={city.path}"),
    )
    context = {
        "city": city, "district": district, "ward": wards[0], "wards": wards,
        "quarter": quarter, "last_year": last_year,
    }  # fmt: skip
    return pages, context


def _journeys(host, port, pages, context, users) -> list[list[Page]]:
    """Half the users are ward editors (each on their own ward's report, so autosaves do not
    conflict), half are reviewers reading dashboards, the board and the letter list."""
    readers = [
        pages[n] for n in ("dashboard_district", "board_city", "letter_search", "model_list")
    ]
    journeys = []
    for i in range(users):
        if i % 2:
            journeys.append(readers)
            continue
        index = (i // 2) % len(context["wards"])
        own = _ward_pages(
            host, port, context["wards"][index], f"bench.canbo.{index + 1:03d}", context["quarter"]
        )
        journeys.append([*own.values(), pages["login"], pages["conference_300"]])
    return journeys


def _pdf(actor, unit, period, number) -> float:
    """Request an export through the service and wait for the worker to finish it."""
    from danvan.rollup import services
    from danvan.rollup.models import Export

    started = time.perf_counter()
    with transaction.atomic():
        export = services.export_request(
            actor=actor, kind=Export.Kind.ROLLUP_PDF, unit=unit, period=period,
            parameters={"number": f"B{number}"},
        )  # fmt: skip
    while True:
        export.refresh_from_db()
        if export.status == Export.Status.DONE:
            return time.perf_counter() - started
        if export.status == Export.Status.FAILED:
            raise RuntimeError(f"export {export.pk} failed: {export.error}")
        if time.perf_counter() - started > 300:
            raise RuntimeError(f"export {export.pk} not done after 300 s")
        time.sleep(0.05)


def _worker_child_rss(worker_pid) -> int:
    children = psutil.Process(worker_pid).children(recursive=True)
    return max(child.memory_info().rss for child in children)


def pdfs(context, renders, worker_pid) -> dict:
    User = get_user_model()
    period = Period.parse(context["last_year"])
    district_user = User.objects.get(username="bench.quan.01")
    city_user = User.objects.get(username="bench.thanhpho")
    tag = int(time.time())
    district_s = _pdf(district_user, context["district"], period, f"{tag}-d")
    city_s = _pdf(city_user, context["city"], period, f"{tag}-c")
    # The baseline is the child after the first of the district renders, not after the city
    # one (a larger document leaves a larger heap, and the growth came out negative).
    times = [_pdf(district_user, context["district"], period, f"{tag}-0")]
    first_rss = _worker_child_rss(worker_pid)
    times += [
        _pdf(district_user, context["district"], period, f"{tag}-{i}") for i in range(1, renders)
    ]
    last_rss = _worker_child_rss(worker_pid)
    return {
        "pdf_district_s": round(district_s, 2),
        "pdf_city_s": round(city_s, 2),
        "pdf_district_repeat_median_s": round(sorted(times)[len(times) // 2], 2),
        "worker_rss_after_first_mb": round(first_rss / 2**20, 1),
        "worker_rss_after_renders_mb": round(last_rss / 2**20, 1),
        "worker_memory_growth_mb": round((last_rss - first_rss) / 2**20, 1),
        "worker_renders": renders,
    }


def excel_import(context, rows) -> dict:
    """A `rows`-line letter register, checked and imported by what the import view calls."""
    from danvan import excel
    from petitions import resources, services
    from petitions.models import Letter

    columns = resources.import_columns()
    day = timezone.localdate().replace(day=1).strftime("%d/%m/%Y")
    data = [
        [day, "Ủy ban nhân dân", "Trực tiếp", "Khiếu nại", "", f"Đề nghị giải quyết việc {i}",
         f"Nguyễn Văn {i}", "số 1 phố Hồng Hà", 1, "", ""]
        for i in range(rows)
    ]  # fmt: skip
    data = _labels(columns, data)
    content = excel.write_workbook("Đơn thư", [c.header for c in columns], data)
    editor = get_user_model().objects.get(username="bench.canbo.001")
    before = Letter.objects.count()
    started = time.perf_counter()
    sheet = resources.check_rows(excel.read_sheet(io.BytesIO(content), columns))
    checked = time.perf_counter() - started
    if not sheet.ok:
        raise RuntimeError(f"bench workbook has errors: {sheet.errors[:3]}")
    services.letters_import(actor=editor, unit=context["ward"], rows=sheet.rows)
    seconds = time.perf_counter() - started
    imported = Letter.objects.count() - before
    return {
        "import_rows": rows,
        "import_rows_saved": imported,
        "import_check_s": round(checked, 2),
        "import_s": round(seconds, 2),
        "import_rows_per_s": round(rows / seconds, 1),
    }


def _labels(columns, data):
    """Use the labels the import expects (the catalogue's choice labels) for choice cells."""
    for column_index, column in enumerate(columns):
        if column.choices:
            first = next(iter(column.choices))
            for row in data:
                if row[column_index] and row[column_index] not in column.choices:
                    row[column_index] = first
    return data


def everything(options, *, worker_pid, host, port) -> dict:
    pages, context = _pages(host, port)
    results = {}
    for name, page in pages.items():
        summary = measure(page, options.requests).summary()
        print(f"  {name}: {summary}")
        for key, value in summary.items():
            results[f"{name}_{key}"] = value
    floor = results["floor_p50_ms"] or 1
    for name in pages:
        results[f"{name}_p50_over_floor"] = round(results[f"{name}_p50_ms"] / floor, 1)
    journeys = _journeys(host, port, pages, context, options.users)
    mixed = concurrent(journeys, options.users, options.seconds).summary()
    print(f"  mixed: {mixed}")
    results.update({f"mixed_{key}": value for key, value in mixed.items()})
    results["mixed_users"] = options.users
    results.update(pdfs(context, options.renders, worker_pid))
    print("  pdfs done")
    results.update(excel_import(context, options.import_rows))
    print("  import done")
    return results
