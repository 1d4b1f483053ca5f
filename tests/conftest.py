import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests/web last.

    tests/web loads the demo service into the test database once, for the rest of the session
    (see tests/web/conftest.py). pytest-django orders the database tests (plain ones first, then
    transactional ones), which would put other modules' transactional tests after the web tests,
    on a database that is no longer empty. Moving the web tests to the end, in their own order,
    keeps every other test on the database it expects.
    """
    def is_web(item) -> bool:
        return "tests/web/" in item.path.as_posix()

    items[:] = [i for i in items if not is_web(i)] + [i for i in items if is_web(i)]
