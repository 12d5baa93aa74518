"""Settings come from the environment; a bad value stops start-up with a message naming it;
production values pass `check --deploy`; docker-compose and the settings agree."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GOOD_SECRET = "x" * 20 + "-a-long-random-secret-key-for-tests-" + "y" * 20


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def start_django(env: dict, *args: str) -> subprocess.CompletedProcess:
    base = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "VAR_DIR": "/tmp/danvan-settings-test",
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
    }
    command = args or ("-c", "import django; django.setup()")
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "0"}, "SECRET_KEY"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://db/x"}, "DATABASE_URL"),
        ({"DEBUG": "1", "DATABASE_URL": "postgres://localhost:5432/"}, "DATABASE_URL"),
        ({"DEBUG": "1", "REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
        ({"DEBUG": "1", "REDIS_URL": "redis://localhost:port/0"}, "REDIS_URL"),
        ({"DEBUG": "1", "SESSION_COOKIE_AGE": "eight hours"}, "SESSION_COOKIE_AGE"),
        ({"DEBUG": "1", "PDF_MARGINS_MM": "20,20,30"}, "PDF_MARGINS_MM"),
        ({"DEBUG": "1", "HTTPS": "si"}, "HTTPS"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(env, named):
    result = start_django(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


def test_defaults_start_in_embedded_mode():
    result = start_django(
        {"DEBUG": "1"},
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMBEDDED, s.CELERY_TASK_ALWAYS_EAGER, s.DATABASES['default']['ENGINE'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "django.db.backends.sqlite3"]


def test_production_values_pass_check_deploy():
    env = {**env_example(), "SECRET_KEY": GOOD_SECRET, "EMAIL_HOST": ""}
    result = start_django(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_postgresql_uses_the_connection_pool_with_health_checks():
    result = start_django(
        {"DEBUG": "1", "DATABASE_URL": "postgres://u:p@db.example:5432/danvan"},
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "d = s.DATABASES['default']; "
        "print(d['OPTIONS']['pool']['max_size'], d['CONN_HEALTH_CHECKS'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["10", "True"]


class TestComposeAgreesWithSettings:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    def service(self, name):
        return self.compose["services"][name]

    def test_it_runs_the_documented_components(self):
        assert self.service("db")["image"] == "postgres:16"
        assert self.service("redis")["image"] == "redis:7"
        assert "gunicorn" in self.service("web")["command"]
        worker = " ".join(self.service("worker")["command"])
        assert "celery -A danvan worker" in worker and "--max-tasks-per-child" in worker
        assert "beat" in self.service("beat")["command"]

    def test_every_example_variable_is_read_by_the_settings(self):
        read = set(re.findall(r'env_\w+\("([A-Z_]+)"', (ROOT / "danvan/settings.py").read_text()))
        compose_only = {"POSTGRES_PASSWORD"}
        assert set(env_example()) - compose_only <= read
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= set(
            env_example()
        )

    def test_urls_point_at_the_compose_services(self):
        example = env_example()
        assert (
            "@db:5432/" + self.service("db")["environment"]["POSTGRES_DB"]
            in example["DATABASE_URL"]
        )
        assert example["DATABASE_URL"].startswith(
            f"postgres://{self.service('db')['environment']['POSTGRES_USER']}:"
        )
        assert example["REDIS_URL"].startswith("redis://redis:6379/")
        for name in ("web", "worker", "beat", "migrate"):
            assert self.service(name)["env_file"] == ".env"


def test_production_static_files_collect_with_hashed_names(tmp_path):
    """The Docker build runs collectstatic with the manifest storage: a vendored file that
    refers to a missing one (a source map, a font) would break the build."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": GOOD_SECRET,
        "STATIC_MANIFEST": "1",
        "VAR_DIR": str(tmp_path),
    }
    result = start_django(env, "manage.py", "collectstatic", "--no-input")
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert (
        "vendor/bootstrap/bootstrap.min.css" in manifest
        and "fonts/LiberationSerif-Regular.ttf" in manifest
    )


def test_the_cache_holds_a_conferences_rows_and_every_other_fragment():
    from django.core.cache import cache

    rows = {f"opinion-row-{n}": "<tr></tr>" for n in range(1000)}
    cache.set_many(rows)
    cache.set("period-picker", "<select></select>")
    assert len(cache.get_many(list(rows))) == len(rows)
