"""``make loadtest``: concurrent users on the home, caseload and indicator pages, against
PostgreSQL, through the production server, on this machine's loopback only.

``make loadtest`` runs this inside ``scripts/with-postgres`` (a throwaway PostgreSQL). It:

1. sets up the database with the demo service (``yjhub setup --demo``) and collects the static
   files, with production settings (``YJHUB_DEBUG=0``);
2. makes ``--users`` load-test users (one TOTP device each), spread over the roles that use
   these pages, and starts ``yjhub serve --production`` (gunicorn) on a free loopback port;
3. signs every user in through the real sign-in pages (password, then the TOTP code), opens each
   of their pages once (not counted: a worker's first requests load modules), then runs them side
   by side for ``--duration`` seconds: each user opens the home page, the caseload (if
   their role has one) and an indicator page in turn, waiting ``--think`` seconds between pages;
4. prints, per page and overall, requests, errors and the 50th, 95th and 99th percentile and
   maximum response times, and exits 1 when the 95th percentile is ``--p95`` ms or more or any
   request failed.

Every loop is bounded by the duration and by ``--max-requests``; traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

YJHUB = str(Path(sys.executable).with_name("yjhub"))
ROLES = ["performance_officer", "head_of_service", "team_manager", "practitioner",
         "board_member"]
CASELOAD_ROLES = {"performance_officer", "head_of_service", "team_manager", "practitioner"}
INDICATOR = "/indicators/kpi2023.ete/"
PASSWORD = "load test password " + secrets.token_hex(4)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One user's HTTP session: keeps cookies itself (they are Secure, the loopback is not
    TLS: the server is told by X-Forwarded-Proto, as behind the service's reverse proxy)."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "https://127.0.0.1" + path
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed an idle kept-alive connection: a browser opens a new one and
            # sends the request again, and so do we (once).
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location"), content.decode(errors="replace")

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError("no CSRF token on the sign-in page")
        return match.group(1)

    def sign_in(self, username: str, key_hex: str):
        from django_otp.oath import totp

        status, _, html = self.request("GET", "/sign-in/")
        status, location, html = self.request("POST", "/sign-in/", {
            "csrfmiddlewaretoken": self.csrf(html), "username": username,
            "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"{username}: password step answered {status}")
        status, _, html = self.request("GET", location)
        code = f"{totp(bytes.fromhex(key_hex)):06d}"
        status, location, _ = self.request("POST", "/sign-in/second-factor/", {
            "csrfmiddlewaretoken": self.csrf(html), "code": code})
        if status != 302:
            raise RuntimeError(f"{username}: second factor answered {status}")


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None):
        with self.lock:
            self.times.setdefault(page, []).append(seconds)
            if error:
                self.errors.setdefault(page, []).append(error)


def pages_of(role: str) -> list[str]:
    return ["/"] + (["/caseload/"] if role in CASELOAD_ROLES else []) + [INDICATOR]


def run_user(browser: Browser, role: str, stop_at: float, think: float, budget, tally: Tally):
    pages = pages_of(role)
    i = 0
    while time.monotonic() < stop_at and budget.acquire(blocking=False):
        page = pages[i % len(pages)]
        i += 1
        started = time.perf_counter()
        try:
            status, _, _ = browser.request("GET", page)
            error = None if status == 200 else f"HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            error = repr(exc)
            browser.connection.close()
        tally.add(page, time.perf_counter() - started, error)
        time.sleep(think)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(tally: Tally, p95_limit: float) -> bool:
    print(f"\n{'page':<28}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'p99 ms':>9}{'max ms':>9}")
    every = []
    for page, times in sorted(tally.times.items()):
        every += times
        ms = [t * 1000 for t in times]
        print(f"{page:<28}{len(ms):>9}{len(tally.errors.get(page, [])):>8}"
              f"{statistics.median(ms):>9.0f}{percentile(ms, 95):>9.0f}"
              f"{percentile(ms, 99):>9.0f}{max(ms):>9.0f}")
    ms = [t * 1000 for t in every]
    errors = sum(len(e) for e in tally.errors.values())
    p95 = percentile(ms, 95)
    print(f"{'all':<28}{len(ms):>9}{errors:>8}{statistics.median(ms):>9.0f}{p95:>9.0f}"
          f"{percentile(ms, 99):>9.0f}{max(ms):>9.0f}")
    for page, messages in tally.errors.items():
        print(f"errors on {page}: {sorted(set(messages))[:5]}")
    ok = p95 < p95_limit and errors == 0
    print(f"\n95th percentile {p95:.0f} ms (limit {p95_limit:.0f} ms), {errors} errors: "
          + ("PASS" if ok else "FAIL"))
    return ok


def prepare(env: dict, users: int) -> list[tuple[str, str, str]]:
    """Set up the database, collect static files, make the load-test users."""
    for command in (["setup", "--demo"], ["manage", "collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([YJHUB, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    script = (
        "import sys\n"
        "from yjhub.cli.main import django_setup\n"
        "django_setup()\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from yjhub.accounts.models import User\n"
        "from yjhub.accounts.roles import TEAM_ROLES\n"
        "from yjhub.accounts.services import user_create\n"
        "from yjhub.casedata.models import Staff\n"
        "staff = Staff.objects.filter(role='practitioner', end_date__isnull=True)"
        ".order_by('staff_id').first()\n"
        f"roles = {ROLES!r}\n"
        f"for i in range({users}):\n"
        "    role = roles[i % len(roles)]\n"
        "    name = f'loadtest-{i:02d}'\n"
        "    User.objects.filter(username=name).delete()\n"
        "    user = user_create(username=name, password=sys.argv[1], role=role,\n"
        "        team_id=staff.team_id if role in TEAM_ROLES else None,\n"
        "        staff_id=staff.staff_id if role == 'practitioner' else '')\n"
        "    device = TOTPDevice.objects.create(user=user, name='loadtest', confirmed=True)\n"
        "    print(name, role, device.key)\n")
    out = subprocess.run([sys.executable, "-c", script, PASSWORD], env=env, check=True,
                         capture_output=True, text=True).stdout
    return [tuple(line.split()) for line in out.splitlines() if line.startswith("loadtest-")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=300, help="seconds (default 300)")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between pages")
    parser.add_argument("--p95", type=float, default=300, help="limit in ms (default 300)")
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("loadtest: run it through `make loadtest` (PostgreSQL via scripts/with-postgres)",
              file=sys.stderr)
        return 2
    var = Path(tempfile.mkdtemp(prefix="yjhub-loadtest-"))
    env = {**os.environ, "YJHUB_DEBUG": "0", "YJHUB_VAR": str(var),
           "YJHUB_SECRET_KEY": secrets.token_urlsafe(50), "YJHUB_ALLOWED_HOSTS": "127.0.0.1"}
    started = time.perf_counter()
    accounts = prepare(env, args.users)
    print(f"Set up the demo service and {len(accounts)} users in "
          f"{time.perf_counter() - started:.0f} s.")
    port = _free_port()
    server = subprocess.Popen([YJHUB, "serve", "--production", "--port", str(port)], env=env,
                              stdout=(var / "server.log").open("w"), stderr=subprocess.STDOUT)
    try:
        browsers = []
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print((var / "server.log").read_text(), file=sys.stderr)
                    return 1
                time.sleep(0.3)
        for username, role, key in accounts:
            browser = Browser(port)
            browser.sign_in(username, key)
            browsers.append((browser, role))
        for browser, role in browsers:  # warm up: each worker's first requests load modules
            for page in pages_of(role):
                browser.request("GET", page)
        print(f"{len(browsers)} users signed in; running for {args.duration:.0f} s with "
              f"{args.think:.1f} s between pages...", flush=True)
        tally = Tally()
        budget = threading.Semaphore(args.max_requests)
        stop_at = time.monotonic() + args.duration
        threads = [threading.Thread(target=run_user,
                                    args=(b, role, stop_at, args.think, budget, tally))
                   for b, role in browsers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return 0 if report(tally, args.p95) else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
