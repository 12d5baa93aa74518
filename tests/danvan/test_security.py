"""Hardening that every page shares: content security policy without inline scripts, headers,
session lifetime, password rules."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from danvan.orgs.access import Role

ROOT = Path(settings.BASE_DIR)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son(click|change|submit|load|input|keyup|keydown)=", re.IGNORECASE)


def project_templates():
    skip = {".venv", "var", "node_modules"}
    return [
        p for p in ROOT.rglob("templates/**/*.html") if not skip & set(p.relative_to(ROOT).parts)
    ]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("template", project_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_handler(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "move the script to a static .js file"
    assert not INLINE_HANDLER.search(text), "attach the handler from a static .js file"


def test_sessions_expire_and_passwords_are_checked():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    with pytest.raises(ValidationError):
        validate_password("12345678")
    with pytest.raises(ValidationError):
        validate_password("password")
    validate_password("Ngoc-Thuy-2025!")
