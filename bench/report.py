"""The Markdown table: each figure beside its target (issue 8) and a pass/fail mark."""

# key, label, comparison, target (None: reported, no target)
TARGETS = [
    ("floor_p50_ms", "floor (/ping), p50 ms", None, None),
    ("login_p95_ms", "login page, p95 ms", None, None),
    ("report_form_p95_ms", "ward report form, p95 ms", "<=", 60),
    ("draft_save_p95_ms", "report draft save (autosave POST), p95 ms", "<=", 80),
    ("dashboard_district_p95_ms", "district dashboard, p95 ms", "<=", 120),
    ("dashboard_district_p50_over_floor", "district dashboard p50 / floor p50", "<=", 4),
    ("dashboard_city_p95_ms", "city dashboard, p95 ms", "<=", 250),
    ("board_city_p95_ms", "completeness board (city), p95 ms", "<=", 200),
    ("letter_search_p95_ms", "letter list, filter + search, p95 ms", "<=", 150),
    ("model_list_p95_ms", "model catalogue list, p95 ms", None, None),
    ("conference_300_p95_ms", "conference with 300 opinions, p95 ms", None, None),
    ("mixed_errors", "mixed journey, errors", "<=", 0),
    ("mixed_p95_ms", "mixed journey, p95 ms", "<=", 400),
    ("pdf_district_s", "district roll-up PDF, s", "<=", 3),
    ("pdf_city_s", "city roll-up PDF, s", "<=", 30),
    ("worker_memory_growth_mb", "worker memory growth over the renders, MB", "<=", 50),
    ("import_rows_per_s", "Excel letter import, rows/s", ">=", 1500),
]
PAGES = [
    "login", "report_form", "draft_save", "board_city", "dashboard_district", "dashboard_city",
    "letter_search", "model_list", "conference_300", "floor", "mixed",
]  # fmt: skip


def verdict(value, comparison, target) -> str:
    if comparison is None:
        return "–"
    ok = value <= target if comparison == "<=" else value >= target
    return "pass" if ok else "**FAIL**"


def markdown(results: dict) -> str:
    lines = [
        f"Bench at scale {results.get('scale')} (seed {results.get('seed')}), "
        f"{results.get('measured_at', '')}; dataset built in {results.get('dataset_build_s')} s"
        + (" (reused)" if results.get("dataset_reused") else ""),
        "",
        "| figure | measured | target | |",
        "|---|---:|---:|---|",
    ]
    for key, label, comparison, target in TARGETS:
        value = results.get(key)
        if value is None:
            continue
        shown_target = f"{comparison} {target}" if comparison else ""
        lines.append(
            f"| {label} | {value} | {shown_target} | {verdict(value, comparison, target)} |"
        )
    lines += ["", "| page | n | errors | p50 ms | p95 ms | p99 ms | req/s | p50 / floor |"]
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for page in PAGES:
        if f"{page}_n" not in results:
            continue
        cells = [results.get(f"{page}_{k}", "") for k in ("n", "errors", "p50_ms", "p95_ms")]
        cells += [results.get(f"{page}_{k}", "") for k in ("p99_ms", "rps", "p50_over_floor")]
        lines.append(f"| {page} | " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)
