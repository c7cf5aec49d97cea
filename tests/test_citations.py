"""Citations in their written variants map to one resource each."""
from kg.citations import find_citations


def keys(text, hyphenated=None):
    return [c.key for c in find_citations(text, hyphenated)]


def test_kamerstuk_variants_map_to_the_official_identifier():
    assert keys("motie-Veltman (Kamerstuk 28 638, nr. 240)") == ["citation/kst-28638-240"]
    assert keys("Kamerstukken II 2022/23, 28 638, nr. 233") == ["citation/kst-28638-233"]
    assert keys("(Kamerstukken 28 638 en 34 193, nr. 173)") == ["citation/kst-28638-173"]
    assert keys("Kamerstukken II 2011/12, 31 839, 28 638, nr. 166.") == ["citation/kst-31839-166"]
    assert keys("motie-Veldkamp c.s. (Kamerstuk 36 410 VI, nr. 85)") == ["citation/kst-36410-vi-85"]


def test_aanhangsel_ecli_bwb_articles_directives():
    assert keys("Aanhangsel Handelingen II 2018/19, nr. 3449") == ["citation/ah-tk-20182019-3449"]
    assert keys("Aanhangsel Handelingen, vergaderjaar 2012–2013, nr. 903") == ["citation/ah-tk-20122013-903"]
    assert keys("Hof Arnhem-Leeuwarden, 22 juni 2018, ECLI:GHARL:2018:5772.") == ["citation/ecli-gharl-2018-5772"]
    assert keys("https://wetten.overheid.nl/ BWBR0037773/2016-04-01") == [
        "citation/url-wetten-overheid-nl-bwbr0037773-2016-04-01", "citation/bwbr0037773"]
    assert keys("artikel 273f Sr en 273g Sr, artikel 160 van het Wetboek van Strafvordering") == [
        "instrument/sr-273f", "instrument/sr-273g", "instrument/sv-160"]
    assert keys("Richtlijn 2011/36/EU inzake voorkoming") == ["instrument/richtlijn-2011-36-eu"]
    assert keys("Om 10 uur en 2 miljoen euro") == []


def test_urls_keep_a_hyphen_broken_over_a_line():
    [url] = find_citations("zie https://www.hetckm.nl/rapportklanten/.", "zie https://www.hetckm.nl/rapport-klanten/.")
    assert url.identifier == "https://www.hetckm.nl/rapport-klanten/"
    assert keys("www.tweedekamer.nl") == ["citation/url-tweedekamer-nl"]


def test_a_url_broken_after_a_slash_continues_on_the_next_line():
    [url, _] = find_citations("via https://wetten.overheid.nl/\n\nBWBR0037773/2016-04-01.")
    assert url.identifier == "https://wetten.overheid.nl/BWBR0037773/2016-04-01"
    [url] = find_citations("zie www.comensha.nl/ Het is")
    assert url.identifier == "https://www.comensha.nl/"


def test_one_identifier_rule_for_citations_and_a_paper_naming_itself():
    from kg.identifiers import aanhangsel_id, kamerstuk_id
    from kg.ingest.metadata import detect

    assert kamerstuk_id("36 410 VI", "85") == "kst-36410-VI-85" and aanhangsel_id("2013", "14", "2336") == "ah-tk-20132014-2336"
    assert keys("(Aanhangsel Handelingen II, 2013/14, nr. 2336)") == ["citation/ah-tk-20132014-2336"]
    footer = "Tekst van de brief.\nTweede Kamer, vergaderjaar 2023–2024, 36 410 VI, nr. 85 1"
    [cited] = find_citations("Kamerstuk 36 410 VI, nr. 85")
    assert detect(footer).identifier == cited.identifier == "kst-36410-VI-85"


def test_a_sub_dossier_is_part_of_the_identifier_cited_or_own():
    from kg.ingest.metadata import detect

    assert keys("de brief (Kamerstuk 21 501-31, nr. 322);") == ["citation/kst-21501-31-322"]
    own = detect("21 501-31 Raad voor de Werkgelegenheid\n\nNr. 329 VERSLAG VAN EEN ALGEMEEN OVERLEG\n\nVastgesteld 27 januari 2014\n")
    assert own.identifier == "kst-21501-31-329"
