"""Profile one bench page in-process: query count, SQL time, slowest queries, pyinstrument.

`python -m bench.profile dashboard_district` (same database and settings as `make bench`;
the dataset must be built). Used for the notes in docs/bench.md.
"""

import os
import sys
import time

from bench.run import ENV


def main(argv=None):
    argv = argv or sys.argv[1:]
    name = argv[0] if argv else "dashboard_district"
    os.environ.update(ENV)
    os.environ.setdefault("VAR_DIR", "/tmp/danvan-bench-profile")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from bench.measure import _pages

    page = _pages("127.0.0.1", 8765)[0][name]
    client = Client()
    for part in page.client.cookie.split("; "):
        key, value = part.split("=", 1)
        client.cookies[key] = value
    data = page.data_for({}) if page.data_for else None

    def hit():
        if page.method == "POST":
            return client.post(page.path, data, HTTP_X_CSRFTOKEN=page.client.csrf)
        return client.get(page.path)

    hit()  # warm caches and imports
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = hit()
        wall = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{name}: status {response.status_code}, {wall:.0f} ms, {len(queries)} queries, "
          f"{sql_ms:.0f} ms in SQL")  # fmt: skip
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    profiler = Profiler()
    profiler.start()
    hit()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
