"""Kazakh query stemming (kzrights/site/search.py), with real inflected forms.

What the search needs: for a query word, one of its variants must be a prefix of every
form of the same word on a page (Pagefind matches prefixes), and it must not drift into
unrelated frequent words.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from kzrights.site.search import (KAZAKH_WORD, MAX_VARIANTS, query_variants, rules, stem, variants,
                             words)

# Forms of one word, as they occur in the site's Kazakh pages and ordinary usage.
LEXEMES = {
    "жиналыс (assembly)": ["жиналыс", "жиналыстар", "жиналысқа", "жиналысты", "жиналыстың",
                           "жиналыстарға", "жиналыстардың", "жиналыстарды", "жиналыстарда",
                           "жиналыстардан", "жиналыспен", "жиналысы"],
    "бостандық (freedom)": ["бостандық", "бостандығы", "бостандыққа", "бостандығына",
                            "бостандығын", "бостандығынан", "бостандықтар", "бостандықтың"],
    "азаптау (torture)": ["азаптау", "азаптауға", "азаптаудың", "азаптауды", "азаптаулар",
                          "азаптауларға", "азаптаған", "азаптайды", "азабы"],
    "құқық (right)": ["құқық", "құқығы", "құқықтар", "құқықтары", "құқықтарын",
                      "құқығын", "құқыққа", "құқығыңыз", "құқықтарыңызды"],
    "сот (court)": ["сот", "соттар", "сотқа", "соттың", "сотта", "соттан", "соттардың"],
    "адам (person)": ["адам", "адамдар", "адамның", "адамға", "адамдарды", "адамдардың"],
    "іс (case)": ["іс", "істер", "істің", "іске", "істі", "істерде"],
    "халық (people)": ["халық", "халқы", "халқының", "халыққа"],
    "митинг (rally)": ["митинг", "митингілер", "митингілерді", "митингке"],
    "пикет (picket)": ["пикет", "пикеттер", "пикетке", "пикеттерді"],
    "ұйым (organisation)": ["ұйым", "ұйымдар", "ұйымдардың", "ұйымға", "ұйымы"],
}


def finds(query_word: str, page_word: str) -> bool:
    """Would Pagefind's prefix match find ``page_word`` for ``query_word``?"""
    return any(page_word.lower().startswith(v) for v in variants(query_word))


@pytest.mark.parametrize("lexeme", LEXEMES)
def test_every_form_finds_every_other_form(lexeme):
    forms = LEXEMES[lexeme]
    misses = [(q, p) for q in forms for p in forms if not finds(q, p)]
    assert not misses, misses


@pytest.mark.parametrize("word, expected", [
    ("жиналыстарға", "жиналыс"),
    ("жиналысты", "жиналыс"),
    ("Жиналыстардың", "жиналыс"),
    ("бостандығы", "бостандық"),
    ("бостандығына", "бостандық"),
    ("азаптауға", "азап"),
    ("азаптаған", "азап"),
    ("құқығыңыз", "құқық"),
    ("Қазақстандағы", "қазақс"),
    ("істер", "іс"),
])
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("word", ["адам", "мен", "және", "үшін", "ету", "сана", "ата", "бас"])
def test_short_or_root_words_are_not_cut_to_nothing(word):
    assert len(stem(word)) >= 2 and word.startswith(stem(word))


def test_alternating_consonant_gives_both_spellings():
    assert variants("бостандығы") == ["бостандық", "бостандығ"]
    assert variants("азабы") == ["азап", "азаб"]
    assert variants("халқы")[:2] == ["халқ", "халық"]


def test_stems_do_not_reach_unrelated_frequent_words():
    # «азаптау» must not become «аза», which would find every «азамат» (citizen).
    for form in LEXEMES["азаптау (torture)"]:
        assert not any("азамат".startswith(v) for v in variants(form)), form
    assert not finds("құқықтары", "құрал")
    assert not finds("жиналыстарға", "жинақ")


@pytest.mark.parametrize("word", ["2022", "CCPR/C/KAZ/CO/2", "UN", "митинг-пикет"])
def test_non_kazakh_words_are_left_alone(word):
    assert stem(word) == word.lower()


def test_words_drop_hyphenated_endings_and_punctuation():
    assert words("«ҮЕҰ-лардың» баяндамасы,") == ["ҮЕҰ", "баяндамасы"]
    assert words("405-бап") == ["405-бап"]
    assert words("  ") == []


def test_query_variants():
    assert query_variants("бейбіт жиналыстарға") == ["бейбіт жиналыс"]
    assert query_variants("жиналыс бостандығы") == ["жиналыс бостандық", "жиналыс бостандығ"]
    assert query_variants("") == []
    many = query_variants("бостандық құқық азап халық")
    assert len(many) == MAX_VARIANTS and many[0] == "бостандық құқық азап халық"


def test_rules_are_json_for_the_browser():
    data = json.loads(json.dumps(rules(), ensure_ascii=False))
    assert data["suffixes"] == sorted(data["suffixes"], key=lambda s: (-len(s), s))
    assert data["minStem"] >= 2 and data["voicing"]["қ"] == "ғ"


kazakh_words = st.text(alphabet="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя", min_size=1,
                       max_size=16)


@given(kazakh_words)
def test_a_word_always_finds_itself(word):
    """Whatever is typed, the page that has exactly that word is found."""
    assert KAZAKH_WORD.match(word)
    assert finds(word, word)


@given(kazakh_words)
def test_variants_are_few_and_never_empty(word):
    found = variants(word)
    assert 1 <= len(found) <= 3 and all(found)
