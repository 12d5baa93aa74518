from xml.etree import ElementTree

from danvan.rollup.charts import Point, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_has_one_bar_with_hover_text_per_unit():
    svg = bar_chart(
        "Vụ việc đã giải quyết",
        [
            Point("Ngọc Thụy", 96, "96%", "240/250 (96%)"),
            Point("Sài Đồng", 82.5, "82,5%", "132/160 (82,5%)"),
        ],
    )
    root = ElementTree.fromstring(svg)
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert titles == ["Ngọc Thụy: 240/250 (96%)", "Sài Đồng: 132/160 (82,5%)"]
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > 0


def test_line_chart_draws_a_point_per_period_and_escapes_names():
    svg = line_chart('Đơn <tiếp nhận> & "vụ"', [Point("Q4/2018", 1066), Point("Q1/2019", 1081)])
    root = ElementTree.fromstring(svg)  # well-formed although the title has < & and quotes
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    assert "1.081" in [t.text for t in root.iter(f"{SVG}text")]


def test_empty_or_zero_data_still_draws():
    ElementTree.fromstring(bar_chart("Trống", []))
    ElementTree.fromstring(line_chart("Không", [Point("Q1/2019", 0), Point("Q2/2019", None)]))


def test_a_printed_chart_is_an_image_of_the_same_svg_with_its_title_as_text():
    import re
    from base64 import b64decode
    from html import unescape

    from danvan.rollup.templatetags.documents import chart_image

    svg = line_chart('Đơn <tiếp nhận> & "vụ"', [Point("Q4/2018", 1066), Point("Q1/2019", 1081)])
    image = re.fullmatch(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)">', chart_image(svg)
    )
    assert image, chart_image(svg)[:80]
    assert b64decode(image[1]).decode() == svg
    assert unescape(image[2]) == 'Đơn <tiếp nhận> & "vụ"'


def test_a_period_without_data_is_a_gap_not_a_zero():
    points = [Point("Q1/2026", 40), Point("Q2/2026", 55), Point("Q3/2026", None)]
    points += [Point("Q4/2026", 61), Point("Q1/2027", 70)]
    root = ElementTree.fromstring(line_chart("Hiến máu", points))
    assert len(list(root.iter(f"{SVG}circle"))) == 4  # no mark for the empty period
    lines = [p.get("points").split() for p in root.iter(f"{SVG}polyline")]
    assert sorted(len(line) for line in lines) == [2, 2]  # two pieces, broken at Q3
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Q3/2026" in texts  # the period keeps its place on the axis
    assert texts.count("0") == 1  # the axis tick only: nothing is drawn as zero


def test_the_first_points_label_stays_clear_of_the_axis_ticks():
    root = ElementTree.fromstring(line_chart("Đơn", [Point("Q1/2026", 0), Point("Q2/2026", 12)]))
    ticks_end = max(
        float(t.get("x")) for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"
    )
    first = next(iter(root.iter(f"{SVG}circle")))
    label = "0"
    # a 10 px label is at most ~6 px a character wide, centred on the point
    assert float(first.get("cx")) - 6 * len(label) / 2 > ticks_end + 8
