"""Demo reports (idempotent): Ngọc Thụy's 2018 annual report with the figures of the source
article, and a Q1 2019 round of the 14 Long Biên wards with some late and one returned.

The 2018 figures are the article's (seed 003). The Q1 2019 states follow seed 000 (weak
points named for Ngọc Thụy, Sài Đồng, Giang Biên); its quarterly figures are illustrative.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.orgs.models import Unit
from danvan.periods import Period
from reports import services
from reports.models import Indicator, Report, ReportEvent, ReportingRound, ReportTemplate

ALL_SECTIONS = ["results", "shortcomings", "directions", "proposals"]
INDICATORS = [
    # code, label, measure, kind, has target
    ("gia-dinh-van-hoa", "Hộ gia đình đăng ký xây dựng gia đình văn hóa", "hộ", "ratio", True),
    ("to-dan-pho-van-hoa", "Tổ dân phố đăng ký xây dựng tổ dân phố văn hóa", "tổ", "ratio", True),
    ("quy-den-on-dap-nghia", "Vận động ủng hộ quỹ “Đền ơn đáp nghĩa”", "đồng", "money", True),
    ("hien-mau", "Hiến máu nhân đạo", "đơn vị máu", "number", True),
    (
        "cong-trinh-co-phep",
        "Công trình xây dựng có phép, niêm yết giấy phép",
        "công trình",
        "ratio",
        True,
    ),
]
NGOC_THUY_2018 = {  # seed 003: actual, target
    "gia-dinh-van-hoa": (7775, 8233),
    "to-dan-pho-van-hoa": (38, 38),
    "quy-den-on-dap-nghia": (229010000, 120000000),
    "hien-mau": (468, 300),
    "cong-trinh-co-phep": (214, 214),
}
NGOC_THUY_2018_TEXT = {
    "results": (
        "20 tập thể và 28 cá nhân đăng ký thực hiện phong trào thi đua “Dân vận khéo” cấp "
        "phường năm 2018. 38/38 tổ dân phố đã tổ chức cho 7775/8233 hộ gia đình đăng ký xây "
        "dựng gia đình văn hóa; vận động ủng hộ quỹ “Đền ơn đáp nghĩa” 229.010.000/120.000.000 "
        "đồng; hiến máu nhân đạo 468/300 đơn vị máu; 214/214 công trình xây dựng có phép. "
        "Tuyên truyền, ký cam kết với 188 hộ kinh doanh về trật tự đô thị."
    ),
    "shortcomings": "Việc đăng ký mô hình “Dân vận khéo” ở một số chi bộ còn hình thức.",
    "directions": (
        "Bám sát sự chỉ đạo của Quận ủy, lựa chọn nhiệm vụ trọng tâm, trọng điểm; tổ chức "
        "giao ban đánh giá kết quả các mô hình “Dân vận khéo” ngay từ tổ dân phố."
    ),
    "proposals": "",
}
Q1_DUE = date(2019, 3, 25)
# Q1 2019: state and day of first submission (None: not submitted) per ward; 25/03 is due.
Q1_STATES = {
    "bo-de": ("approved", 20),
    "cu-khoi": ("approved", 22),
    "duc-giang": ("approved", 25),
    "gia-thuy": ("approved", 18),
    "giang-bien": ("draft", None),
    "long-bien": ("approved", 24),
    "ngoc-lam": ("approved", 21),
    "ngoc-thuy": ("approved", 25),
    "phuc-dong": ("submitted", 28),
    "phuc-loi": ("approved", 19),
    "sai-dong": ("returned", 27),
    "thach-ban": ("approved", 23),
    "thuong-thanh": ("submitted", 25),
    "viet-hung": ("not_started", None),
}
RETURN_REASON = (
    "Mục II chưa nêu nguyên nhân của việc chưa xử lý kịp thời những vấn đề phát sinh, nổi cộm "
    "trên địa bàn; đề nghị bổ sung và nộp lại."
)


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _aware(day: date):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _indicators():
    """The demo's catalogue is Hà Nội's, kept by the city's administrators."""
    city = Unit.objects.get(path="ha-noi")
    found = {}
    for order, (code, label, measure, kind, has_target) in enumerate(INDICATORS, start=1):
        indicator = Indicator.objects.filter(code=code).first()
        found[code] = indicator or services.indicator_save(
            actor=None,
            unit=city,
            code=code,
            label=label,
            measure=measure,
            kind=kind,
            has_target=has_target,
            order=order,
        )
    return found


def _template(name, kind, indicators):
    template = (
        ReportTemplate.objects.filter(name=name, period_kind=kind).order_by("version").first()
    )
    return template or services.template_create(
        actor=None,
        name=name,
        period_kind=kind,
        sections=ALL_SECTIONS,
        required_sections=["results", "shortcomings", "directions"],
        indicators=indicators,
    )


def _round(owner, period, template, title, due, units, kind=ReportingRound.Kind.UNITS):
    existing = ReportingRound.objects.filter(owner=owner, period=period, title=title).first()
    if existing:
        return existing, False
    round_ = services.round_open(
        actor=None,
        owner=owner,
        period=period,
        template=template,
        title=title,
        due_date=due,
        units=units,
        kind=kind,
    )
    return round_, True


def _file(report, editor, reviewer, state, submitted_on, sections, values):
    """Move one report to `state` through the services, then date it as in the demo story."""
    if state == "not_started":
        return
    report = services.report_save_draft(
        actor=editor, report=report, version=report.version, sections=sections, values=values
    )
    if state == "draft":
        return
    report = services.report_submit(actor=editor, report=report)
    if state == "approved":
        services.report_approve(actor=reviewer, report=report)
    elif state == "returned":
        services.report_return(actor=reviewer, report=report, reason=RETURN_REASON)
    when = _aware(submitted_on)
    Report.objects.filter(pk=report.pk).update(
        submitted_at=when, approved_at=when if state == "approved" else None
    )
    ReportEvent.objects.filter(report=report).update(at=when)


def _pairs(indicators, figures):
    return {indicators[code].pk: (Decimal(a), Decimal(t)) for code, (a, t) in figures.items()}


def seed(stdout):
    indicators = _indicators()
    annual = _template("Báo cáo công tác dân vận", "Y", list(indicators.values()))
    quarterly = _template(
        "Báo cáo công tác dân vận",
        "Q",
        [indicators["hien-mau"], indicators["quy-den-on-dap-nghia"]],
    )
    long_bien = Unit.objects.get(path="ha-noi/long-bien")
    ngoc_thuy = Unit.objects.get(path="ha-noi/long-bien/ngoc-thuy")
    editor, reviewer = _user("canbo.ngocthuy"), _user("bandanvan.longbien")

    round_2018, created = _round(
        long_bien,
        "2018",
        annual,
        "Báo cáo công tác dân vận năm 2018",
        date(2018, 12, 15),
        [ngoc_thuy],
    )
    if created:
        report = round_2018.reports.get(unit=ngoc_thuy)
        for code, (_actual, target) in NGOC_THUY_2018.items():
            services.target_set(
                actor=None, indicator=indicators[code], unit=ngoc_thuy, period="2018", value=target
            )
        values = _pairs(indicators, NGOC_THUY_2018)
        _file(report, editor, reviewer, "approved", date(2018, 12, 10), NGOC_THUY_2018_TEXT, values)

    wards = list(Unit.objects.filter(parent=long_bien, kind=Unit.Kind.WARD).order_by("name"))
    round_q1, created = _round(
        long_bien, "2019Q1", quarterly, "Báo cáo công tác dân vận quý I năm 2019", Q1_DUE, wards
    )
    if created:
        for number, report in enumerate(
            round_q1.reports.select_related("unit").order_by("unit__name")
        ):
            state, day = Q1_STATES.get(report.unit.code, ("not_started", None))
            blood, fund = 20 + 3 * number, 15000000 + 1000000 * number  # illustrative
            sections = {
                "results": f"Khối dân vận {report.unit.title} duy trì giao ban hàng tháng; "
                "nhân dân hăng hái tham gia các phong trào mừng xuân Kỷ Hợi 2019.",
                "shortcomings": "Đăng ký và thực hiện mô hình “Dân vận khéo” còn hạn chế.",
                "directions": "Triển khai thực chất các mô hình “Dân vận khéo” đã đăng ký.",
            }
            values = {
                indicators["hien-mau"].pk: (Decimal(blood), Decimal(25)),
                indicators["quy-den-on-dap-nghia"].pk: (Decimal(fund), Decimal(15000000)),
            }
            day = date(2019, 3, day) if day else None
            _file(report, _user("canbo.longbien") or editor, reviewer, state, day, sections, values)
    ha_noi = Unit.objects.get(path="ha-noi")
    _round(
        ha_noi,
        "2019Q1",
        quarterly,
        "Báo cáo công tác dân vận quý I năm 2019 của các quận",
        date(2019, 4, 10),
        [long_bien],
        kind=ReportingRound.Kind.CONSOLIDATED,
    )
    _seed_after_reform(quarterly, indicators)
    stdout.write(
        f"Reports: {Report.objects.count()} reports in {ReportingRound.objects.count()} rounds."
    )


# After the reform (docs/demo-2026.md): the city's rounds of its new wards, 2025Q3 to 2026Q4,
# reviewed by the Ban Tuyên giáo và Dân vận Thành ủy. Figures invented for the demo. 2026Q4
# is the running quarter (the demo's "today" is December 2026): some wards filed, one was
# returned, one has a draft, one has not started.
AFTER_REFORM = ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]
OFFICERS = {
    "phuong-bo-de": "canbo.bode",
    "phuong-long-bien": "canbo.phuonglongbien",
    "phuong-phuc-loi": "canbo.phucloi",
    "phuong-viet-hung": "canbo.viethung",
    "phuong-kim-lien": "canbo.kimlien",
}
STATES_2026Q4 = {
    "phuong-bo-de": "submitted",
    "phuong-dong-da": "approved",
    "phuong-kim-lien": "returned",
    "phuong-long-bien": "submitted",
    "phuong-phuc-loi": "draft",
    "phuong-viet-hung": "not_started",
}


def _seed_after_reform(quarterly, indicators):
    city = Unit.objects.get(path="ha-noi")
    reviewer = _user("bantuyengiao.hanoi")
    reform = date(2025, 7, 1)
    wards = list(
        Unit.objects.filter(parent=city, kind=Unit.Kind.WARD, valid_from__gte=reform).order_by(
            "path"
        )
    )
    for step, code in enumerate([*AFTER_REFORM, "2026Q4"]):
        period = Period.parse(code)
        due = period.end.replace(day=25)
        title = f"Báo cáo công tác dân vận {period.label[0].lower()}{period.label[1:]}"
        round_, created = _round(city, code, quarterly, title, due, wards)
        if not created:
            continue
        for number, report in enumerate(
            round_.reports.select_related("unit").order_by("unit__path")
        ):
            ward = report.unit
            state = STATES_2026Q4.get(ward.code, "approved") if code == "2026Q4" else "approved"
            blood = 60 + 7 * number + 5 * step  # invented
            fund = 40000000 + 2500000 * number + 1000000 * step  # invented
            sections = {
                "results": f"Ban Xây dựng Đảng {ward.title} tham mưu Đảng ủy lãnh đạo công tác "
                f"dân vận {period.label.lower()}; phối hợp Mặt trận Tổ quốc phường nắm tình hình "
                "nhân dân sau sắp xếp đơn vị hành chính.",
                "shortcomings": "Một số tổ dân phố sau sắp xếp chưa ổn định nhân sự tổ dân vận.",
                "directions": "Kiện toàn tổ dân vận các tổ dân phố; nhân rộng mô hình "
                "“Dân vận khéo”.",
            }
            values = {
                indicators["hien-mau"].pk: (Decimal(blood), Decimal(70)),
                indicators["quy-den-on-dap-nghia"].pk: (Decimal(fund), Decimal(45000000)),
            }
            submitted = min(due - timedelta(days=2 + number % 3), date(2026, 12, 5))
            editor = _user(OFFICERS.get(ward.code, "")) if ward.code in OFFICERS else None
            _file(report, editor, reviewer, state, submitted, sections, values)
