"""Control characters: the one rule for what the directory accepts as text, wherever text comes in.

Refused: the C0 control characters but tab, line feed and carriage return; DEL and the C1 controls
(U+007F–U+009F); unpaired surrogates; and the non-characters U+FFFE and U+FFFF. No name, quote or description
means one: they come from terminals, PDFs and text decoded in the wrong encoding (C1 controls are mostly
Windows-1252 quotes read as Latin-1), and they are invisible on the page. XML 1.0 cannot hold the C0 ones and
the two non-characters, so one of them in any row made `manage.py backup` fail; YAML, the seed files' format,
refuses all of them but NEL (U+0085), which we refuse too: a line break is written as a line feed.

Applied by `TextOnly.clean_fields` (every directory model's `full_clean()`: the admin's forms and inlines, the
spreadsheet import, `load_seeds`), by the users' and groups' admin forms (`accounts.py`), by
`seed_files.decode` (the seed files' bytes) and by migration 0012, which removed them from the rows written
before.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SURROGATES = (0xD800, 0xDFFF)
# (first, last) code points of the characters that are not text.
NOT_TEXT_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), SURROGATES, (0xFFFE, 0xFFFF))
# Those a PostgreSQL text can hold (no NUL, no lone surrogate): what the migration looks for there.
STORABLE_RANGES = tuple(
    (max(first, 1), last) for first, last in NOT_TEXT_RANGES if (first, last) != SURROGATES
)


def character_class(ranges) -> str:
    """`[\\uXXXX-\\uXXXX…]`: read alike by Python's `re` and PostgreSQL's regular expressions."""
    return "[" + "".join(f"\\u{first:04X}-\\u{last:04X}" for first, last in sorted(ranges)) + "]"


NOT_TEXT = re.compile(character_class(NOT_TEXT_RANGES))


def without_controls(value: str) -> str:
    return NOT_TEXT.sub("", value)


def validate_text(value) -> None:
    """A ValidationError naming the first character of `value` that is not text, and where it is."""
    if isinstance(value, str) and (match := NOT_TEXT.search(value)):
        raise ValidationError(
            _(
                "Remove the control character U+%(code)s at position %(position)s: a text may hold no "
                "control characters but tab and line breaks."
            ),
            code="control_character",
            params={"code": f"{ord(match.group()):04X}", "position": match.start() + 1},
        )


class TextOnly(models.Model):
    """Every text column of the model is held to `validate_text` by `full_clean()`, whichever form, file or
    command fills it; the error is on the field (both languages of a translated field are fields)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        fields = self._meta.concrete_fields
        # modeltranslation's untranslated `name` reads `name_ar` or `name_en`, which are checked themselves.
        translated = {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
        for field in fields:
            if field.name in errors or field.name in translated or (exclude and field.name in exclude):
                continue
            try:
                validate_text(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
