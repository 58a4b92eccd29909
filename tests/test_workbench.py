"""The source workbench (networks/workbench.py) and a new source from a document's text
(networks/new_source.py): the seeded sources' cited passages marked with the facts that cite them, the share
of sentences cited, a goal made from a passage, the quote-in-source check (live, on the workbench's form and
in the admin's forms), the new-source page with pasted and uploaded text and bad files refused, and who may
open them."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from networks import new_source
from networks.models import (
    Body,
    Citation,
    Event,
    Goal,
    Membership,
    Organization,
    Person,
    Publication,
    Relation,
    Source,
)
from networks.passages import fold_whitespace, is_passage
from networks.sources import folded_keeping_lines
from networks.workbench import CITING, Passage, coverage, facts_citing, marked, sentences
from tests.admin_helpers import admin_url, form_data
from tests.builders import make_organization, make_source

pytestmark = pytest.mark.django_db

DEFENDERS_SOURCE = "defenders-libya-self-description"
UNCITED_EN = (
    "Advocacy inspired by collective attitudes is a major influence on the national and international scene"
)


class TextAndMarks(HTMLParser):
    """The workbench's text region as its characters, each with whether it is inside a <mark>; the
    passage links' hrefs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the text region
        self.marked = 0
        self.chars: list[tuple[str, bool]] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("id") == "workbench-text":
            self.depth = 1
        elif self.depth:
            self.depth += tag == "div"
            self.marked += tag == "mark"
            if tag == "a":
                self.refs.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth:
            self.marked -= tag == "mark"
            self.depth -= tag == "div"

    def handle_data(self, data):
        if self.depth:
            self.chars += [(c, self.marked > 0) for c in data]

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)

    def all_marked(self, start: int, end: int) -> bool:
        return all(marked for _, marked in self.chars[start:end])


def text_and_marks(response) -> TextAndMarks:
    parser = TextAndMarks()
    parser.feed(response.content.decode())
    return parser


def workbench_url(source, language="en"):
    return admin_url("networks_source_workbench", source.pk, language=language)


def test_the_facts_citing_a_source_are_read_from_the_models():
    assert set(CITING) == {
        Organization,
        Person,
        Citation,
        Body,
        Membership,
        Event,
        Goal,
        Relation,
        Publication,
    }


def test_a_passage_is_the_seeds_loaders_rule_whitespace_folded():
    text = "تأسست الشبكة\n\n  يوم السبت. The  network"
    assert is_passage("الشبكة يوم", text) and is_passage(" The network\n", text)
    assert not is_passage("the network", text)  # letters as written
    assert not is_passage("  \n", text) and not is_passage("", text)


def test_sentences_end_at_stops_question_marks_semicolons_and_line_breaks():
    text = "One. Two? ثلاثة؟ أربعة؛ five\n6. Six\n  Seven"
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "One.",
        "Two?",
        "ثلاثة؟",
        "أربعة؛",
        "five",
        "Six",  # "6." is no sentence
        "Seven",
    ]


def test_a_passage_over_two_sentences_covers_both():
    text = "One. Two. Three. Four."
    passage = Passage(1, "Two. Three", text.index("Two"))
    assert coverage(text, [passage]).cited == 2
    assert coverage(text, [passage]).percent == 50
    assert coverage("", []).percent == 0


class TestSeededSources:
    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_every_cited_passage_is_marked_and_links_to_its_facts(self, client, superuser, seeded, language):
        client.force_login(superuser)
        for source in Source.objects.all():
            response = client.get(workbench_url(source, language))
            assert response.status_code == 200
            page = response.content.decode()
            region = text_and_marks(response)
            # The text shown is the source's, its whitespace folded (line breaks kept).
            assert region.text == folded_keeping_lines(source.full_text)
            searched = region.text.replace("\n", " ")
            facts = facts_citing(source)
            assert facts, source
            for fact in facts:
                quote = fold_whitespace(fact.quote)
                start = searched.find(quote)
                assert start >= 0, fact
                assert region.all_marked(start, start + len(quote)), fact
                assert f'href="{fact.url}"' in page, fact
            shown = marked(source, facts)
            assert not shown.not_found
            assert {f"#passage-{p.number}" for p in shown.passages} == set(region.refs)
            for passage in shown.passages:  # each passage's "In the text" link has its target
                assert page.count(f'id="passage-text-{passage.number}"') == 1
                assert page.count(f'href="#passage-text-{passage.number}"') == 1
            assert len(re.findall(r'<li id="passage-\d+"', page)) == len(shown.passages)

    def test_every_row_citing_a_source_is_listed_with_its_admin_link(self, seeded):
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        expected = {
            reverse(f"admin:networks_{model._meta.model_name}_change", args=[pk])
            for model in CITING
            for pk in model.objects.filter(source=source).values_list("pk", flat=True)
        }
        assert {fact.url for fact in facts_citing(source)} == expected
        assert any("/goal/" in url for url in expected) and any("/citation/" in url for url in expected)

    def test_the_share_of_cited_sentences_is_shown(self, client, superuser, seeded):
        client.force_login(superuser)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        shown = marked(source, facts_citing(source))
        figure = coverage(shown.text, shown.passages)
        assert 0 < figure.cited < figure.total
        # Counted by hand: the sentence that is left uncited.
        uncited = [shown.text[a:b] for a, b in sentences(shown.text)]
        assert any(UNCITED_EN in sentence for sentence in uncited)
        response = client.get(workbench_url(source))
        text = f"{figure.cited} of {figure.total} sentences hold a cited passage ({figure.percent}%)."
        assert text in response.content.decode()
        assert f'<meter min="0" max="{figure.total}" value="{figure.cited}"' in response.content.decode()

    def test_the_arabic_source_is_shown_right_to_left(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.filter(language="ar").first()
        page = client.get(workbench_url(source, "en")).content.decode()
        assert 'id="workbench-text" class="workbench-text" lang="ar" dir="rtl"' in page
        assert '<textarea name="quote" cols="40" rows="4" class="workbench-quote" lang="ar" dir="rtl"' in page


class TestAGoalFromAPassage:
    def post_goal(self, client, source, organization, quote, **fields):
        return client.post(
            workbench_url(source),
            {"quote": quote, "organization": organization.pk, "kind": "activity", "text_en": "Advocacy"}
            | fields,
        )

    def test_a_goal_is_created_with_its_quote_and_marked_on_the_page(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        organization = Organization.objects.get(slug="defenders-libya")
        last = (
            Goal.objects.filter(organization=organization, kind="activity", event=None)
            .order_by("order")
            .last()
        )
        quote = UNCITED_EN.replace(" ", "\n  ", 2)  # copied with other line breaks: still the passage
        before = client.get(workbench_url(source))
        start = before.content.decode().count('<li id="passage-')

        response = self.post_goal(client, source, organization, quote)
        assert response.status_code == 302 and response.url == workbench_url(source)
        goal = Goal.objects.get(organization=organization, quote=quote)
        assert (goal.source, goal.kind, goal.text_en, goal.order) == (
            source,
            "activity",
            "Advocacy",
            last.order + 1,
        )
        assert goal.history.get().history_user == editor
        assert LogEntry.objects.get(object_id=str(goal.pk), action_flag=ADDITION).user == editor

        after = client.get(workbench_url(source))
        page = after.content.decode()
        assert page.count('<li id="passage-') == start + 1
        assert f'href="{reverse("admin:networks_goal_change", args=[goal.pk])}"' in page
        region = text_and_marks(after)
        at = region.text.replace("\n", " ").index(UNCITED_EN)
        assert region.all_marked(at, at + len(UNCITED_EN))
        assert "was added" in page  # the message, with a link to the goal

        # On the organization's public page, with its quote.
        public = client.get(
            reverse("networks:organization_detail", args=[organization.slug])
        ).content.decode()
        assert "Advocacy" in public and UNCITED_EN in fold_whitespace(public)

    def test_a_quote_that_is_not_a_passage_is_a_form_error(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        organization = Organization.objects.get(slug="defenders-libya")
        response = self.post_goal(client, source, organization, "Advocacy inspired by nobody")
        assert response.status_code == 200
        assert "not a passage of the source" in str(response.context["form"].errors["quote"])
        assert not Goal.objects.filter(text_en="Advocacy").exists()

    def test_a_goal_needs_its_text_and_an_order_not_taken(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        organization = Organization.objects.get(slug="defenders-libya")
        response = self.post_goal(client, source, organization, UNCITED_EN, text_en="", order=1)
        errors = response.context["form"].errors
        assert "text_ar" in errors
        response = self.post_goal(client, source, organization, UNCITED_EN, order=1)
        assert response.status_code == 200 and response.context["form"].errors  # order 1 is taken
        assert not Goal.objects.filter(text_en="Advocacy").exists()

    def test_the_live_check_says_whether_a_quote_is_a_passage(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        url = admin_url("networks_source_workbench_check", source.pk)
        assert client.post(url, {"quote": f"  {UNCITED_EN}\n"}).json()["passage"] is True
        answer = client.post(url, {"quote": "inspired by nobody"}).json()
        assert answer["passage"] is False and "not a passage" in answer["message"]
        assert client.post(url, {"quote": " "}).json()["passage"] is False
        assert client.get(url, {"quote": UNCITED_EN}).status_code == 405

    def test_the_links_open_the_other_facts_forms_with_the_source_and_passage(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        page = client.get(workbench_url(source)).content.decode()
        for model in ("citation", "membership", "event", "organization", "person"):
            assert f'href="{reverse(f"admin:networks_{model}_add")}?source={source.pk}"' in page, model
        assert f'href="{reverse("admin:networks_citation_add")}?source={source.pk}&amp;field=areas"' in page
        assert f'href="{reverse("admin:networks_place_add")}" data-base-href' in page
        assert 'data-param="name_en"' in page

        # What the script makes of a link once a passage is chosen: the add form has it as its quote.
        response = client.get(
            reverse("admin:networks_citation_add"),
            {"source": source.pk, "field": "areas", "quote": UNCITED_EN},
        )
        form = response.context["adminform"].form
        assert (form.initial["source"], form.initial["field"], form.initial["quote"]) == (
            str(source.pk),
            "areas",
            UNCITED_EN,
        )


class TestTheAdminChecksQuotes:
    def test_a_fact_saved_in_the_admin_quotes_a_passage_of_its_source(self, client, superuser, seeded):
        client.force_login(superuser)
        goal = Goal.objects.filter(source__slug=DEFENDERS_SOURCE).first()
        url = admin_url("networks_goal_change", goal.pk)
        data = form_data(client.get(url))
        response = client.post(url, data | {"quote": "words the source does not hold"})
        assert response.status_code == 200
        assert "not a passage of the source" in str(response.context["adminform"].form.errors["quote"])
        assert client.post(url, data).status_code == 302  # unchanged: saved

    def test_an_inline_fact_is_checked_too(self, client, superuser, seeded):
        client.force_login(superuser)
        person = Person.objects.filter(memberships__isnull=False).order_by("slug").first()
        url = admin_url("networks_person_change", person.pk)  # its memberships are inline
        data = form_data(client.get(url))
        key = next(k for k in data if k.endswith("-0-quote"))
        response = client.post(url, data | {key: "words the source does not hold"})
        assert response.status_code == 200
        errors = [f.errors for formset in response.context["inline_admin_formsets"] for f in formset.formset]
        assert any("quote" in e and "not a passage" in str(e["quote"]) for e in errors)

    def test_a_citation_added_from_the_workbench_link_is_checked(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        organization = Organization.objects.get(slug="defenders-libya")
        data = {
            "organization": organization.pk,
            "field": "slogan",
            "source": source.pk,
            "derivation": "stated",
        }
        response = client.post(admin_url("networks_citation_add"), data | {"quote": "not in the text"})
        assert response.status_code == 200
        assert not Citation.objects.filter(organization=organization, field="slogan").exists()
        response = client.post(admin_url("networks_citation_add"), data | {"quote": UNCITED_EN})
        assert response.status_code == 302
        assert Citation.objects.get(organization=organization, field="slogan").quote == UNCITED_EN


class TestLinksToTheWorkbench:
    def test_the_change_page_and_the_list_link_to_it(self, client, editor, seeded):
        client.force_login(editor)
        source = Source.objects.get(slug=DEFENDERS_SOURCE)
        workbench = workbench_url(source)
        assert (
            f'href="{workbench}"'
            in client.get(admin_url("networks_source_change", source.pk)).content.decode()
        )
        listing = client.get(admin_url("networks_source_changelist")).content.decode()
        assert f'href="{workbench}"' in listing
        assert f'href="{admin_url("networks_source_new_from_text")}"' in listing


# --- A new source in one step -----------------------------------------------------------------------------

ARABIC_TEXT = "تأسست الشبكة يوم السبت بالرباط.\nوتهدف إلى تعزيز حقوق المرأة."
RECORD = {"title_en": "A new report", "kind": "report", "published_on_precision": "unknown"}


def new_source_url(language="en"):
    return admin_url("networks_source_new_from_text", language=language)


def upload(name: str, content: bytes, content_type="text/plain"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class TestANewSource:
    def test_pasted_arabic_text_makes_an_arabic_source_and_opens_its_workbench(self, client, editor):
        client.force_login(editor)
        response = client.post(new_source_url(), RECORD | {"text": f"\r\n{ARABIC_TEXT}\r\n", "language": ""})
        source = Source.objects.get(title_en="A new report")
        assert response.status_code == 302 and response.url == workbench_url(source)
        assert (source.language, source.full_text, source.slug, source.kind) == (
            "ar",
            ARABIC_TEXT,
            "a-new-report",
            "report",
        )
        assert source.history.get().history_user == editor
        page = client.get(response.url).content.decode()
        assert "was suggested from the text" in page
        assert "0 of 2 sentences hold a cited passage (0%)." in page

    def test_the_editor_may_choose_the_language_and_the_date_is_kept_at_its_precision(self, client, editor):
        client.force_login(editor)
        data = RECORD | {"text": ARABIC_TEXT, "language": "en", "slug": "mine"}
        data |= {"published_on": "2017-09-16", "published_on_precision": "month"}
        assert client.post(new_source_url(), data).status_code == 302
        source = Source.objects.get(slug="mine")
        assert source.language == "en" and source.published_display == "2017-09"

    def test_a_taken_slug_gets_a_number(self, client, editor):
        client.force_login(editor)
        make_source(slug="a-new-report")
        client.post(new_source_url(), RECORD | {"text": "Some text."})
        assert Source.objects.filter(slug="a-new-report-2").exists()

    def test_a_txt_file_is_read_as_its_text(self, client, editor):
        client.force_login(editor)
        text = "The network was founded in Tunis.\nIt defends women's rights."
        response = client.post(
            new_source_url(), RECORD | {"upload": upload("report.txt", b"\xef\xbb\xbf" + text.encode())}
        )
        assert response.status_code == 302
        source = Source.objects.get(title_en="A new report")
        assert (source.full_text, source.language) == (text, "en")

    def test_an_html_file_is_read_as_text_only(self, client, editor):
        client.force_login(editor)
        html = (
            "<!doctype html><html><head><title>Page</title><style>p { color: red }</style>"
            "<script>alert('x')</script></head><body><h1>Réseau &amp; femmes</h1>"
            "<p>تأسست   الشبكة<br>في <b>الرباط</b>.</p><ul><li>One</li><li>Two</li></ul>"
            '<img src="x.png" onerror="alert(1)"></body></html>'
        )
        response = client.post(
            new_source_url(), RECORD | {"upload": upload("page.HTML", html.encode(), "text/html")}
        )
        assert response.status_code == 302
        source = Source.objects.get(title_en="A new report")
        assert source.full_text == "Réseau & femmes\n\nتأسست الشبكة\nفي الرباط.\n\nOne\n\nTwo"
        assert source.language == "ar"

    @pytest.mark.parametrize(
        "data, field, message",
        [
            ({"upload": ("doc.pdf", b"%PDF-1.4")}, "upload", "Upload a .txt or .html file."),
            ({"upload": ("doc.txt", "نص".encode("cp1256"))}, "upload", "not UTF-8 text"),
            ({"upload": ("doc.txt", b"text\x1b[31m")}, "upload", "control character U+001B"),
            ({"upload": ("doc.html", b"<p>a\x01b</p>")}, "upload", "control character U+0001"),
            ({"upload": ("doc.txt", b"   \n")}, "upload", "Paste the document's text or upload it"),
            ({"upload": ("doc.html", b"<script>only()</script>")}, "upload", "Paste the document's text"),
            ({"text": "a\x85b"}, "text", "control character U+0085"),
            ({}, "text", "Paste the document's text or upload it"),
            ({"text": "x", "upload": ("doc.txt", b"y")}, "upload", "not both"),
            ({"text": "x", "title_en": ""}, "title_ar", "Give the source a title"),
            ({"text": "x", "published_on": "2017-02-30"}, "published_on", "valid date"),
            ({"text": "x", "published_on": "2017-02-03"}, "__all__", "must match its precision"),
            ({"text": "x", "url": "javascript:alert(1)"}, "url", "valid URL"),
            ({"text": "x", "title_en": "a\x00b"}, "title_en", "Null characters"),
        ],
    )
    def test_bad_input_is_a_form_error_and_writes_nothing(self, client, editor, data, field, message):
        client.force_login(editor)
        data = dict(data)
        if "upload" in data:
            data["upload"] = upload(*data["upload"])
        response = client.post(new_source_url(), RECORD | data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert message in " ".join(errors.get(field, [])), errors
        assert not Source.objects.exists()

    def test_a_file_too_large_is_refused(self, client, editor, monkeypatch):
        client.force_login(editor)
        monkeypatch.setattr(new_source, "MAX_DOCUMENT_BYTES", 10)
        response = client.post(new_source_url(), RECORD | {"upload": upload("doc.txt", b"x" * 11)})
        assert "larger than" in str(response.context["form"].errors["upload"])
        assert not Source.objects.exists()

    def test_a_file_read_stays_in_the_form_when_another_field_is_wrong(self, client, editor):
        client.force_login(editor)
        response = client.post(
            new_source_url(), RECORD | {"title_en": "", "upload": upload("doc.txt", b"Read.")}
        )
        form = response.context["form"]
        assert "title_ar" in form.errors and form["text"].value() == "Read."

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_the_page_opens_in_both_languages(self, client, superuser, language):
        client.force_login(superuser)
        response = client.get(new_source_url(language))
        assert response.status_code == 200
        assert (
            f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"'
            in response.content.decode()
        )
        assert 'enctype="multipart/form-data"' in response.content.decode()


class TestWhoMayUseIt:
    def pages(self, source):
        return [workbench_url(source), new_source_url(), workbench_url(source, "ar")]

    def test_editors_and_superusers_may(self, client, editor, superuser):
        source = make_source()
        for user in (editor, superuser):
            client.force_login(user)
            for url in self.pages(source):
                assert client.get(url).status_code == 200, (user, url)

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, client):
        source = make_source()
        for url in self.pages(source):
            response = client.get(url)
            assert response.status_code == 302 and "/login/" in response.url, url
        check = admin_url("networks_source_workbench_check", source.pk)
        response = client.post(check, {"quote": "x"})
        assert response.status_code == 302 and "/login/" in response.url
        assert client.post(workbench_url(source), {"quote": "x"}).status_code == 302
        assert not Goal.objects.exists()

    def test_staff_without_the_permissions_may_not(self, client):
        staff = User.objects.create_user("staff", password="pw-staff-1", is_staff=True)
        client.force_login(staff)
        source = make_source()
        for url in self.pages(source):
            assert client.get(url).status_code == 403, url
        organization = make_organization()
        response = client.post(workbench_url(source), {"quote": "نص", "organization": organization.pk})
        assert response.status_code == 403

    def test_a_source_that_does_not_exist_is_a_404(self, client, editor):
        client.force_login(editor)
        with translation.override("en"):
            url = reverse("admin:networks_source_workbench", args=[999999])
        assert client.get(url).status_code == 404
