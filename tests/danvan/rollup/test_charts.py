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
