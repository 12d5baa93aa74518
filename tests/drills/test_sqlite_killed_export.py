"""Drill: on the embedded default (SQLite, tasks inline, under gunicorn), a request killed in
the middle of a long letter export leaves the database writable — a log-in (which writes the
session and last_login) works right after, for the same and for another user.

Before WAL mode and the busy timeout, a failed export of 51.000 letters left the SQLite file
locked and every log-in answered 500 until the server was restarted (issue 19)."""

import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from tests.drills.processes import ROOT, free_port, wait_for

pytestmark = pytest.mark.drill
LETTERS = 20_000
PASSWORD = "danvan-demo-2019"

FILL = f"""
from datetime import date, timedelta
from danvan.orgs.models import Unit
from petitions.models import Case, Letter
unit = Unit.objects.get(path="ha-noi/dong-da")
start = date(2024, 1, 1)
cases = Case.objects.bulk_create(
    Case(unit=unit, receiving_body="people_committee", kind="complaint", summary=f"vu {{n}}",
         received_on=start + timedelta(days=n % 360), search_text="vu")
    for n in range({LETTERS}))
Letter.objects.bulk_create(
    Letter(unit=unit, case=c, receiving_body="people_committee", receipt_year=2024,
           receipt_number=50000 + n, received_on=c.received_on, channel="post", kind=c.kind,
           summary=f"Đơn khoan {{n}}", sender_name="Người Gửi Khoan", search_text="don khoan")
    for n, c in enumerate(cases))
"""


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


def log_in(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/dang-nhap/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/dang-nhap/", form, headers={"Referer": base})
    answer = opener.open(request, timeout=30)  # follows the redirect to the home page
    assert answer.status == 200 and "/dang-nhap/" not in answer.url, answer.url
    return opener


def test_a_killed_export_leaves_sqlite_writable_and_log_ins_work(tmp_path):
    database = tmp_path / "danvan.sqlite3"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CI"}
    }
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{database}", VAR_DIR=str(tmp_path))
    manage(env, "migrate", "--no-input")
    manage(env, "seed_demo")
    manage(env, "shell", "-c", FILL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "danvan.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(base), 60, "gunicorn did not start")
        reviewer = log_in(base, "bandanvan.dongda")
        worker_pid = _worker_pid(server.pid)
        export = subprocess.Popen(  # the long export, in its own process so it can hang up
            [sys.executable, "-c", _FETCH, f"{base}/don-thu/xuat/?unit=ha-noi/dong-da"],
            env={**env, "COOKIE": _cookie_header(reviewer)},
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # the export is reading and writing rows
        os.kill(worker_pid, signal.SIGKILL)  # the request dies mid-export
        fetched, _ = export.communicate(timeout=60)
        assert "export interrupted" in fetched, "the export ended before the kill: no drill"
        wait_for(lambda: _worker_pid(server.pid) not in (None, worker_pid), 60, "no new worker")
        wait_for(lambda: _answers(base), 60, "gunicorn did not answer again")
        log_in(base, "bandanvan.dongda")  # a write lock still held would answer 500 here
        log_in(base, "canbo.ngocthuy")
        # and the file takes a write lock at once: nothing was left holding it
        connection = sqlite3.connect(database, timeout=0)
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


_FETCH = """
import os, sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Cookie": os.environ["COOKIE"]})
try:
    urllib.request.urlopen(request, timeout=120).read()
except Exception as error:
    print("export interrupted:", error)
"""


def _cookie_header(opener) -> str:
    jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    return "; ".join(f"{c.name}={c.value}" for c in jar.cookiejar)


def _answers(base: str) -> bool:
    try:
        return urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200
    except OSError:
        return False


def _worker_pid(master: int) -> int | None:
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout.split()
    return int(children[0]) if children else None
