"""Kazakh query forms for the site search. Pure functions, no MkDocs.

Pagefind (the site search) stems English and Russian but has no Kazakh stemmer. What it
does for every language is *prefix* matching: a query word finds every indexed word that
starts with it. So the page index is left as it is, and a Kazakh query word is cut back
to its stem before it is searched: «жиналыстарға» and «жиналысты» become «жиналыс»,
which Pagefind extends to «жиналыс», «жиналысқа», «жиналыстардың» … on the page.

Kazakh adds endings in a fixed order (plural, possessive, case), so the stem is found by
stripping known inflectional endings from the end of the word, longest first, again and
again, as long as a plausible stem (``MIN_STEM`` letters with a vowel, or a known short
root such as «іс») remains. Derivational endings (-лық, -шы, -сыз …) are kept: they make
new words. Over-stripping costs a little precision, never a hit, because the stem stays
a prefix of every form of the word.

Two sound changes hide a stem from a prefix search, and both get a second variant:

* a final қ/к/п turns into ғ/г/б before a vowel: «бостандық» / «бостандығы»,
  «азап» / «азабы»; the stem is written with қ/к/п and searched in both forms;
* a few roots lose a vowel before a vowel ending: «халық» / «халқы», «ерік» / «еркі».

The browser runs the same algorithm (``docs/assets/site.js``) with the tables from
:func:`rules`, which the build puts into every Kazakh page; a browser test checks that
both give the same answers.
"""

from __future__ import annotations

import itertools
import re

VOWELS = frozenset("аәеёиоөуұүыіэюя")

# Inflectional endings, by kind; both vowel-harmony variants, all consonant assimilations.
ENDINGS: dict[str, tuple[str, ...]] = {
    "plural": ("лар", "лер", "дар", "дер", "тар", "тер"),
    "possessive": ("ы", "і", "сы", "сі", "ыңыз", "іңіз", "ңыз", "ңіз",
                   "ымыз", "іміз", "мыз", "міз"),
    "possessive+accusative": ("ын", "ін", "сын", "сін"),
    "genitive": ("ның", "нің", "дың", "дің", "тың", "тің"),
    "dative": ("ға", "ге", "қа", "ке", "на", "не"),
    "accusative": ("ны", "ні", "ды", "ді", "ты", "ті"),
    "locative": ("да", "де", "та", "те", "нда", "нде"),
    "ablative": ("дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден"),
    "instrumental": ("мен", "бен", "пен", "менен", "бенен", "пенен"),
    "relative": ("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),
    # verbs: the verbal noun (азаптау), past participle (азаптаған), present (азаптайды)
    "verb": ("у", "ған", "ген", "қан", "кен", "йды", "йді"),
}

# Longest first, so «жиналыстардан» loses «дан» rather than «н» … (no «н» here anyway).
SUFFIXES: tuple[str, ...] = tuple(sorted({s for group in ENDINGS.values() for s in group},
                                         key=lambda s: (-len(s), s)))

MIN_STEM = 3
SHORT_ROOTS = frozenset({"іс", "ел", "үй", "ой", "ар"})

# Final voiceless consonant of a stem -> its voiced form before a vowel ending.
VOICING = {"қ": "ғ", "к": "г", "п": "б"}
DEVOICING = {v: k for k, v in VOICING.items()}

# Roots that drop their last vowel before a vowel ending: full stem -> shortened stem.
ELISIONS = {
    "халық": "халқ",
    "ерік": "ерк",
    "орын": "орн",
    "ауыз": "ауз",
    "мұрын": "мұрн",
    "ерін": "ерн",
    "қарын": "қарн",
    "ойын": "ойн",
    "көрік": "көрк",
}
UNELISIONS = {v: k for k, v in ELISIONS.items()}

KAZAKH_WORD = re.compile(r"^[а-яёәғқңөұүһі]+$")
_EDGE_PUNCT = "«»\"'“”„()[]{}.,;:!?…"

MAX_VARIANTS = 4
MAX_QUERY = 200  # characters of a query that are searched (site.js cuts it there too)

# What JavaScript's /\s+/ splits on (site.js), so that both split a query alike.
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def _stem_ok(stem: str) -> bool:
    return stem in SHORT_ROOTS or (len(stem) >= MIN_STEM and any(c in VOWELS for c in stem))


def stem(word: str) -> str:
    """The stem of one Kazakh word, lower-cased, with a final қ/к/п restored.

    Words with anything but Cyrillic letters (numbers, Latin, symbols) come back
    lower-cased and otherwise unchanged.
    """
    w = word.lower()
    if not KAZAKH_WORD.match(w):
        return w
    stripped = False
    while True:
        for suffix in SUFFIXES:
            if w.endswith(suffix) and _stem_ok(w[: -len(suffix)]):
                w = w[: -len(suffix)]
                stripped = True
                break
        else:
            break
    if stripped and w[-1] in DEVOICING:
        w = w[:-1] + DEVOICING[w[-1]]
    return w


def variants(word: str) -> list[str]:
    """The forms to search for one query word: its stem, then the stem as it is
    written before a vowel ending, if that differs (бостандық → бостандығ, халық → халқ)."""
    s = stem(word)
    out = [s]
    if s in UNELISIONS:
        out.append(UNELISIONS[s])
    if s in ELISIONS:
        out.append(ELISIONS[s])
    if KAZAKH_WORD.match(s) and s[-1] in VOICING:
        out.append(s[:-1] + VOICING[s[-1]])
    return list(dict.fromkeys(out))


def _is_ending(text: str) -> bool:
    """True if ``text`` is made only of inflectional endings («лардың», «ның»)."""
    while text:
        for suffix in SUFFIXES:
            if text.endswith(suffix):
                text = text[: -len(suffix)]
                break
        else:
            return False
    return True


def words(query: str) -> list[str]:
    """The words of a query: split on spaces, edge punctuation off, and endings written
    after a hyphen dropped («ҮЕҰ-лардың» → «ҮЕҰ»); other hyphenated words are kept whole."""
    out = []
    for token in _SPACE.split(query):
        token = token.strip(_EDGE_PUNCT)
        head, hyphen, tail = token.rpartition("-")
        if hyphen and head and _is_ending(tail.lower()):
            token = head
        if token:
            out.append(token)
    return out


def query_variants(query: str, limit: int = MAX_VARIANTS) -> list[str]:
    """Whole queries to run, best first: every combination of the words' variants,
    at most ``limit`` of them, made lazily (linear in the query, which is cut to
    ``MAX_QUERY`` characters). An empty query gives an empty list."""
    per_word = [variants(w) for w in words(query[:MAX_QUERY])]
    if not per_word:
        return []
    combos = itertools.islice(itertools.product(*per_word), limit)
    return [" ".join(c) for c in combos]


def rules() -> dict:
    """Everything the browser needs to run the same algorithm (JSON-serialisable)."""
    return {
        "suffixes": list(SUFFIXES),
        "minStem": MIN_STEM,
        "shortRoots": sorted(SHORT_ROOTS),
        "vowels": "".join(sorted(VOWELS)),
        "voicing": VOICING,
        "elisions": ELISIONS,
        "maxVariants": MAX_VARIANTS,
        "maxQuery": MAX_QUERY,
        "punctuation": _EDGE_PUNCT,
    }
