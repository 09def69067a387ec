"""The gazetteer: partner cities, neighbourhoods and postcodes become places; the postcode loader."""

import pytest
from django.core.management import CommandError, call_command

from tests.volunteering.test_views import published
from values.network.models import Organisation
from values.volunteering.models import Postcode
from values.volunteering.places import Place, load_postcodes, locate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["Cesena", "  cesena ", "City of Cesena", "Comune di Cesena"])
def test_a_partner_city_is_found_by_its_name_key_or_organisation_name(programme, text):
    assert locate(text, programme) == Place("Cesena", 44.139, 12.243)


def test_a_city_name_is_found_without_its_accents(programme):
    assert locate("Riga", programme) == Place("Rīga", 56.95, 24.105)


def test_a_neighbourhood_is_at_the_mean_of_its_opportunities_positions(programme):
    published(programme, neighbourhood="Oltresavio", latitude=44.13, longitude=12.25)
    published(programme, neighbourhood="oltresavio", latitude=44.15, longitude=12.27)

    assert locate("Oltresavio", programme) == Place("Oltresavio, Cesena", 44.14, 12.26)


def test_a_neighbourhood_without_positions_is_at_its_citys_centre(programme):
    published(programme, neighbourhood="Vigne")

    assert locate("Vigne", programme) == Place("Vigne, Cesena", 44.139, 12.243)


def test_a_drafts_neighbourhood_is_not_a_place(programme):
    from tests.volunteering.test_services import offer

    offer(programme, neighbourhood="Secret garden", latitude=44.1, longitude=12.2)

    assert locate("Secret garden", programme) is None


def test_a_neighbourhood_of_two_cities_is_ambiguous_until_the_city_is_named(programme):
    turin = Organisation.objects.get(key="turin")
    published(programme, neighbourhood="Centro", latitude=44.14, longitude=12.24)
    published(programme, neighbourhood="Centro", latitude=45.07, longitude=7.69, city=turin, organisation=turin)

    assert locate("Centro", programme) is None
    assert locate("Centro, Torino", programme) == Place("Centro, Torino", 45.07, 7.69)


def test_a_postcode_is_found_in_the_countries_of_the_partner_cities(programme):
    Postcode.objects.create(country="IT", code="47521", label="Cesena", latitude=44.145, longitude=12.248)
    Postcode.objects.create(country="US", code="90210", label="Beverly Hills", latitude=34.1, longitude=-118.4)

    assert locate("47521", programme) == Place("47521 Cesena", 44.145, 12.248)
    assert locate("90210", programme) is None


def test_a_postcode_of_two_countries_needs_its_country_before_it(programme):
    Postcode.objects.create(country="LV", code="1001", label="Rīga", latitude=56.96, longitude=24.13)
    Postcode.objects.create(country="BE", code="1001", label="", latitude=50.85, longitude=4.35)

    assert locate("1001", programme) is None
    assert locate("LV-1001", programme) == Place("1001 Rīga", 56.96, 24.13)
    assert locate("be 1001", programme) == Place("BE 1001", 50.85, 4.35)


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "00000"])
def test_an_unknown_text_is_no_place(programme, text):
    assert locate(text, programme) is None


CSV = """country,code,latitude,longitude,label
IT,47521,44.145,12.248,Cesena
lv,LV-1001,56.96,24.13,Rīga
SE,100 04,59.33,18.06,
"""


def test_loaded_postcodes_are_kept_in_capitals_without_spaces_or_country_prefix():
    loaded = load_postcodes(CSV)

    assert (loaded.added, loaded.updated, loaded.problems) == (3, 0, ())
    assert list(Postcode.objects.values_list("country", "code", "label")) == [
        ("IT", "47521", "Cesena"), ("LV", "1001", "Rīga"), ("SE", "10004", "")
    ]  # fmt: skip


def test_loading_again_updates_a_countrys_code():
    load_postcodes(CSV)

    loaded = load_postcodes("country,code,latitude,longitude,label\nIT,47521,44.2,12.3,Cesena centro\n")

    assert (loaded.added, loaded.updated) == (0, 1)
    assert Postcode.objects.get(country="IT", code="47521").label == "Cesena centro"


def test_a_file_with_bad_rows_names_each_by_its_row_and_loads_nothing():
    text = """country,code,latitude,longitude
IT,47521,44.145,12.248
XX,1,91,12
IT,47 521,44,12
DE,,50,abc
"""

    loaded = load_postcodes(text)

    assert loaded.problems == (
        "row 3, country: an ISO 3166-1 alpha-2 code, such as IT",
        "row 3, latitude: a number from -90 to 90",
        "row 4, code: IT 47521 is already on row 2",
        "row 5, code: from 1 to 12 characters",
        "row 5, longitude: a number from -180 to 180",
    )
    assert Postcode.objects.count() == 0


def test_a_file_without_the_columns_is_refused():
    assert load_postcodes("country;code\nIT;47521\n").problems == (
        "row 1: the columns country, code, latitude, longitude are missing",
    )


def test_the_command_loads_a_file_and_says_how_many(tmp_path, capsys):
    file = tmp_path / "postcodes.csv"
    file.write_text(CSV, encoding="utf-8")

    call_command("load_postcodes", str(file))

    assert capsys.readouterr().out == "Postcodes added: 3, updated: 0\n"
    assert Postcode.objects.count() == 3


def test_the_command_prints_the_errors_and_fails(tmp_path, capsys):
    file = tmp_path / "postcodes.csv"
    file.write_text("country,code,latitude,longitude\nIT,47521,99,12\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 error"):
        call_command("load_postcodes", str(file))

    assert capsys.readouterr().out == f"{file}: row 2, latitude: a number from -90 to 90\n"
    assert Postcode.objects.count() == 0
