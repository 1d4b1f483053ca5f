import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests/web, then tests/e2e, last.

    tests/web loads the demo service into the test database once, for the rest of the session
    (see tests/web/conftest.py). pytest-django orders the database tests (plain ones first, then
    transactional ones), which would put other modules' transactional tests after the web tests,
    on a database that is no longer empty. Moving the web tests to the end, in their own order,
    keeps every other test on the database it expects.

    tests/e2e come after them: Playwright runs an event loop in the test process while its
    browser is open, and Django refuses database calls from a thread with a running loop.
    """
    def group(item) -> int:
        path = item.path.as_posix()
        return 2 if "tests/e2e/" in path else 1 if "tests/web/" in path else 0

    items.sort(key=group)  # stable: each group keeps its order
