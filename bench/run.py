"""`make bench`: dataset, servers, load, PDFs, import; results.json and a Markdown table.

Run as `python -m bench.run [--scale 1.0] [--seed 2026]`. Every process started here runs
in its own process group and is stopped in `finally` (Ctrl-C and errors included).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8765
ENV = {
    "DJANGO_SETTINGS_MODULE": "danvan.settings",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/danvan_bench"
    ),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
    "ALLOWED_HOSTS": HOST,
    # STATIC_MANIFEST=1 fails at collectstatic on main (bootstrap.bundle.min.js names a
    # .map file that is not shipped): static files are served by WhiteNoise's finders.
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "WARNING",
}


class Processes:
    """The servers this run started; stopped by process group, never by name."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, args, log: Path) -> subprocess.Popen:
        process = subprocess.Popen(
            args, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append(process)
        return process

    def stop(self):
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.started.clear()


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def ensure_database(url: str) -> None:
    """Create the bench database when it does not exist yet (a fresh machine has none)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    params = {"host": config["HOST"], "port": config["PORT"] or 5432, "dbname": "postgres"}
    params.update({k.lower(): config[k] for k in ("USER", "PASSWORD") if config.get(k)})
    with psycopg.connect(**params, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"bench: created database {name}")


def wait_for_http(timeout=60):
    import http.client

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, PORT, timeout=2)
            connection.request("GET", "/dang-nhap/", headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 60 s (see the log in the temp dir)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=100, help="per page, one user")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--build-only", action="store_true", help="build the dataset and stop")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    options = parser.parse_args(argv)

    var_dir = Path(tempfile.mkdtemp(prefix="danvan-bench-"))
    os.environ.update(ENV, VAR_DIR=str(var_dir))
    print(f"bench: scale {options.scale}, seed {options.seed}, files in {var_dir}")
    ensure_database(ENV["DATABASE_URL"])
    manage("migrate", "--no-input", "-v0")

    import django

    django.setup()
    from bench import dataset, measure, report

    built = dataset.build(seed=options.seed, scale=options.scale)
    print(
        f"dataset: {sum(built.seconds.values()):.1f} s of inserts, {sum(built.rows.values())} rows"
    )
    if options.build_only:
        return
    processes = Processes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        bin_dir = Path(sys.executable).parent
        processes.start(
            [str(bin_dir / "gunicorn"), "danvan.wsgi:application", "--workers", "4",
             "--bind", f"{HOST}:{PORT}", "--access-logfile", "-"],
            var_dir / "gunicorn.log",
        )  # fmt: skip
        worker = processes.start(
            [str(bin_dir / "celery"), "-A", "danvan", "worker", "--concurrency", "1",
             "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip"],
            var_dir / "celery.log",
        )  # fmt: skip
        wait_for_http()
        results = measure.everything(options, worker_pid=worker.pid, host=HOST, port=PORT)
    finally:
        processes.stop()
    results.update(
        scale=options.scale,
        seed=options.seed,
        dataset_reused=built.reused,
        dataset_build_s=round(sum(built.seconds.values()), 1),
        dataset_build_seconds_by_table=built.seconds,
        dataset_rows_by_table=built.rows,
        static="STATIC_MANIFEST=0 (WhiteNoise finders; the manifest fails on main)",
        sessions="session cookies made with Django's SessionStore",
        measured_at=time.strftime("%Y-%m-%d %H:%M %Z"),
    )
    Path(options.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table = report.markdown(results)
    Path(options.out).with_suffix(".md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
