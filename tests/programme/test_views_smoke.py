import pytest


@pytest.mark.django_db
def test_home_page_in_english_shows_the_programme(client, programme):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "Volunteering Activities to Leverage Urban and European Social integration of migrants" in response.text
