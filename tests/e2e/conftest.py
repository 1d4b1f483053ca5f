"""Browser tests: the real app, served as ``make run`` serves it, driven in Debian's Chromium.

A session-wide server is started in a temporary folder: ``yjhub setup --demo`` (migrations, the
demo service's synthetic data through the importer, one login per role), then ``yjhub serve`` on
a free loopback port. Tests sign in through the pages with the printed passwords and a TOTP code
computed from the demo user's device, as an authenticator app would.

Screenshots of every page visited are saved under ``build/screenshots/``; every page is checked
with axe-core (``node_modules/axe-core``) for serious or critical accessibility violations.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = REPO / "build" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
YJHUB = str(Path(sys.executable).with_name("yjhub"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, var: Path, port: int):
        self.var = var
        self.url = f"http://127.0.0.1:{port}"
        self.db = var / "yjhub.sqlite3"
        self.steps_used: dict[str, int] = {}

    def passwords(self) -> dict[str, str]:
        logins = {}
        for line in (self.var / "demo-logins.txt").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith("demo-"):
                logins[parts[0]] = parts[1]
        return logins

    def totp_code(self, username: str) -> str:
        """The user's current code. A code is accepted once (django-otp refuses a replay), so
        a user who signed in during this 30-second step waits for the next one."""
        from django_otp.oath import totp

        with sqlite3.connect(self.db) as db:
            (key,) = db.execute(
                "select d.key from otp_totp_totpdevice d join accounts_user u on u.id = d.user_id"
                " where u.username = ? and d.confirmed", (username,)).fetchone()
        step = int(time.time() // 30)
        if self.steps_used.get(username) == step:
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time() // 30)
        self.steps_used[username] = step
        return f"{totp(bytes.fromhex(key)):06d}"

    def query(self, sql: str, *args):
        with sqlite3.connect(self.db) as db:
            return db.execute(sql, args).fetchall()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run scripts/ensure-chromium")
    var = tmp_path_factory.mktemp("e2e-var")
    env = {**os.environ, "YJHUB_DEBUG": "1", "YJHUB_VAR": str(var)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([YJHUB, "setup", "--demo"], env=env, check=True, capture_output=True,
                   timeout=600)
    port = _free_port()
    log = (var / "server.log").open("w")
    process = subprocess.Popen([YJHUB, "serve", "--port", str(port)], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    served = Server(var, port)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(served.url + "/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the server did not start:\n" + (var / "server.log").read_text())
            time.sleep(0.3)
    yield served
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, server, username: str):
    """Sign in through the pages: password, then the authenticator code."""
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(server.passwords()[username])
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code", exact=True).fill(server.totp_code(username))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def check_page(page, name: str):
    """Save a screenshot, and fail on serious or critical axe violations or console errors."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
    bad = [f"{v['id']} ({v['impact']}): {v['help']} at "
           + ", ".join(n["target"][0] for n in v["nodes"][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: " + "; ".join(bad)
    assert not page.console_errors, f"{name}: console errors {page.console_errors}"
