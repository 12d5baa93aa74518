"""Real processes for the fault drills: a Redis of the test's own and a Celery worker, both
subprocesses that a drill may stop, kill with SIGKILL and start again."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisProcess:
    """redis-server on its own port, without persistence: stopping it loses the queue, as a
    crashed broker would."""

    def __init__(self, port: int, log: Path):
        self.port, self.log, self.proc = port, log, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        with self.log.open("ab") as out:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        wait_for(lambda: _answers(self.port), 10, "redis-server did not answer")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        wait_for(lambda: not _answers(self.port), 10, "redis-server did not stop")


def database_url() -> str:
    """The TEST database (test_<name>), where the test's committed rows are."""
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    auth = f"{user}:{s['PASSWORD']}" if s["PASSWORD"] else user
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class WorkerProcess:
    """`celery -A danvan worker` (prefork, one child) in its own process group."""

    def __init__(self, redis: RedisProcess, media_root: Path, log: Path):
        self.redis, self.media_root, self.log, self.proc = redis, media_root, log, None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": self.redis.url,
            "MEDIA_ROOT": str(self.media_root),
            "DEBUG": "1",  # no SECRET_KEY needed; nothing else depends on it in a worker
        }
        env.pop("CI", None)
        ready_before = self._readies()
        celery = shutil.which("celery", path=str(Path(sys.executable).parent))
        command = [celery, "-A", "danvan", "worker", "--pool=prefork", "--concurrency=1"]
        command += ["--loglevel=INFO", "--without-mingle", "--without-gossip", "-n", "drill@%h"]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: SIGKILL takes the children too
            )
        wait_for(lambda: self._readies() > ready_before, 60, "the worker did not start")
        return self

    def _readies(self) -> int:
        return self.log.read_bytes().count(b" ready.") if self.log.exists() else 0

    def kill(self):
        """SIGKILL to the main process and its pool children at once (a machine crash)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def wait_for(predicate, timeout: float, message: str, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"{message} within {timeout} s")
