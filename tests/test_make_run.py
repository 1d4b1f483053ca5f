"""`make run` on an empty var folder: demo data loaded, a login per role printed, page served,
and a demo login signs in with its password and a code (as `yjhub otp-code` prints it)."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from yjhub.accounts.roles import ROLES

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def _sign_in(port: int, username: str, password: str, env: dict) -> str:
    """Signs in through the pages as a browser would; returns the page it lands on."""
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post(url: str, page: str, data: dict) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        with opener.open(base + url, body, timeout=10) as response:
            return response.read().decode()

    with opener.open(base + "/sign-in/", timeout=10) as response:
        page = response.read().decode()
    page = post("/sign-in/", page, {"username": username, "password": password})
    assert "Enter the code from your authenticator app" in page
    code = subprocess.run([str(ROOT / ".venv" / "bin" / "yjhub"), "otp-code", username],
                          env=env, capture_output=True, text=True, check=True).stdout.strip()
    return post("/sign-in/second-factor/", page, {"code": code})


@pytest.mark.slow
def test_make_run_serves_the_app_with_demo_data_and_logins(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["YJHUB_VAR"] = str(tmp_path / "var")
    log = tmp_path / "run.log"
    with log.open("w") as out:
        proc = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = landed = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode()
                    landed = response.url
                break
            except OSError:
                time.sleep(1)
        output = log.read_text()
        assert page is not None, f"nothing served; make run said:\n{output[-3000:]}"
        assert "Sign in to yjhub" in page  # "/" asks who you are first
        assert landed.endswith("/sign-in/?next=/"), landed
        assert re.search(r"Loaded \d+ children", output), output[-3000:]
        for role in ROLES:
            assert f"demo-{role.replace('_', '-')}" in output, role
        assert (tmp_path / "var" / "yjhub.sqlite3").exists()
        logins = tmp_path / "var" / "demo-logins.txt"
        assert oct(logins.stat().st_mode)[-3:] == "600"
        line = next(x for x in logins.read_text().splitlines()
                    if x.startswith("demo-head-of-service "))
        username, password, secret = line.split()[:3]
        assert re.fullmatch(r"[A-Z2-7]{32}", secret)  # the authenticator key, base32
        home = _sign_in(port, username, password, {**env, "YJHUB_DEBUG": "1"})
        assert "Enter the code" not in home and "Sign in to yjhub" not in home
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
