"""Folding: one normalizer, applied both to what is searched and to the visitor's query, so that "المراة"
finds "المرأة", "الائتلاف" finds "الإئتلاف" and "Beni Mellal" finds "Béni Mellal". The stored `search_text`
of people and goals (a `LIKE` on the folded column) and the organizations' full-text terms (`terms.py`) both
go through it; the redactor uses it to find a name however it is spelled.
"""

import itertools
import re
import sys
import unicodedata

# Alef with hamza above/below, madda, wasla → bare alef; alef maqsura → yaa; taa marbuta → haa;
# hamza on waw/yaa → waw/yaa. Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits.
# Applied with str.replace, one pair at a time: on 320 characters of Arabic the 28 replaces took about 2 µs
# and str.translate, which looks every character up in a dict, 25 µs (it matters where many texts are folded:
# exported quotes, the demo data's search texts).
_ARABIC_FOLDS = [
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    *((chr(0x0660 + d), str(d)) for d in range(10)),
    *((chr(0x06F0 + d), str(d)) for d in range(10)),
]
# One-letter Arabic prefixes written joined to the next word: and, so, with, for, as ("وفاطمة", "بالرباط").
ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك")
# Harakat and other marks (U+064B–U+065F), superscript alef (U+0670), tatweel (U+0640).
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _character_class(codes: list[int]) -> re.Pattern:
    """`[a-b…]` matching exactly these code points (given in increasing order)."""
    ranges, start = [], codes[0]
    for previous, code in itertools.pairwise([*codes, -1]):
        if code != previous + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
    return re.compile("[" + "".join(ranges) + "]")


# Every character with a non-zero canonical combining class (`unicodedata.combining`), removed with a regular
# expression: several times faster than testing character by character. Those past U+FFFF have their own
# class, used only when a text has such characters: a class that holds them is tested range by range,
# ten times slower.
_COMBINING = [code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))]
_COMBINING_MARKS = _character_class([code for code in _COMBINING if code <= 0xFFFF])
_ASTRAL_COMBINING_MARKS = _character_class([code for code in _COMBINING if code > 0xFFFF])
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _equivalents() -> dict[str, str]:
    """{folded character: every character that folds to it}, for Latin letters with their accented forms,
    Arabic letters with their variants, and digits."""
    table: dict[str, set[str]] = {}
    codes = [*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)]
    codes += [*range(0x0621, 0x064B), 0x0671, *range(0x0660, 0x066A), *range(0x06F0, 0x06FA)]
    for code in codes:
        folded = normalize(chr(code))
        if len(folded) == 1:
            table.setdefault(folded, {folded}).add(chr(code))
    return {key: "".join(sorted(chars)) for key, chars in table.items()}


def name_pattern(name: str) -> str:
    """A regular expression that finds `name` in a text however it is spelled there: any Arabic letter
    variant, marks or tatweel between letters, Latin accents and case, any spacing. No word boundaries:
    an Arabic name often follows a prefix (و، ل، ب), and over-matching is the safe side for redaction."""
    words = []
    for word in normalize(name).split():
        letters = ["[" + re.escape(_EQUIVALENTS.get(char, char)) + "]" for char in word]
        words.append(f"{ARABIC_MARKS.pattern}*".join(letters))
    return r"\s+".join(words)


def normalize(text: str) -> str:
    """Fold a text for matching: Arabic letter variants and marks, Latin accents, case, spacing."""
    if not text:
        return ""
    text = ARABIC_MARKS.sub("", text)
    for variant, letter in _ARABIC_FOLDS:
        text = text.replace(variant, letter)
    # Latin accents: decompose and drop combining marks (Arabic marks are gone already). A text already in
    # that form (most, once the Arabic variants are folded) is only checked, several times quicker.
    if not unicodedata.is_normalized("NFKD", text):
        text = unicodedata.normalize("NFKD", text)
    text = _COMBINING_MARKS.sub("", text)
    if _ASTRAL.search(text):
        text = _ASTRAL_COMBINING_MARKS.sub("", text)
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.split())


_EQUIVALENTS = _equivalents()
