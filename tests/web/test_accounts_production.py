"""Production: security headers, Django's deployment check, static files through whitenoise with
GOV.UK Frontend's CSS, gunicorn (``yjhub serve --production``) and the first administrator."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from yjhub.accounts.models import User
from yjhub.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!#%&*+-=?@^_"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("YJHUB_", "DATABASE_"))}
    env.update({
        "YJHUB_DEBUG": "0",
        "YJHUB_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "YJHUB_ALLOWED_HOSTS": "yjhub.example",
        "YJHUB_VAR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'yjhub.sqlite3'}",
        "PYTHONPATH": str(ROOT / "src"),
    })
    return env


def yjhub(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yjhub", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


# --- Headers ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url, role", [("/sign-in/", None), ("/users/", "administrator"),
                                       ("/", "board_member")])
def test_pages_carry_the_security_headers(client, client_as, url, role):
    response = (client_as(role) if role else client).get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"  # no inline styles
    assert re.fullmatch(r"'self' 'nonce-[^']+'", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # The one inline script carries the nonce of this response.
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    assert " style=" not in html


# --- Deployment check ---------------------------------------------------------------------


def test_the_deployment_check_reports_nothing(tmp_path):
    result = yjhub("manage", "check", "--deploy", "--fail-level", "DEBUG",
                   env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    # axes.W006 (lockout by username, not address) is silenced on purpose: see settings.py.
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."
    assert result.stderr == ""


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["YJHUB_SECRET_KEY"]
    result = yjhub("manage", "check", env=env)
    assert result.returncode != 0
    assert "Set YJHUB_SECRET_KEY (or YJHUB_DEBUG=1 for development)." in result.stderr


# --- Static files and gunicorn ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={
        "Host": "yjhub.example", "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.mark.slow
def test_production_serves_hashed_static_files_and_pages_through_gunicorn(tmp_path):
    env = production_env(tmp_path)
    collected = yjhub("manage", "collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr[-3000:]
    static = tmp_path / "var" / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    css_name = manifest["govuk/govuk-frontend.min.css"]
    assert re.fullmatch(r"govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css", css_name)
    css = (static / css_name).read_text()
    # GOV.UK Frontend's url(/assets/...) references now name the hashed files, which exist.
    refs = set(re.findall(r'url\("?(/assets/[^")]+)"?\)', css))
    assert any(r.startswith("/assets/fonts/") for r in refs)
    for ref in refs:
        name = ref.removeprefix("/assets/")
        assert name in manifest.values(), ref
        assert (static / name).exists(), ref
    setup = yjhub("setup", env=env)  # migrations; no demo data in production
    assert setup.returncode == 0, setup.stderr[-3000:]

    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "yjhub", "serve", "--production", "--port", str(port),
             "--workers", "1", "--threads", "2"],
            env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                page = _get(port, "/sign-in/")
                break
            except OSError:
                time.sleep(0.5)
        output = log.read_text()
        assert page is not None, f"gunicorn did not answer:\n{output[-3000:]}"
        status, headers, body = page
        assert status == 200
        assert "gthread" in output.lower() or "Booting worker" in output
        html = body.decode()
        assert f'href="/assets/{css_name}"' in html
        assert headers["Strict-Transport-Security"] == \
            "max-age=31536000; includeSubDomains; preload"
        assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
        status, headers, body = _get(port, f"/assets/{css_name}")
        assert status == 200 and body.decode() == css
        assert "immutable" in headers["Cache-Control"]
        font = next(r for r in refs if r.endswith(".woff2"))
        status, headers, _ = _get(port, font)
        assert status == 200 and headers["Content-Type"] == "font/woff2"
        assert '"GET /sign-in/ HTTP/1.1" 200' in log.read_text()  # the access log
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def test_serve_production_settings():
    from yjhub.cli.serve import default_workers, gunicorn_argv

    argv = gunicorn_argv(host="127.0.0.1", port=8001, workers=3, threads=4)
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "yjhub.config.wsgi:application"]
    pairs = dict(zip(argv[4::2], argv[5::2], strict=False))
    assert pairs["--bind"] == "127.0.0.1:8001"
    assert pairs["--workers"] == "3" and pairs["--threads"] == "4"
    assert pairs["--worker-class"] == "gthread"
    assert default_workers() == max(2, (os.cpu_count() or 1) + 1)


def test_serve_production_needs_debug_off_and_collected_files(settings, tmp_path, capsys):
    from yjhub.cli.main import main

    settings.DEBUG = True
    assert main(["serve", "--production"]) == 2
    assert "--production needs YJHUB_DEBUG off" in capsys.readouterr().err
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    assert main(["serve", "--production"]) == 2
    assert "run `yjhub manage collectstatic --noinput` first" in capsys.readouterr().err


# --- The first administrator --------------------------------------------------------------


@pytest.mark.django_db
def test_createadmin_makes_an_administrator_without_printing_the_password(monkeypatch):
    password = "lighthouse keeper's long evening"
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("createadmin", "--username", "first-admin", "--email", "a@example.org",
                 "--first-name", "Ffion", "--last-name", "Admin", "--password-stdin",
                 stdout=out)
    assert password not in out.getvalue()
    assert "Administrator first-admin created" in out.getvalue()
    user = User.objects.get(username="first-admin")
    assert user.role_names() == {"administrator"}
    assert not user.is_superuser and not user.is_staff
    assert authenticate(RequestFactory().post("/sign-in/"), username="first-admin",
                        password=password) == user
    event = AuditEvent.objects.get(table="user", record_id=str(user.pk))
    assert event.action == "create" and event.actor_name.endswith("(yjhub manage createadmin)")
    assert password not in json.dumps(event.changes)


@pytest.mark.django_db
@pytest.mark.parametrize("username, password, message", [
    ("first-admin", "short", "This password is too short. It must contain at least 12 "
                             "characters."),
    ("first-admin", "", "the password is empty"),
])
def test_createadmin_refuses_a_weak_password(monkeypatch, username, password, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("createadmin", "--username", username, "--password-stdin")
    assert not User.objects.filter(username=username).exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_createadmin_refuses_an_existing_username_and_a_missing_terminal(monkeypatch):
    from yjhub.accounts.services import user_create

    user_create(username="taken", password="x" * 16, role="board_member")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a perfectly fine passphrase\n"))
    with pytest.raises(CommandError, match="a user called 'taken' already exists"):
        call_command("createadmin", "--username", "taken", "--password-stdin")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="use --password-stdin"):
        call_command("createadmin", "--username", "someone")


# --- The client's address behind the reverse proxy ----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("count, recorded", [(0, "127.0.0.1"), (1, "198.51.100.7"),
                                             (2, "203.0.113.9")])
def test_the_client_address_is_taken_from_the_trusted_proxies(settings, count, recorded):
    from axes.models import AccessAttempt
    from django.test import Client

    settings.YJHUB_PROXY_COUNT = count
    Client().post("/sign-in/", {"username": "test-practitioner", "password": "wrong"},
                  HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert AccessAttempt.objects.get(username="test-practitioner").ip_address == recorded
