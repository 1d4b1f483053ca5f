"""``yjhub serve [--port N]``: serve the web app.

Without options, Django's development server (``make run``). With ``--production``, gunicorn:
worker processes each running a few threads, for a service behind a TLS reverse proxy
(docs/deploy.md).
"""

from __future__ import annotations

import os
import sys

from yjhub.cli.main import UserError, django_setup


def add_parser(sub):
    p = sub.add_parser("serve", help="serve the web app on http://HOST:PORT",
                       description="Serve the web app. Without --production: Django's "
                       "development server. With --production: gunicorn, for a reverse proxy "
                       "to forward to (docs/deploy.md).")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--production", action="store_true",
                   help="serve with gunicorn (needs YJHUB_DEBUG off and collected static files)")
    p.add_argument("--workers", type=int, default=None,
                   help="gunicorn worker processes (default: processors + 1, at least 2)")
    p.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    p.set_defaults(handler=handle)


def handle(args):
    if args.production:
        return _production(args)
    django_setup()
    from django.core.management import call_command

    print(f"yjhub is serving on http://{args.host}:{args.port}/  (Ctrl-C to stop)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


def default_workers() -> int:
    """Processors + 1: each worker's threads wait on the database most of the time, so a few
    threads per process use the processors without a process per request."""
    return max(2, (os.cpu_count() or 1) + 1)


def gunicorn_argv(*, host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "yjhub.config.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--timeout", "60", "--graceful-timeout", "30",
        # A fresh worker now and then, so a slow leak never grows.
        "--max-requests", "2000", "--max-requests-jitter", "200",
        "--access-logfile", "-", "--error-logfile", "-",
        "--no-control-socket",
    ]


def _production(args) -> int:
    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be 1 or more, not {args.workers}")
    if args.threads < 1:
        raise UserError(f"--threads must be 1 or more, not {args.threads}")
    django_setup()
    from django.conf import settings

    if settings.DEBUG:
        raise UserError("--production needs YJHUB_DEBUG off (unset it or set it to 0)")
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        raise UserError(f"no collected static files in {settings.STATIC_ROOT}: run "
                        "`yjhub manage collectstatic --noinput` first")
    argv = gunicorn_argv(host=args.host, port=args.port,
                         workers=args.workers or default_workers(), threads=args.threads)
    print(f"yjhub (gunicorn) is serving on http://{args.host}:{args.port}/", flush=True)
    os.execv(argv[0], argv)  # gunicorn takes over this process (signals, exit code)
    return 0  # not reached
