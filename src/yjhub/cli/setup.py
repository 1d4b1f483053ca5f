"""``yjhub setup [--demo]``: make the database ready to use.

Applies migrations and loads the bank holidays of England and Wales. With ``--demo``, when the
database holds no children yet, generates the demo service's synthetic data and loads it through
the importer (as a real service's exports would be), computes the indicator figures the web
app's pages show (when missing or out of date), then makes one login per role. The demo logins'
passwords and authenticator keys (TOTP, base32) are written to ``var/demo-logins.txt`` (readable
only by you) and printed; ``yjhub otp-code demo-...`` prints a login's current code.
"""

from __future__ import annotations

import getpass

from yjhub.cli.main import UserError, django_setup

DEMO_SEED = 20061


def add_parser(sub):
    p = sub.add_parser("setup", help="migrate the database; --demo loads demo data and logins")
    p.add_argument("--demo", action="store_true", help="load the demo service and logins")
    p.set_defaults(handler=handle)


def handle(args):
    django_setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(f"Database ready: {settings.DATABASES['default']['NAME']}")
    from yjhub.casedata.services import bank_holidays_load

    added = bank_holidays_load()
    if added:
        print(f"Loaded {added} bank holidays of England and Wales.")
    if args.demo:
        _load_demo(settings)
        _refresh_figures()
        from yjhub.boardreport.demo import board_demo_load
        for loaded in board_demo_load():
            print(f"Loaded the demo {loaded}.")
        _print_logins(settings)
    return 0


def _load_demo(settings):
    from yjhub.casedata.models import Child
    from yjhub.importing.services import import_run_create
    from yjhub.synthetic import generate

    if Child.objects.exists():
        print(f"Case data present ({Child.objects.count()} children): demo data not reloaded.")
        return
    folder = settings.VAR_DIR / "demo"
    print("Generating the demo service's synthetic data...")
    generate("demo", seed=DEMO_SEED, out=folder)
    print("Importing it...")
    result = import_run_create(path=folder, actor=f"{getpass.getuser()} (yjhub setup --demo)")
    if result.status != "loaded":
        raise UserError(f"the demo data did not import: {len(result.problems)} problems, "
                        f"see {result.report_path}")
    print(f"Loaded {Child.objects.count()} children.")


def _refresh_figures():
    """Computes the figures the web app's pages show (its results cache), when they are
    missing or older than the data."""
    from yjhub.performance.selectors import cache_state
    from yjhub.performance.services import RefreshRunning, results_refresh

    if not cache_state().stale:
        print("The indicator figures are up to date.")
        return
    print("Computing the indicator figures the web app shows...", flush=True)
    try:
        refresh = results_refresh(trigger="setup")
    except RefreshRunning as error:
        print(f"Not computed now: {error}.")
        return
    if refresh.status != "done":
        raise UserError(f"the indicator figures could not be computed: {refresh.error}")
    print(f"Computed {len(refresh.indicators)} indicators for {len(refresh.periods)} periods "
          f"in {refresh.seconds:.1f} s.")


def _print_logins(settings):
    from yjhub.accounts.services import demo_logins_ensure
    from yjhub.casedata.models import Staff

    practitioner = Staff.objects.filter(role="practitioner", end_date__isnull=True) \
        .order_by("staff_id").first()
    created = demo_logins_ensure(team_id=practitioner.team_id if practitioner else None,
                                 staff_id=practitioner.staff_id if practitioner else "")
    path = settings.VAR_DIR / "demo-logins.txt"
    if created:
        lines = [f"{d.username:<28} {d.password or '(unchanged)':<20} {d.totp_secret:<34} "
                 f"{d.role}" + (f" (team {d.team_id})" if d.team_id else "") for d in created]
        with path.open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        path.chmod(0o600)
    if path.exists():
        print("\nDemo logins (one per role; also in var/demo-logins.txt). Each signs in with its "
              "password, then a code:\nadd its authenticator key to an authenticator app, or run "
              "`YJHUB_DEBUG=1 yjhub otp-code USERNAME`.\n")
        print(f"{'username':<28} {'password':<20} {'authenticator key (base32)':<34} role")
        print(path.read_text(encoding="utf-8"))
