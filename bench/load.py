"""A small load driver: threads, one HTTP connection per request, each request timed.

Chosen over locust to keep the bench to the standard library: the figures are per-request
wall times (first byte to last byte read) measured by the client on the same machine.
"""

import http.client
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

VERSION = re.compile(rb'name="version"[^>]*value="(\d+)"')


@dataclass
class Sample:
    times_ms: list = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        data = sorted(self.times_ms) or [0.0]

        def pct(p):
            return round(data[min(len(data) - 1, int(round(p / 100 * (len(data) - 1))))], 1)

        return {
            "n": len(self.times_ms),
            "errors": self.errors,
            "p50_ms": round(statistics.median(data), 1),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "rps": round(len(self.times_ms) / self.seconds, 1) if self.seconds else 0.0,
        }


class Client:
    """One simulated user: a session cookie (or none) and a CSRF token for POSTs."""

    def __init__(self, host, port, session_key=None, csrf="benchcsrftoken" * 2 + "abcd"):
        self.host, self.port = host, port
        self.csrf = csrf[:32]
        cookies = [f"csrftoken={self.csrf}"]
        if session_key:
            cookies.append(f"sessionid={session_key}")
        self.cookie = "; ".join(cookies)

    def request(self, method, path, data=None) -> tuple[int, bytes, float]:
        body = urlencode(data, doseq=True) if data is not None else None
        headers = {"Cookie": self.cookie, "Host": f"{self.host}:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf
            headers["HX-Request"] = "true"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
        finally:
            connection.close()
        return status, content, (time.perf_counter() - started) * 1000


@dataclass
class Page:
    name: str
    client: Client
    path: str
    method: str = "GET"
    data_for: object = None  # callable(last content) -> POST data
    expect: bytes = b""

    def hit(self, state: dict) -> tuple[bool, float]:
        data = self.data_for(state) if self.data_for else None
        try:
            status, content, ms = self.client.request(self.method, self.path, data)
        except OSError:
            return False, 0.0
        ok = status == 200 and self.expect in content
        if self.data_for:
            match = VERSION.search(content)
            if match:
                state["version"] = int(match.group(1))
        return ok, ms


def measure(page: Page, count: int, warmup: int = 3, state=None, budget_s=40.0) -> Sample:
    """`count` requests one after the other (one user), after a few unmeasured ones; a page
    slower than `budget_s / count` gets fewer requests (at least 10) so a run stays short."""
    state = state if state is not None else {}
    started = time.perf_counter()
    for _ in range(warmup):
        page.hit(state)
    each = (time.perf_counter() - started) / warmup
    count = min(count, max(10, int(budget_s / each))) if each else count
    sample = Sample()
    started = time.perf_counter()
    for _ in range(count):
        ok, ms = page.hit(state)
        sample.times_ms.append(ms)
        sample.errors += not ok
    sample.seconds = time.perf_counter() - started
    return sample


def concurrent(journeys: list[list[Page]], users: int, seconds: float, seed=1) -> Sample:
    """`users` threads, each walking its own journey (in a random order) for `seconds`."""
    sample, lock = Sample(), threading.Lock()
    stop = time.perf_counter() + seconds

    def user(index):
        rng = random.Random(seed + index)
        journey = journeys[index % len(journeys)]
        state = {}
        while time.perf_counter() < stop:
            ok, ms = rng.choice(journey).hit(state)
            with lock:
                sample.times_ms.append(ms)
                sample.errors += not ok
            time.sleep(rng.uniform(0.0, 0.2))  # a person reads before the next click

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sample.seconds = time.perf_counter() - started
    return sample
