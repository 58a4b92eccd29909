"""The editors' review queue (networks/review.py): recent changes with who and what, inferred facts until a
second editor confirms them, organizations not verified for long; for editors only, in both languages."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone, translation

from networks import review
from networks.models import (
    Cause,
    Citation,
    Confirmation,
    Derivation,
    Goal,
    Organization,
    Participation,
    Source,
)
from tests.admin_helpers import admin_url, form_data
from tests.builders import make_event, make_goal, make_membership, make_organization, make_person
from tests.test_settings import run_settings

pytestmark = pytest.mark.django_db


def another_editor(name="second-editor") -> User:
    user = User.objects.create_user(name, password="pw-second-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def dashboard(client, language="en", **query):
    response = client.get(admin_url("review", language=language), query)
    assert response.status_code == 200
    return response


def saved_by(user, row, **changes):
    """Save `row` with `changes` as `user` would in the admin (the history records who)."""
    for field, value in changes.items():
        setattr(row, field, value)
    row._history_user = user
    row.save()
    return row


def inferred_goal(user=None) -> Goal:
    goal = make_goal(derivation=Derivation.INFERRED, inference_en="the editors read it so")
    return saved_by(user, goal) if user else goal


def confirm(client, fact, version=None):
    """Press the fact's Confirm button on the dashboard, as shown (the version of the page, or `version`)."""
    latest = fact.history.order_by("-history_date", "-history_id").first()
    return client.post(
        admin_url("review_confirm"),
        {
            "content_type": ContentType.objects.get_for_model(fact).pk,
            "object_id": fact.pk,
            "version": version or latest.history_id,
        },
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def awaiting(client) -> set[tuple[str, int]]:
    facts = dashboard(client).context["facts"].object_list
    return {(fact.model_name, fact.object_id) for fact in facts}


class TestAccess:
    def test_an_anonymous_visitor_is_sent_to_the_login(self, client):
        for language in ("ar", "en"):
            response = client.get(admin_url("review", language=language))
            assert response.status_code == 302
            assert response["Location"].startswith(admin_url("login", language=language))
        response = client.post(admin_url("review_confirm"), {})
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert not Confirmation.objects.exists()

    def test_staff_without_the_directory_may_not_see_it(self, client):
        client.force_login(User.objects.create_user("clerk", password="pw-clerk-1", is_staff=True))
        assert client.get(admin_url("review")).status_code == 403
        assert b'id="review-module"' not in client.get(admin_url("index")).content

    def test_editors_and_superusers_see_it_linked_from_the_index(self, client, editor, superuser):
        for user in (editor, superuser):
            client.force_login(user)
            index = client.get(admin_url("index")).content.decode()
            assert f'href="{admin_url("review")}"' in index
            dashboard(client)

    @pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
    def test_in_both_languages(self, client, editor, language, direction):
        client.force_login(editor)
        page = dashboard(client, language).content.decode()
        assert f'<html lang="{language}" dir="{direction}"' in page
        with translation.override(language):
            for label in ("Review queue", "Recent changes", "Inferred facts awaiting a second editor"):
                assert translation.gettext(label) in page
            index = client.get(admin_url("index", language=language)).content.decode()
            assert translation.gettext("Review queue") in index

    def test_the_confirm_button_posts_only_a_fact_that_exists(self, client, editor):
        client.force_login(editor)
        goal = inferred_goal()
        url = admin_url("review_confirm")
        assert client.get(url).status_code == 405
        assert client.post(url, {"content_type": "x", "object_id": goal.pk, "version": 1}).status_code == 400
        source = ContentType.objects.get_for_model(Source).pk  # a row, but no fact with a derivation
        assert client.post(url, {"content_type": source, "object_id": 1, "version": 1}).status_code == 400
        assert client.post(url, {"content_type": 10**6, "object_id": 1, "version": 1}).status_code == 400
        goals = ContentType.objects.get_for_model(Goal).pk
        assert client.post(url, {"content_type": goals, "object_id": 10**6, "version": 1}).status_code == 404
        assert not Confirmation.objects.exists()

    def test_the_confirm_button_needs_the_csrf_token(self, editor):
        goal = inferred_goal()
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(another_editor())
        data = {"content_type": ContentType.objects.get_for_model(Goal).pk, "object_id": goal.pk}
        data["version"] = goal.history.first().history_id
        assert browser.post(admin_url("review_confirm"), data).status_code == 403
        assert not Confirmation.objects.exists()

    def test_a_bad_page_number_shows_a_page(self, client, editor):
        client.force_login(editor)
        make_organization()
        for page in ("x", "-1", "999999"):
            dashboard(client, changes=page, facts=page, organizations=page)


class TestRecentChanges:
    def test_an_edit_in_the_admin_is_listed_first_with_its_editor_and_fields(self, client, editor):
        client.force_login(editor)
        organization = make_organization()
        url = admin_url("networks_organization_change", organization.pk)
        cause = Cause.objects.create(slug="c", name_ar="قضية", name_en="Cause")
        data = form_data(client.get(url)) | {"name_en": "A new name", "causes": [str(cause.pk)]}
        assert client.post(url, data).status_code == 302

        response = dashboard(client)
        # One save of the form, two versions: the row's fields, then its causes (django-simple-history
        # records a change of many-to-many rows as a version of its own).
        causes, fields = response.context["changes"].object_list[:2]
        for change in (causes, fields):
            assert (change.user, str(change.kind), change.model_name) == (editor, "changed", "Organization")
            assert change.name == "A new name"
            assert change.url == url
        assert fields.fields == ["Name [en]"]  # not the mirrored `name`, nor the translations left empty
        assert causes.fields == ["Causes"]
        page = response.content.decode()
        assert f'<a href="{url}"><bdi>A new name</bdi></a>' in page
        assert "<li>Name [en]</li>" in page and "<bdi>editor</bdi>" in page

    def test_creations_and_deletions_newest_first_a_deleted_row_links_to_its_history(self, client, editor):
        client.force_login(editor)
        cause = Cause.objects.create(slug="gone", name_ar="قضية", name_en="Gone")
        pk = cause.pk
        cause.delete()
        deleted, added = dashboard(client).context["changes"].object_list[:2]
        assert (str(deleted.kind), str(added.kind)) == ("deleted", "added")
        assert deleted.name == added.name == "Gone"
        assert deleted.url == admin_url("networks_cause_history", pk)
        assert added.url == deleted.url  # the row is gone: its History is all there is
        assert added.fields == []

    def test_a_row_edited_only_inline_links_to_the_page_it_is_edited_on(self, client, editor):
        client.force_login(editor)
        event = make_event()
        Participation.objects.create(event=event, person=make_person(), role=Participation.Role.ATTENDEE)
        change = dashboard(client).context["changes"].object_list[0]
        assert change.model_name == "Participant"
        assert change.url == admin_url("networks_event_change", event.pk)

    def test_the_query_count_does_not_grow_with_the_rows(self, client, editor, django_assert_max_num_queries):
        client.force_login(editor)

        def edits(count):
            """Changes of several kinds (fields, places and causes, inferred facts), unverified entries."""
            for n in range(count):
                saved_by(editor, make_goal(), text_en=f"Goal {n}")
                inferred_goal(editor)
                membership = saved_by(editor, make_membership(), role="president")
                membership.organization.causes.add(Cause.objects.create(slug=f"c{count}-{n}", name_ar="ق"))
                saved_by(editor, membership.organization, name_en=f"Renamed {n}")

        def queries(count):
            edits(count)
            with CaptureQueriesContext(connection) as captured:
                page = review.recent_changes(1)
            assert len(page.object_list) == min(page.paginator.count, review.PAGE_SIZE)
            with django_assert_max_num_queries(40):
                response = dashboard(client)
            assert len(response.context["facts"].object_list) == response.context["facts"].paginator.count
            return len(captured)

        few = queries(1)  # one edit of each kind
        many = queries(12)  # 12 more of each: a full page of changes
        assert many <= few

    def test_older_changes_are_on_the_next_pages(self, client, editor):
        client.force_login(editor)
        for n in range(review.PAGE_SIZE + 5):
            Cause.objects.create(slug=f"cause-{n}", name_ar=f"قضية {n}", name_en=f"Cause {n}")
        first = dashboard(client).context["changes"]
        assert first.object_list[0].name == f"Cause {review.PAGE_SIZE + 4}"
        assert first.next_url == "?changes=2#changes"
        second = dashboard(client, changes=2).context["changes"]
        assert [c.name for c in second.object_list][-5:] == [f"Cause {n}" for n in range(4, -1, -1)]


class TestFactsAwaitingConfirmation:
    def test_an_inferred_fact_waits_until_another_editor_confirms_it(self, client, editor):
        first = editor
        goal = inferred_goal(first)
        make_goal()  # stated: nothing to confirm
        client.force_login(first)
        assert awaiting(client) == {("Goal", goal.pk)}
        page = dashboard(client).content.decode()
        assert "the editors read it so" in page and f'name="object_id" value="{goal.pk}"' in page

        # Its last editor cannot confirm it.
        response = confirm(client, goal)
        assert messages_of(response) == [
            f"You made the latest change to “{goal}”: another editor must confirm it."
        ]
        assert awaiting(client) == {("Goal", goal.pk)}
        assert not Confirmation.objects.exists()

        # Another editor can; a second click changes nothing.
        second = another_editor()
        client.force_login(second)
        assert messages_of(confirm(client, goal)) == [f"“{goal}” is confirmed."]
        confirm(client, goal)
        assert Confirmation.objects.get().user == second
        assert awaiting(client) == set()

        # A new change brings it back, until an editor other than its author confirms it again.
        saved_by(second, goal, inference_en="read again")
        assert awaiting(client) == {("Goal", goal.pk)}
        assert "another editor must confirm it" in messages_of(confirm(client, goal))[0]
        client.force_login(first)
        confirm(client, goal)
        assert awaiting(client) == set()

    def test_a_fact_changed_since_the_page_was_shown_is_not_confirmed(self, client, editor):
        goal = inferred_goal(editor)
        shown = goal.history.first().history_id
        saved_by(editor, goal, inference_en="changed meanwhile")
        client.force_login(another_editor())
        response = confirm(client, goal, version=shown)
        assert messages_of(response) == [f"“{goal}” changed since the page was shown: review it again."]
        assert not Confirmation.objects.exists()

    def test_a_fact_no_longer_inferred_is_not_confirmed(self, client, editor):
        goal = inferred_goal(editor)
        version = goal.history.first().history_id
        saved_by(editor, goal, derivation=Derivation.STATED, inference_en="")
        client.force_login(another_editor())
        assert "no longer marked inferred" in messages_of(confirm(client, goal, version=version))[0]
        assert not Confirmation.objects.exists()

    def test_a_fact_written_without_a_user_may_be_confirmed_by_any_editor(self, client, editor):
        organization = make_organization()  # as load_seeds writes: no user
        citation = Citation.objects.create(
            organization=organization,
            field=Citation.Field.SEAT,
            source=organization.source,
            quote="نص المصدر",
            derivation=Derivation.INFERRED,
            inference_ar="استنتاج",
        )
        client.force_login(editor)
        assert awaiting(client) == {("Citation", citation.pk)}
        assert messages_of(confirm(client, citation)) == [f"“{citation}” is confirmed."]
        assert awaiting(client) == set()

    def test_the_database_keeps_one_confirmation_per_editor_and_version(self, editor):
        goal = inferred_goal()
        fact = {"content_type": ContentType.objects.get_for_model(Goal), "object_id": goal.pk, "version": 1}
        Confirmation.objects.create(user=editor, **fact)
        with pytest.raises(IntegrityError):
            Confirmation.objects.create(user=editor, **fact)

    def test_the_list_reads_every_kind_of_fact_in_a_few_queries(self, client, editor):
        client.force_login(editor)
        for _ in range(3):
            inferred_goal()
            make_membership(derivation=Derivation.INFERRED, inference_en="x")
        with CaptureQueriesContext(connection) as few:
            assert len(review.facts_awaiting(1).object_list) == 6
        for _ in range(10):
            inferred_goal()
            make_membership(derivation=Derivation.INFERRED, inference_en="x")
        with CaptureQueriesContext(connection) as many:
            assert len(review.facts_awaiting(1).object_list) == 26
        assert len(few) == len(many)


class TestOrganizationsNotVerified:
    def test_never_or_long_ago_verified_organizations_are_listed_a_fresh_one_is_not(self, client, editor):
        today = timezone.localdate()
        never = make_organization()
        old = make_organization(last_verified=today - datetime.timedelta(days=400))
        fresh = make_organization(last_verified=today - datetime.timedelta(days=40))
        client.force_login(editor)
        response = dashboard(client)
        listed = response.context["organizations"].object_list
        assert [o.pk for o in listed] == [never.pk, old.pk]
        assert fresh.pk not in {o.pk for o in listed}
        page = response.content.decode()
        assert f'href="{admin_url("networks_organization_change", old.pk)}"' in page
        assert "Organizations not verified for more than 12 months" in page

        with override_settings(REVIEW_VERIFIED_MONTHS=1):
            listed = dashboard(client).context["organizations"].object_list
            assert [o.pk for o in listed] == [never.pk, old.pk, fresh.pk]

    def test_months_are_counted_on_the_calendar(self):
        assert review.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
        assert review.months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
        assert review.months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)

    def test_the_number_of_months_comes_from_the_environment(self):
        production = {"DJANGO_SECRET_KEY": "k" * 50}
        assert run_settings("REVIEW_VERIFIED_MONTHS", **production).stdout.strip() == "12"
        six = run_settings("REVIEW_VERIFIED_MONTHS", DJANGO_REVIEW_VERIFIED_MONTHS="6", **production)
        assert six.stdout.strip() == "6"
        zero = run_settings("REVIEW_VERIFIED_MONTHS", DJANGO_REVIEW_VERIFIED_MONTHS="0", **production)
        assert zero.returncode != 0 and "DJANGO_REVIEW_VERIFIED_MONTHS must be above 0" in zero.stderr


def test_the_seeded_directory_shows_on_the_dashboard(client, seeded, editor):
    """The five sources as `make run` has them: their latest rows, their inferred facts, their
    organizations never verified."""
    client.force_login(editor)
    for language in ("ar", "en"):
        response = dashboard(client, language)
        assert len(response.context["changes"].object_list) == review.PAGE_SIZE
        inferred = sum(
            model.objects.filter(derivation=Derivation.INFERRED).count() for model in review.FACT_MODELS
        )
        assert response.context["facts"].paginator.count == inferred > 0
        unverified = Organization.objects.filter(last_verified__isnull=True).count()
        assert response.context["organizations"].paginator.count >= unverified > 0
