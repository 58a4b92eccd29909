"""The text pipeline: a text becomes search terms, the same way for the documents and for the queries.

A word is stemmed with the Snowball stemmer of its script (PyStemmer: the same Arabic and English stemmers
as PostgreSQL's `arabic` and `english` text-search configurations, so `بالرباط` → `رباط`, `للسجينات` →
`سجين`, `liberals` → `liber`), then folded (`text.normalize`). Arabic is stemmed before folding: the stemmer
reads the taa marbuta and hamza forms that folding would erase.

A term is made of letters and digits only, so that the terms are also the tokens both databases' full-text
tokenizers find (PostgreSQL's parser with the `simple` configuration, FTS5's `unicode61`), and a query is
words, never syntax: quotes, `-`, `OR`, `NEAR`, `*`, `^` or parentheses are just text, dropped with the other
punctuation.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

import Stemmer

from .text import ARABIC_MARKS, ARABIC_PREFIXES, normalize

WORDS = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Words too common to search for, in both languages (folded). A query made only of them finds nothing.
ENGLISH_STOPWORDS = "a an and are as at be by for from in is it its of on or the to with"
ARABIC_STOPWORDS = "في من على إلى الى عن مع أو او أن ان هو هي التي الذي ذلك هذا هذه و"
STOPWORDS = frozenset(normalize(word) for word in f"{ENGLISH_STOPWORDS} {ARABIC_STOPWORDS}".split())
# Folded before stemming, so that a word typed without its hamza stems like the word with it ("المراة",
# "المرأة"); the taa marbuta stays for the stemmer, which takes feminine endings off with it.
_PREFOLDS = str.maketrans("أإآٱؤئى", "ااااويي")
_local = threading.local()  # PyStemmer's stemmers are not safe to share between threads


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


def _prefold(word: str) -> str:
    return word.translate(_PREFOLDS)


def words(text: str) -> list[str]:
    """The words of `text`, marks removed, unfolded (the stemmer reads them so)."""
    if not text:
        return []
    return WORDS.findall(ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text)))


@functools.lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The search term of one word (see `words`): stemmed for its script, then folded. Empty for a stop word
    or a single letter."""
    folded = normalize(word)
    if folded in STOPWORDS or len(folded) < 2:
        return ""
    if _ARABIC.search(word):
        # "والمغرب", "فالنساء": the stemmer takes "ال" off, but not a conjunction before it.
        if len(word) > 4 and word[0] in "وف" and word[1:3] == "ال":
            word = word[1:]
        stemmed = normalize(_stemmer("arabic").stemWord(_prefold(word)))
    elif folded.isalpha():
        stemmed = _stemmer("english").stemWord(folded)
    else:
        stemmed = folded
    return " ".join(WORDS.findall(stemmed))  # folding can split a word ("ﬁ"→"fi" is fine, "½" is not)


def document(text: str) -> str:
    """The terms of a text to index, space-separated, in order."""
    return " ".join(t for word in words(text) if (t := term(word)))


def query(text: str) -> list[tuple[str, ...]]:
    """What a visitor's query asks for: for each word, the terms any of which matches it. A word written with
    a one-letter prefix the stemmer may keep ("ببنغازي") also matches the word without it, and one ending in
    haa the word with a taa marbuta."""
    asked = []
    for word in words(text):
        terms = [term(word)]
        if _ARABIC.search(word):
            if len(word) > 4 and word[0] in ARABIC_PREFIXES:
                terms.append(term(word[1:]))
            if word.endswith("ه"):  # a taa marbuta typed as haa ("المراه")
                terms.append(term(word[:-1] + "ة"))
        alternatives = tuple(dict.fromkeys(t for t in terms if t and " " not in t))
        if alternatives and alternatives not in asked:
            asked.append(alternatives)
    return asked


def asked(text: str, redactor=None) -> list[tuple[str, ...]]:
    """`query(text)` once the names of people who are not public are taken out of it (by `redactor`, the
    request's `public.redactor()`): searching a withheld name finds nothing, even before the search index has
    caught up with the change (a `QuerySet.update()`)."""
    if redactor is None:
        from .. import public  # the visibility layer reads the models, which read this module

        redactor = public.redactor()
    return query(redactor(text, " "))
