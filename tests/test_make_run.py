"""`make run` on an empty var folder: demo data loaded, a login per role printed, the app opens
on its sign-in page."""

import os
import re
import signal
import socket
import subprocess
import time
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
def test_make_run_opens_on_the_sign_in_page_with_demo_data_and_logins(tmp_path):
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
        assert landed.endswith("/sign-in/?next=/"), landed
        assert "Sign in" in page
        assert re.search(r"Loaded \d+ children", output), output[-3000:]
        for role in ROLES:
            assert f"demo-{role.replace('_', '-')}" in output, role
        assert (tmp_path / "var" / "yjhub.sqlite3").exists()
        assert oct((tmp_path / "var" / "demo-logins.txt").stat().st_mode)[-3:] == "600"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
