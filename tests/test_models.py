"""The rules the data must never break, enforced by the database (and readable in forms)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from networks.models import DatePrecision, Goal, Organization, format_precise_date
from tests.builders import (
    make_body,
    make_event,
    make_goal,
    make_membership,
    make_organization,
    make_person,
    make_source,
)

pytestmark = pytest.mark.django_db


def violates_database(action) -> bool:
    """True when the database itself refuses the write (IntegrityError), rolled back cleanly."""
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False


class TestSlugs:
    def test_organization_slugs_are_unique(self):
        make_organization(slug="defenders-libya")
        assert violates_database(lambda: make_organization(slug="defenders-libya"))

    def test_source_slugs_are_unique(self):
        make_source(slug="one")
        assert violates_database(lambda: make_source(slug="one"))

    def test_body_slugs_are_unique_within_their_organization_only(self):
        body = make_body(slug="executive-bureau")
        make_body(slug="executive-bureau")  # another organization: allowed
        assert violates_database(lambda: make_body(slug="executive-bureau", organization=body.organization))


class TestProvenance:
    def test_a_fact_without_a_quote_is_refused(self):
        assert violates_database(lambda: make_organization(quote=""))
        assert violates_database(lambda: make_goal(quote=""))
        assert violates_database(lambda: make_membership(quote=""))
        assert violates_database(lambda: make_event(quote=""))
        assert violates_database(lambda: make_person(quote=""))

    def test_a_fact_without_a_source_is_refused(self):
        assert violates_database(lambda: make_organization(source=None))
        assert violates_database(lambda: make_goal(source=None))

    def test_a_source_in_use_cannot_be_deleted(self):
        source = make_source()
        make_goal(source=source)
        with pytest.raises(Exception, match="protected"):
            source.delete()


class TestDatePrecision:
    @pytest.mark.parametrize(
        ("date", "precision"),
        [
            (datetime.date(2017, 9, 16), DatePrecision.DAY),
            (datetime.date(2017, 9, 1), DatePrecision.MONTH),
            (datetime.date(2017, 1, 1), DatePrecision.YEAR),
            (None, DatePrecision.UNKNOWN),
        ],
    )
    def test_dates_that_match_their_precision_are_accepted(self, date, precision):
        organization = make_organization(founded_on=date, founded_on_precision=precision)
        organization.refresh_from_db()
        assert organization.founded_on == date

    @pytest.mark.parametrize(
        ("date", "precision"),
        [
            (None, DatePrecision.DAY),  # a precision with no date
            (None, DatePrecision.MONTH),
            (None, DatePrecision.YEAR),
            (datetime.date(2017, 9, 16), DatePrecision.UNKNOWN),  # "unknown" but dated
            (datetime.date(2017, 9, 16), DatePrecision.MONTH),  # month stored with a day
            (datetime.date(2017, 9, 1), DatePrecision.YEAR),  # year stored with a month
        ],
    )
    def test_dates_that_contradict_their_precision_are_refused(self, date, precision):
        assert violates_database(lambda: make_organization(founded_on=date, founded_on_precision=precision))
        assert violates_database(lambda: make_event(date=date, date_precision=precision))

    def test_a_date_is_written_at_its_precision(self):
        day = datetime.date(2017, 9, 16)
        assert format_precise_date(day, DatePrecision.DAY) == "2017-09-16"
        assert format_precise_date(day.replace(day=1), DatePrecision.MONTH) == "2017-09"
        assert format_precise_date(day.replace(month=1, day=1), DatePrecision.YEAR) == "2017"
        assert format_precise_date(None, DatePrecision.UNKNOWN) == ""


class TestMembership:
    def test_cannot_end_before_it_starts(self):
        assert violates_database(
            lambda: make_membership(
                start=datetime.date(2017, 9, 16),
                start_precision=DatePrecision.DAY,
                end=datetime.date(2016, 1, 1),
                end_precision=DatePrecision.YEAR,
            )
        )

    def test_may_end_on_or_after_its_start(self):
        membership = make_membership(
            start=datetime.date(2017, 9, 16),
            start_precision=DatePrecision.DAY,
            end=datetime.date(2017, 9, 16),
            end_precision=DatePrecision.DAY,
        )
        assert membership.pk

    def test_has_exactly_one_member_a_person_or_an_organization(self):
        person, member = make_person(), make_organization()
        assert violates_database(lambda: make_membership(person=person, member_organization=member))
        assert violates_database(lambda: make_membership(person=None, member_organization=None))
        assert make_membership(person=None, member_organization=member).member == member

    def test_body_must_belong_to_the_organization(self):
        membership = make_membership()
        membership.body = make_body()  # a body of another organization
        with translation.override("en"), pytest.raises(ValidationError, match="another organization"):
            membership.full_clean()


class TestOrganizationTree:
    def test_cannot_be_its_own_parent(self):
        organization = make_organization()
        organization.parent = organization
        assert violates_database(organization.save)

    def test_cannot_be_its_own_ancestor(self):
        """A → B → C, then C made the parent of A: refused by the database (a trigger)."""
        a = make_organization()
        b = make_organization(parent=a)
        c = make_organization(parent=b)
        a.parent = c
        assert violates_database(a.save)
        a.refresh_from_db()
        assert a.parent is None

    def test_a_cycle_is_a_form_error_before_it_reaches_the_database(self):
        a = make_organization()
        b = make_organization(parent=a)
        a.parent = b
        with translation.override("en"), pytest.raises(ValidationError, match="own ancestor"):
            a.full_clean()

    def test_moving_a_branch_elsewhere_in_the_tree_is_allowed(self):
        a, b = make_organization(), make_organization()
        c = make_organization(parent=a)
        c.parent = b
        c.save()
        assert [o.pk for o in c.ancestors()] == [b.pk]

    def test_ancestors_are_listed_nearest_first(self):
        party = make_organization()
        women = make_organization(parent=party)
        branch = make_organization(parent=women)
        assert branch.ancestors() == [women, party]


class TestMemberCount:
    def test_a_count_needs_its_qualifier(self):
        assert violates_database(lambda: make_organization(member_count=89))

    def test_a_lower_bound_is_stored_as_such(self):
        organization = make_organization(
            member_count=89, member_count_qualifier=Organization.MemberCountQualifier.MORE_THAN
        )
        with translation.override("en"):
            assert organization.get_member_count_qualifier_display() == "more than"


class TestGoals:
    def test_order_is_unique_per_organization_and_kind(self):
        goal = make_goal(order=1)
        assert violates_database(lambda: make_goal(organization=goal.organization, order=1))
        assert make_goal(organization=goal.organization, order=2).pk
        assert make_goal(organization=goal.organization, order=1, kind=Goal.Kind.MEANS).pk  # another list

    def test_order_is_unique_within_an_event_too(self):
        event = make_event()
        goal = make_goal(event=event)
        assert violates_database(lambda: make_goal(organization=goal.organization, event=event, order=1))


class TestStrings:
    def test_names_follow_the_active_language(self):
        person = make_person(name_ar="نسرين عامر", name_en="Nisreen Amer")
        with translation.override("en"):
            assert str(person) == "Nisreen Amer"
        with translation.override("ar"):
            assert str(person) == "نسرين عامر"

    def test_a_missing_translation_falls_back_to_the_other_language(self):
        event = make_event(name_ar="لقاء تواصلي", name_en="")
        with translation.override("en"):
            assert str(event) == "لقاء تواصلي"

    def test_a_membership_names_member_role_and_organization(self):
        membership = make_membership()
        with translation.override("en"):
            assert str(membership) == (
                f"{membership.person.name_en} · member · {membership.organization.name_en}"
            )
