"""Strict readers for settings taken from the environment.

Every reader raises ImproperlyConfigured naming the variable and the bad value, so a typo in
production stops start-up with a clear message instead of running with a silent default.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_floats(name: str, default: list[float], *, count: int) -> list[float]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        values = [float(part) for part in raw.split(",")]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} must be {count} numbers separated by commas."
        ) from None
    if len(values) != count or any(v < 0 for v in values):
        raise ImproperlyConfigured(f"{name}={raw!r} must be {count} non-negative numbers.")
    return values


def env_database(name: str, default: str) -> dict:
    raw = env_str(name, default)
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name}={raw!r}: use postgres://user:password@host:5432/name or sqlite:///path/to/file.sqlite3."
        )
    try:
        config = dj_database_url.parse(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a valid database URL: {exc}") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={raw!r} does not name a database.")
    return config


def env_redis_url(name: str) -> str:
    raw = env_str(name)
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name}={raw!r}: use redis://host:6379/0, or leave it unset to run tasks inline."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} has a bad port number.") from None
    return raw
