"""Tests for extract.gazetteer: built-in names, acronyms, demonyms and capitals of states."""

from __future__ import annotations

from collections import defaultdict
from importlib.resources import files

import pytest

from extract import gazetteer
from extract.gazetteer import (
    COLUMNS,
    Country,
    acronym_key,
    countries,
    countries_for_capital,
    countries_for_demonym,
    country_for_capital,
    country_for_demonym,
    country_named,
    is_country_name,
    name_key,
)

# A sample of current UN members and observers, spelled as the UN lists them.
UN_SAMPLE = [
    "Afghanistan",
    "Bahamas",
    "Cabo Verde",
    "Czechia",
    "Democratic Republic of the Congo",
    "Eswatini",
    "Holy See",
    "Micronesia",
    "North Macedonia",
    "Palestine",
    "Republic of Korea",
    "Democratic People's Republic of Korea",
    "Russian Federation",
    "Sao Tome and Principe",
    "Timor-Leste",
    "Türkiye",
    "United Republic of Tanzania",
    "Viet Nam",
    "Zimbabwe",
]


def name_of(country: Country | None) -> str | None:
    return None if country is None else country.name


# --- the data file ---------------------------------------------------------------------------


def test_gazetteer_tsv_has_the_documented_header() -> None:
    text = (files("extract") / "data" / "countries.tsv").read_text(encoding="utf-8")
    assert tuple(text.splitlines()[0].split("\t")) == COLUMNS


def test_gazetteer_loads_at_least_190_rows() -> None:
    assert len(countries()) >= 190
    assert sum(not c.historical for c in countries()) >= 195


def test_gazetteer_is_loaded_once() -> None:
    assert countries() is countries()


def test_gazetteer_every_row_has_a_name_and_names_are_unique() -> None:
    names = [c.name for c in countries()]
    assert all(name and name == name.strip() for name in names)
    assert len(names) == len(set(names))


def test_gazetteer_fields_are_clean() -> None:
    for country in countries():
        for field in (country.aliases, country.acronyms, country.demonyms, country.capitals):
            assert all(value and value == value.strip() and "|" not in value for value in field)
        # Demonyms are capitalised in English, and acronyms are not plain words.
        assert all(d[:1].isupper() for d in country.demonyms), country.name
        assert all(not a.islower() for a in country.acronyms), country.name


def test_gazetteer_no_name_alias_or_acronym_is_shared_by_two_rows() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    for country in countries():
        for value in (country.name, *country.aliases):
            names[name_key(value)].add(country.name)
        for value in country.acronyms:
            acronyms[acronym_key(value)].add(country.name)
    assert {k: v for k, v in names.items() if len(v) > 1} == {}
    assert {k: v for k, v in acronyms.items() if len(v) > 1} == {}


def test_gazetteer_demonyms_are_never_names() -> None:
    for country in countries():
        for demonym in country.demonyms:
            assert country_named(demonym) is None, demonym


@pytest.mark.parametrize("name", UN_SAMPLE)
def test_gazetteer_covers_un_members_and_observers(name: str) -> None:
    country = country_named(name)
    assert country is not None
    assert not country.historical


def test_gazetteer_rejects_a_malformed_file() -> None:
    header = "\t".join(COLUMNS)
    with pytest.raises(ValueError):
        gazetteer._parse("name\taliases\n")
    with pytest.raises(ValueError):
        gazetteer._parse(header + "\nJapan\t\t\t\t\n")
    with pytest.raises(ValueError):
        gazetteer._parse(header + "\nJapan\t\t\t\t\tmaybe\n")
    with pytest.raises(ValueError):
        gazetteer._parse(header + "\n\tNippon\t\t\t\tno\n")


def test_gazetteer_parses_empty_fields_as_empty_tuples() -> None:
    header = "\t".join(COLUMNS)
    (row,) = gazetteer._parse(header + "\nAtlantis\t\t\tAtlantean\t\tyes\t\n")
    assert row == Country("Atlantis", (), (), ("Atlantean",), (), True)


# --- names and aliases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Soviet Union",
        "United States",
        "United Kingdom",
        "Japan",
        "Germany",
        "China",
        "Mongolia",
        "Taiwan",
        "Korea",
        "North Korea",
        "South Korea",
        "Manchukuo",
        "Mengjiang",
        "Austria-Hungary",
        "Ottoman Empire",
        "Qing dynasty",
        "Georgia",
        "Chad",
    ],
)
def test_gazetteer_finds_by_name(name: str) -> None:
    assert name_of(country_named(name)) == name


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Union of Soviet Socialist Republics", "Soviet Union"),
        ("Soviet Russia", "Soviet Union"),
        ("United States of America", "United States"),
        ("America", "United States"),
        ("the States", "United States"),
        ("Great Britain", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("England", "England"),
        ("Empire of Japan", "Japan"),
        ("Imperial Japan", "Japan"),
        ("Land of the Rising Sun", "Japan"),
        ("Third Reich", "Germany"),
        ("Nazi Germany", "Germany"),
        ("German Empire", "Germany"),
        ("People's Republic of China", "China"),
        ("Republic of China", "China"),
        ("Formosa", "Taiwan"),
        ("Mongolian People's Republic", "Mongolia"),
        ("Outer Mongolia", "Mongolia"),
        ("Korean Empire", "Korea"),
        ("Joseon", "Korea"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Republic of Korea", "South Korea"),
        ("Persia", "Iran"),
        ("Siam", "Thailand"),
        ("Burma", "Myanmar"),
        ("Ceylon", "Sri Lanka"),
        ("Zaire", "Democratic Republic of the Congo"),
        ("Vichy France", "France"),
        ("Kingdom of Italy", "Italy"),
        ("Sardinia-Piedmont", "Kingdom of Sardinia"),
        ("Transvaal", "South African Republic"),
        ("Hawaiian Kingdom", "Kingdom of Hawaii"),
        ("Confederacy", "Confederate States of America"),
        ("Sublime Porte", "Ottoman Empire"),
        ("Dual Monarchy", "Austria-Hungary"),
        ("Abyssinia", "Ethiopia"),
        ("Holland", "Netherlands"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Holy See", "Vatican City"),
        ("Tannu Tuva", "Tuvan People's Republic"),
    ],
)
def test_gazetteer_finds_by_alias(alias: str, expected: str) -> None:
    assert name_of(country_named(alias)) == expected


@pytest.mark.parametrize(
    ("acronym", "expected"),
    [
        ("USSR", "Soviet Union"),
        ("U.S.S.R.", "Soviet Union"),
        ("SSSR", "Soviet Union"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("U.S.A.", "United States"),
        ("U. S.", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("PRC", "China"),
        ("P.R.C.", "China"),
        ("ROC", "China"),
        ("DPRK", "North Korea"),
        ("ROK", "South Korea"),
        ("FRG", "West Germany"),
        ("GDR", "East Germany"),
        ("DRC", "Democratic Republic of the Congo"),
        ("UAE", "United Arab Emirates"),
        ("CSA", "Confederate States of America"),
        ("MPR", "Mongolia"),
        ("ČSSR", "Czechoslovakia"),
        ("CSSR", "Czechoslovakia"),
        ("BiH", "Bosnia and Herzegovina"),
    ],
)
def test_gazetteer_finds_by_acronym_with_and_without_dots(acronym: str, expected: str) -> None:
    assert name_of(country_named(acronym)) == expected


@pytest.mark.parametrize("text", ["us", "Us", "u.s.", "uk", "usa", "ussr", "prc", "bih", "BIH"])
def test_gazetteer_acronyms_must_match_case(text: str) -> None:
    assert country_named(text) is None
    assert not is_country_name(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soviet union", "Soviet Union"),
        ("SOVIET UNION", "Soviet Union"),
        ("japan", "Japan"),
        ("united states of america", "United States"),
        ("the third reich", "Germany"),
    ],
)
def test_gazetteer_names_are_case_insensitive(text: str, expected: str) -> None:
    assert name_of(country_named(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Soviet Union", "Soviet Union"),
        ("The Soviet Union", "Soviet Union"),
        ("the United States", "United States"),
        ("the US", "United States"),
        ("the U.S.", "United States"),
        ("the USSR", "Soviet Union"),
        ("the Netherlands", "Netherlands"),
        ("The Gambia", "Gambia"),
        ("the Philippines", "Philippines"),
        ("  the   Soviet  Union ", "Soviet Union"),
    ],
)
def test_gazetteer_ignores_a_leading_the(text: str, expected: str) -> None:
    assert name_of(country_named(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("São Tomé and Príncipe", "São Tomé and Príncipe"),
        ("Sao Tome and Principe", "São Tomé and Príncipe"),
        ("Turkiye", "Turkey"),
        ("Türkiye", "Turkey"),
        ("Eire", "Ireland"),
        ("Éire", "Ireland"),
        ("Dai Nam", "Vietnam"),
        ("Đại Nam", "Vietnam"),
        ("Austria–Hungary", "Austria-Hungary"),
        ("Austria Hungary", "Austria-Hungary"),
        ("Polish-Lithuanian Commonwealth", "Polish–Lithuanian Commonwealth"),
        ("St Lucia", "Saint Lucia"),
    ],
)
def test_gazetteer_ignores_accents_and_punctuation_variants(text: str, expected: str) -> None:
    assert name_of(country_named(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Soviets",
        "Soviets",
        "Japanese",
        "the Japanese",
        "Americans",
        "Mongols",
        "States",
        "Tokyo",
        "Moscow",
        "Kwantung Army",
        "Atlantis",
        "",
        "   ",
        "the",
        "the ",
    ],
)
def test_gazetteer_other_words_are_not_country_names(text: str) -> None:
    assert country_named(text) is None
    assert not is_country_name(text)


@pytest.mark.parametrize("text", ["Soviet Union", "the USSR", "U.S.", "Burma", "Manchukuo"])
def test_gazetteer_is_country_name(text: str) -> None:
    assert is_country_name(text)


# --- demonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Japanese", "Japan"),
        ("Soviet", "Soviet Union"),
        ("Soviets", "Soviet Union"),
        ("the Soviets", "Soviet Union"),
        ("The Japanese", "Japan"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Britons", "United Kingdom"),
        ("English", "England"),
        ("Chinese", "China"),
        ("Taiwanese", "Taiwan"),
        ("Mongolian", "Mongolia"),
        ("Mongolians", "Mongolia"),
        ("Mongol", "Mongolia"),
        ("Mongols", "Mongolia"),
        ("Finnish", "Finland"),
        ("Finns", "Finland"),
        ("Polish", "Poland"),
        ("Poles", "Poland"),
        ("North Korean", "North Korea"),
        ("South Vietnamese", "South Vietnam"),
        ("East German", "East Germany"),
        ("Ottoman", "Ottoman Empire"),
        ("Austro-Hungarian", "Austria-Hungary"),
        ("Prussian", "Prussia"),
        ("Persian", "Iran"),
        ("Siamese", "Thailand"),
        ("Burmese", "Myanmar"),
        ("Ivorian", "Côte d'Ivoire"),
        ("Burkinabe", "Burkina Faso"),
        ("Burkinabé", "Burkina Faso"),
        ("Monegasque", "Monaco"),
        ("Confederates", "Confederate States of America"),
        ("Tibetan", "Tibet"),
    ],
)
def test_gazetteer_finds_by_demonym(word: str, expected: str) -> None:
    assert name_of(country_for_demonym(word)) == expected


@pytest.mark.parametrize(
    "word", ["japanese", "soviets", "the soviets", "american", "polish", "mongol", "", "the"]
)
def test_gazetteer_demonyms_must_be_capitalised(word: str) -> None:
    assert country_for_demonym(word) is None
    assert countries_for_demonym(word) == ()


@pytest.mark.parametrize("word", ["Japan", "Soviet Union", "US", "USA", "Tokyo", "Atlantean"])
def test_gazetteer_names_are_not_demonyms(word: str) -> None:
    assert country_for_demonym(word) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # The umbrella row wins over its compass-qualified parts.
        ("Korean", ["Korea", "North Korea", "South Korea"]),
        ("Koreans", ["Korea", "North Korea", "South Korea"]),
        ("German", ["Germany", "East Germany", "West Germany"]),
        ("Germans", ["Germany", "East Germany", "West Germany"]),
        ("Vietnamese", ["Vietnam", "South Vietnam", "North Vietnam"]),
        ("Yemeni", ["Yemen", "North Yemen", "South Yemen"]),
        # Then a current state before a historical one.
        ("Russian", ["Russia", "Russian Empire"]),
        # Then file order (current states alphabetically).
        ("Congolese", ["Democratic Republic of the Congo", "Republic of the Congo"]),
        # Unshared.
        ("Chinese", ["China"]),
    ],
)
def test_gazetteer_resolves_shared_demonyms(word: str, expected: list[str]) -> None:
    assert [c.name for c in countries_for_demonym(word)] == expected
    assert name_of(country_for_demonym(word)) == expected[0]


# --- capitals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Tokyo", "Japan"),
        ("tokyo", "Japan"),
        ("Washington", "United States"),
        ("Washington, D.C.", "United States"),
        ("Washington DC", "United States"),
        ("London", "United Kingdom"),
        ("Ulaanbaatar", "Mongolia"),
        ("Ulan Bator", "Mongolia"),
        ("Chongqing", "China"),
        ("Chungking", "China"),
        ("Taipei", "Taiwan"),
        ("Hsinking", "Manchukuo"),
        ("Kalgan", "Mengjiang"),
        ("The Hague", "Netherlands"),
        ("Bogota", "Colombia"),
        ("Bogotá", "Colombia"),
        ("Yamoussoukro", "Côte d'Ivoire"),
        ("Saigon", "South Vietnam"),
        ("Bonn", "West Germany"),
        ("East Berlin", "East Germany"),
        ("Lhasa", "Tibet"),
        ("Richmond", "Confederate States of America"),
        ("Petrograd", "Russian Empire"),
    ],
)
def test_gazetteer_finds_by_capital(city: str, expected: str) -> None:
    assert name_of(country_for_capital(city)) == expected


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Berlin", ["Germany", "Prussia", "North German Confederation"]),
        ("Hanoi", ["Vietnam", "North Vietnam"]),
        ("Moscow", ["Russia", "Soviet Union"]),
        ("Beijing", ["China", "Qing dynasty"]),
        ("Vienna", ["Austria", "Austria-Hungary"]),
        ("Belgrade", ["Serbia", "Yugoslavia"]),
        ("Constantinople", ["Ottoman Empire", "Byzantine Empire"]),
    ],
)
def test_gazetteer_resolves_shared_capitals(city: str, expected: list[str]) -> None:
    assert [c.name for c in countries_for_capital(city)] == expected
    assert name_of(country_for_capital(city)) == expected[0]


@pytest.mark.parametrize("city", ["Atlantis", "Springfield", "", "the"])
def test_gazetteer_unknown_capitals(city: str) -> None:
    assert country_for_capital(city) is None
    assert countries_for_capital(city) == ()


# --- the historical flag ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "historical"),
    [
        ("Soviet Union", True),
        ("Russian Empire", True),
        ("Austria-Hungary", True),
        ("Ottoman Empire", True),
        ("Prussia", True),
        ("Yugoslavia", True),
        ("Czechoslovakia", True),
        ("East Germany", True),
        ("West Germany", True),
        ("Qing dynasty", True),
        ("Manchukuo", True),
        ("Mengjiang", True),
        ("Korea", True),
        ("South Vietnam", True),
        ("North Vietnam", True),
        ("Rhodesia", True),
        ("Tibet", True),
        ("Kingdom of Hawaii", True),
        ("Orange Free State", True),
        ("Byzantine Empire", True),
        ("Mughal Empire", True),
        ("Holy Roman Empire", True),
        ("Confederate States of America", True),
        ("Russia", False),
        ("Japan", False),
        ("Germany", False),
        ("China", False),
        ("Taiwan", False),
        ("Mongolia", False),
        ("North Korea", False),
        ("South Korea", False),
        ("Vietnam", False),
        ("Zimbabwe", False),
        ("Vatican City", False),
    ],
)
def test_gazetteer_historical_flag(name: str, historical: bool) -> None:
    country = country_named(name)
    assert country is not None
    assert country.historical is historical


# Historical states the gazetteer knows by their own name, not today's state's:
# England (A09 Agincourt, A11 Bosworth, A13 Armada), the Persian Empire (A01, C02, C03).
@pytest.mark.parametrize(
    ("demonym", "state"),
    [("English", "England"), ("Englishmen", "England"), ("British", "United Kingdom"),
     ("Franks", "Francia"), ("Hittites", "Hittite Empire")],
)  # fmt: skip
def test_gazetteer_historical_demonyms(demonym: str, state: str) -> None:
    assert gazetteer.country_for_demonym(demonym).name == state  # type: ignore[union-attr]


def test_gazetteer_turks_are_also_the_ottoman_empire() -> None:
    """ "The Turks" of the sieges of Malta and Vienna and of Lepanto and Constantinople
    (F01, J03, J02, A10) are the Ottoman Empire, which each of those articles names; an
    article that names no Ottoman state keeps today's Turkey ("Turkish troops landed
    in Cyprus in 1974")."""
    names = [c.name for c in gazetteer.countries_for_demonym("Turks")]
    assert names == ["Turkey", "Ottoman Empire"]
    assert gazetteer.country_for_demonym("Turkish").name == "Turkey"  # type: ignore[union-attr]
    assert gazetteer.country_named("Turkish") is None


def test_gazetteer_england_is_not_the_united_kingdom() -> None:
    assert gazetteer.country_named("England").name == "England"  # type: ignore[union-attr]
    assert gazetteer.country_named("Great Britain").name == "United Kingdom"  # type: ignore[union-attr]
    # Shared demonyms keep today's state first; the article's named state decides.
    names = [c.name for c in gazetteer.countries_for_demonym("Persians")]
    assert names == ["Iran", "Persian Empire"]
