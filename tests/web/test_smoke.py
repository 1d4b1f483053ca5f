import pytest

pytestmark = pytest.mark.django_db


def test_home_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_navigation_follows_role(client_as):
    page = client_as("board_member").get("/").content.decode()
    assert "Indicators" in page
    assert "Caseload" not in page
