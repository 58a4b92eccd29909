"""A new source in one step: the editor pastes a document's text or uploads it (.txt or .html, read as text
only), fills in the source's record, and lands on its workbench (`workbench.py`).

An uploaded file is read as UTF-8 text, at most `MAX_DOCUMENT_BYTES`; HTML is reduced to its text (tags
dropped, scripts and styles with their content, line breaks where blocks end, entities decoded). The text is
held to the directory's rule for text (`controls.validate_text`: no control characters). The language is
suggested from the text's letters when the editor leaves it to the form.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .controls import validate_text
from .models import DatePrecision, Language, Source
from .workbench import text_direction

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_CHARACTERS = 1_000_000
TEXT_FILES = {".txt": "text", ".html": "html", ".htm": "html"}

# The Arabic script's letters (Arabic, its supplements and presentation forms).
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def suggested_language(text: str) -> str:
    """ "ar" when most of the text's letters are in the Arabic script, else "en"."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if ARABIC_LETTER.match(c))
    return Language.ARABIC if letters and arabic * 2 >= len(letters) else Language.ENGLISH


class _TextOfHTML(HTMLParser):
    """The text a reader sees in an HTML document: data outside script, style and the head; a line break
    where a block starts or ends; whitespace folded within a line (kept in <pre>)."""

    SKIPPED = {"script", "style", "template", "noscript", "head", "svg", "math"}
    BLOCKS = {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "table", "td", "th", "title", "tr", "ul"),
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.preformatted = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIPPED
        self.preformatted += tag == "pre"
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag == "pre":
            self.preformatted = max(0, self.preformatted - 1)
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data if self.preformatted else re.sub(r"\s+", " ", data))


def text_of_html(html: str) -> str:
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_document(upload) -> str:
    """The text of an uploaded .txt or .html file; a ValidationError saying what is wrong with it."""
    kind = TEXT_FILES.get(PurePath(upload.name or "").suffix.lower())
    if kind is None:
        raise ValidationError(_("Upload a .txt or .html file."), code="file_type")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="file_size",
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text: save it as UTF-8 and upload it again."), code="encoding"
        ) from None
    return text_of_html(text) if kind == "html" else text


def formfield(db_field, **kwargs):
    """As the admin's forms have them: addresses typed without a scheme are https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewSourceForm(forms.ModelForm):
    """The source's record (the admin's fields) and its text, pasted or uploaded."""

    text = forms.CharField(
        label=gettext_lazy("The document's text"),
        required=False,
        strip=False,
        max_length=MAX_DOCUMENT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Paste the whole document, as it is published."),
    )
    upload = forms.FileField(
        label=gettext_lazy("Or a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
        help_text=gettext_lazy("A .txt or .html file in UTF-8, read as text only (up to 2 MB)."),
    )
    language = forms.ChoiceField(
        label=capfirst(Source._meta.get_field("language").verbose_name),
        choices=[("", gettext_lazy("Suggest it from the text")), *Language.choices],
        required=False,
    )

    class Meta:
        model = Source
        fields = [
            *("title_ar", "title_en", "slug", "kind", "language", "publisher_ar", "publisher_en"),
            *("author_ar", "author_en", "published_on", "published_on_precision", "url", "archive_url"),
            *("accessed_on", "note_ar", "note_en"),
        ]
        widgets = {
            "published_on": date_input(),
            "accessed_on": date_input(),
            "note_ar": forms.Textarea(attrs={"rows": 3}),
            "note_en": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = formfield

    field_order = ["text", "upload"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Empty: made from the English title.")
        self.fields["text"].widget.attrs["dir"] = "auto"
        for name, field in self.fields.items():
            if name.endswith(("_ar", "_en")):  # each language's field reads in its direction
                field.widget.attrs.update(text_direction(name[-2:]))
        self.read_text = None  # the uploaded file's text, once read and found to be text

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text") or "", cleaned.get("upload")
        if upload and text.strip():
            self.add_error("upload", _("Paste the text or upload a file, not both."))
            return cleaned
        if upload:
            try:
                text = read_document(upload)
            except ValidationError as error:
                self.add_error("upload", error)
                return cleaned
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        field = "upload" if upload else "text"
        if not text:
            self.add_error(field, _("Paste the document's text or upload it as a file."))
            return cleaned
        try:
            validate_text(text)
        except ValidationError as error:
            self.add_error(field, error)
            return cleaned
        self.instance.full_text = text
        if upload:
            self.read_text = text
        if not cleaned.get("language"):
            cleaned["language"] = suggested_language(text)
            self.suggested = True
        if not (cleaned.get("title_ar") or "").strip() and not (cleaned.get("title_en") or "").strip():
            self.add_error("title_ar", _("Give the source a title, in Arabic, in English or in both."))
        if not cleaned.get("slug"):
            cleaned["slug"] = free_slug(slugify(cleaned.get("title_en") or "") or "source")
        at_precision(cleaned, "published_on")
        return cleaned


def at_precision(cleaned: dict, name: str) -> None:
    """A month or year is stored as its first day: any day of it may be given."""
    date, precision = cleaned.get(name), cleaned.get(f"{name}_precision")
    if date and precision == DatePrecision.MONTH:
        cleaned[name] = date.replace(day=1)
    elif date and precision == DatePrecision.YEAR:
        cleaned[name] = date.replace(month=1, day=1)


def free_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`… whichever no source has yet."""
    base = base[:90]
    taken = set(Source.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def new_from_text(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = NewSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            source = form.save()
            model_admin.log_addition(request, source, [{"added": {}}])
            message = _("The source “%(source)s” was added. Cite its passages below.") % {"source": source}
            if getattr(form, "suggested", False):
                message += " " + _(
                    "Its language, %(language)s, was suggested from the text: change it on the source's page "
                    "if it is wrong."
                ) % {"language": source.get_language_display()}
            messages.success(request, message)
            return HttpResponseRedirect(reverse("admin:networks_source_workbench", args=[source.pk]))
        if form.read_text is not None:  # the file was read: its text stays in the form, not uploaded again
            data = request.POST.copy()
            data["text"] = form.read_text
            form = NewSourceForm(data)
            form.is_valid()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Source._meta,
        "title": _("A new source from its text"),
        "form": form,
    }
    return TemplateResponse(request, "admin/networks/source/new_from_text.html", context)
