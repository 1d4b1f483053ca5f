"""``yjhub serve [--port N]``: serve the web app on this machine (development server)."""

from yjhub.cli.main import django_setup


def add_parser(sub):
    p = sub.add_parser("serve", help="serve the web app on http://127.0.0.1:PORT")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.set_defaults(handler=handle)


def handle(args):
    django_setup()
    from django.core.management import call_command

    print(f"yjhub is serving on http://{args.host}:{args.port}/  (Ctrl-C to stop)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0
