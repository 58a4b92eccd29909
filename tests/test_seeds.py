"""The seeds hold the facts of the five sources: checked against the sources themselves.

Counts and values below were read off the documents in seeds/sources/ by hand.
"""

import datetime
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import translation

from networks.models import (
    Body,
    Citation,
    Cited,
    DatePrecision,
    Event,
    Goal,
    Membership,
    Organization,
    Person,
    Publication,
    Relation,
    Source,
)
from networks.seeds import fold_whitespace

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
FACT_MODELS = [m for m in Cited.__subclasses__()]


def row_counts() -> dict[str, int]:
    from django.apps import apps

    # Every table of the app (SQLite's FTS5 table, not a table of its own on PostgreSQL, is its content's).
    models = [m for m in apps.get_app_config("networks").get_models() if m._meta.managed]
    return {m.__name__: m.objects.count() for m in models}


def org(slug) -> Organization:
    return Organization.objects.get(slug=slug)


def goals(slug, kind, event=None) -> list[Goal]:
    return list(Goal.objects.filter(organization__slug=slug, kind=kind, event=event).order_by("order"))


class TestSources:
    def test_every_source_document_is_a_source_with_its_full_text(self, seeded):
        documents = sorted(p.name for p in (SEEDS / "sources").glob("*.txt"))
        assert sorted(Source.objects.values_list("document", flat=True)) == documents
        for source in Source.objects.all():
            text = (SEEDS / "sources" / source.document).read_text(encoding="utf-8")
            assert source.full_text == text
            assert source.title_ar and source.title_en

    def test_languages_and_publisher_are_as_the_documents_say(self, seeded):
        assert Source.objects.filter(language="ar").count() == 4
        english = Source.objects.get(language="en")
        assert english.document.startswith("003_")
        zanqa = Source.objects.get(document__startswith="002_")
        assert "زنقة" in zanqa.publisher_ar
        # No document prints its own publication date ("4 hours ago" is not a date).
        assert set(Source.objects.values_list("published_on_precision", flat=True)) == {"unknown"}


class TestProvenance:
    def test_every_fact_row_has_a_quote_found_in_its_source(self, seeded):
        checked = 0
        for model in FACT_MODELS:
            for row in model.objects.select_related("source"):
                assert fold_whitespace(row.quote) in fold_whitespace(row.source.full_text), row
                checked += 1
        for citation in Citation.objects.select_related("source"):
            assert fold_whitespace(citation.quote) in fold_whitespace(citation.source.full_text)
            checked += 1
        assert checked > 150

    def test_every_organization_field_that_is_filled_is_cited(self, seeded):
        for organization in Organization.objects.all():
            cited = set(organization.citations.values_list("field", flat=True))
            filled = {
                "founded": organization.founded_on is not None,
                "members": organization.member_count is not None,
                "vision": bool(organization.vision_ar or organization.vision_en),
                "mission": bool(organization.mission_ar or organization.mission_en),
                "slogan": bool(organization.slogan_ar or organization.slogan_en),
                "parent": organization.parent_id is not None,
            }
            missing = {name for name, present in filled.items() if present} - cited
            assert not missing, f"{organization.slug}: no citation for {missing}"

    def test_every_source_contributes_facts(self, seeded):
        for source in Source.objects.all():
            assert (
                Goal.objects.filter(source=source).exists() or Event.objects.filter(source=source).exists()
            ), source


class TestInternationalNetworkOfLiberalWomenMorocco:
    def test_founded_on_saturday_16_september_2017_in_rabat(self, seeded):
        branch = org("inlw-morocco")
        assert branch.founded_on == datetime.date(2017, 9, 16)
        assert branch.founded_on_precision == DatePrecision.DAY
        assembly = Event.objects.get(kind="founding_general_assembly", organizations=branch)
        assert assembly.date == datetime.date(2017, 9, 16)
        assert assembly.place.code == "rabat"

    def test_preparatory_work_began_on_13_november_2016(self, seeded):
        event = Event.objects.get(kind="preparatory_meeting", organizations=org("inlw-morocco"))
        assert (event.date, event.date_precision) == (datetime.date(2016, 11, 13), "day")

    def test_the_executive_bureau_has_the_13_members_the_source_names_in_order(self, seeded):
        bureau = Body.objects.get(organization__slug="inlw-morocco", kind="executive_bureau")
        members = Membership.objects.filter(body=bureau).order_by("id").select_related("person")
        names = [m.person.name_ar for m in members]
        assert len(names) == 13
        assert names[0] == "خديجة أم البشائر المرابط"
        assert names[-1] == "محجوبة الداودي"
        assert "عائشة العلوي المترجي" in names
        assert {m.start for m in members} == {datetime.date(2017, 9, 16)}
        assert all(m.person.name_en for m in members)

    def test_is_a_branch_of_the_international_network_which_has_ecosoc_status(self, seeded):
        branch = org("inlw-morocco")
        assert branch.parent.slug == "inlw"
        assert branch.kind == "branch"
        assert list(branch.areas.values_list("code", flat=True)) == ["MA"]
        relation = Relation.objects.get(subject__slug="inlw", kind="consultative_status_with")
        assert relation.object.short_name_en == "ECOSOC"
        assert relation.object.parent.slug == "un"

    def test_its_aims_are_listed_in_source_order(self, seeded):
        aims = goals("inlw-morocco", "general_objective")
        assert len(aims) >= 10
        assert "رفع وعي النساء الليبراليات" in aims[0].text_ar
        assert "التمكين الاقتصادي" in aims[-1].text_ar


class TestMaghrebWomensCoalition:
    def test_emanates_from_the_global_coalition(self, seeded):
        coalition = org("maghreb-womens-coalition")
        assert coalition.parent.slug == "global-womens-coalition-quds-palestine"
        assert coalition.scope == "multi_country_region"
        assert list(coalition.areas.values_list("code", flat=True)) == ["maghreb"]
        assert coalition.founded_on_precision == "unknown"

    def test_has_9_objectives_4_means_and_6_sources_of_strength_in_order(self, seeded):
        objectives = goals("maghreb-womens-coalition", "general_objective")
        means = goals("maghreb-womens-coalition", "means")
        strengths = goals("maghreb-womens-coalition", "source_of_strength")
        assert [len(objectives), len(means), len(strengths)] == [9, 4, 6]
        assert objectives[0].text_ar.startswith("التعبئة")
        assert "ليبيا" in objectives[-1].text_ar
        assert means[-1].text_ar.startswith("التشبيك")
        assert "الربيع العربي" in strengths[-1].text_ar

    def test_vision_and_slogan_are_kept_in_both_languages(self, seeded):
        coalition = org("maghreb-womens-coalition")
        assert coalition.vision_ar.startswith("توحيد الجهود النسوية")
        assert "من البحر إلى النهر" in coalition.slogan_ar
        assert coalition.vision_en and coalition.slogan_en


class TestHarakiWomenBeniMellal:
    def test_the_tree_runs_from_the_planned_provincial_bureau_up_to_the_party(self, seeded):
        bureau = org("haraki-women-provincial-bureau")
        assert bureau.status == "planned"
        assert [o.slug for o in bureau.ancestors()] == [
            "haraki-women-beni-mellal-khenifra",
            "haraki-women",
            "popular-movement",
        ]
        assert org("popular-movement").kind == "political_party"
        assert Relation.objects.filter(
            subject__slug="haraki-women",
            kind="womens_organization_of",
            object__slug="popular-movement",
        ).exists()

    def test_the_undated_meeting_has_no_date(self, seeded):
        meeting = Event.objects.get(kind="communication_meeting")
        assert meeting.date is None
        assert meeting.date_precision == "unknown"
        assert meeting.slogan_ar == "الطريق إلى 2026"
        roles = dict(meeting.participations.values_list("person__slug", "role"))
        assert roles == {"mohamed-akdour": "attendee", "ahmed-chadda": "supervisor"}
        assert len(goals("haraki-women-beni-mellal-khenifra", "general_objective", meeting)) == 4

    def test_the_provincial_secretary_and_the_name_as_written(self, seeded):
        assert Membership.objects.get(person__slug="mohamed-akdour").role == "provincial_secretary"
        assert Person.objects.get(slug="ahmed-chadda").name_ar == "احمد شدا"  # no hamza, as printed


class TestDefendersLibya:
    def test_more_than_89_members_stays_a_lower_bound(self, seeded):
        defenders = org("defenders-libya")
        assert (defenders.member_count, defenders.member_count_qualifier) == (89, "more_than")
        assert list(defenders.areas.values_list("code", flat=True)) == ["LY"]

    def test_the_meeting_of_4_january_2016_at_the_marhaba_hotel_in_el_baidah(self, seeded):
        meeting = Event.objects.get(slug="defenders-libya-meeting-2016-01-04")
        assert (meeting.date, meeting.date_precision) == (datetime.date(2016, 1, 4), "day")
        assert meeting.place.code == "el-bayda"
        assert "Marhaba" in meeting.venue_en
        assert meeting.participations.get().person.slug == "nisreen-amer"

    def test_chaired_by_nisreen_amer_and_supported_by_iohrd(self, seeded):
        chair = Membership.objects.get(organization__slug="defenders-libya", role="chair")
        assert chair.person.name_en == "Nisreen Amer"
        assert chair.person.published_latin
        assert Relation.objects.filter(
            subject__slug="defenders-libya", kind="supported_by", object__slug="iohrd"
        ).exists()

    def test_five_objectives_four_specific_objectives(self, seeded):
        assert len(goals("defenders-libya", "general_objective")) == 5
        specific = goals("defenders-libya", "specific_objective")
        assert len(specific) == 4
        assert "inmates" in specific[-1].text_en

    def test_the_defender_magazine_and_its_studies(self, seeded):
        magazine = Publication.objects.get(slug="defender-magazine")
        assert magazine.issue_count == 5
        field_study = Publication.objects.get(kind="field_study")
        assert (field_study.sample_size, field_study.sample_unit_en) == (400, "families")
        assert field_study.place.code == "benghazi"
        assert field_study.part_of == magazine
        assert Publication.objects.filter(kind="study", part_of=magazine).count() == 1


class TestParticipatoryDemocracyCoalition:
    def test_three_regional_coordinators_each_on_behalf_of_an_association(self, seeded):
        coordinators = Membership.objects.filter(
            organization__slug="participatory-democracy-coalition", role="coordinator"
        ).select_related("body__area", "on_behalf_of")
        by_region = {m.body.area.code: m.on_behalf_of.slug for m in coordinators}
        assert by_region == {
            "MA-11": "saharan-training-centre",
            "MA-12": "active-women-network",
            "MA-10": "chouaibat-development-solidarity",
        }
        deputy = Membership.objects.get(role="deputy_national_coordinator")
        assert deputy.person.name_ar == "مصكولة باعمر"

    def test_three_objectives_and_six_tasks(self, seeded):
        assert len(goals("participatory-democracy-coalition", "general_objective")) == 3
        assert len(goals("participatory-democracy-coalition", "task")) == 6

    def test_member_associations_are_organization_memberships(self, seeded):
        members = Membership.objects.filter(
            organization__slug="participatory-democracy-coalition",
            member_organization__isnull=False,
        )
        assert members.count() == 3


class TestNothingInvented:
    def test_only_what_the_sources_date_is_dated(self, seeded):
        dated = {o.slug for o in Organization.objects.exclude(founded_on=None)}
        assert dated == {"inlw-morocco"}
        assert {e.date for e in Event.objects.exclude(date=None)} == {
            datetime.date(2017, 9, 16),
            datetime.date(2016, 11, 13),
            datetime.date(2016, 1, 4),
        }

    def test_people_carry_no_attributes_beyond_name_and_stated_description(self, seeded):
        person_fields = {f.name for f in Person._meta.get_fields() if isinstance(f, models.Field)}
        assert not person_fields & {"gender", "sex", "age", "birth_date", "email", "phone"}


class TestLoadSeedsCommand:
    def test_loading_twice_changes_nothing(self, seeded):
        before = row_counts()
        out = StringIO()
        call_command("load_seeds", stdout=out)
        assert row_counts() == before
        assert "0 rows written" in out.getvalue()

    def test_loads_into_a_database_that_already_has_other_rows(self, db):
        from tests.builders import make_organization

        make_organization(slug="existing-organization")
        call_command("load_seeds", stdout=StringIO())
        assert Organization.objects.filter(slug="existing-organization").exists()
        assert Organization.objects.filter(slug="inlw-morocco").exists()

    def load(self, **options) -> str:
        """Run load_seeds; return what it wrote to stderr (the differences and warnings)."""
        err = StringIO()
        call_command("load_seeds", stdout=StringIO(), stderr=err, **options)
        return err.getvalue()

    def test_a_staff_edit_is_reported_and_kept_and_nothing_is_written(self, seeded):
        organization = org("inlw-morocco")
        organization.name_en = "Edited by staff"
        organization.save()
        goal = Goal.objects.filter(organization__slug="defenders-libya").first()
        goal.delete()
        before = row_counts()

        report = self.load()
        assert re.search(
            r"000_inlw_morocco\.yaml:\d+: organizations\[\d+\] 'inlw-morocco': "
            r"Organization \(inlw-morocco\): "
            r"name_en: database has 'Edited by staff', seeds have '.+'",
            report,
        ), report
        assert re.search(r"003_defenders_libya\.yaml:\d+: goals\[\d+\].*deleted in the database", report), (
            report
        )
        assert "Nothing was written" in report
        assert row_counts() == before  # no row, no history row
        assert org("inlw-morocco").name_en == "Edited by staff"

    def test_a_relation_changed_by_staff_is_a_difference_too(self, seeded):
        org("defenders-libya").causes.clear()
        before = row_counts()
        assert "causes: database has [], seeds have [" in self.load()
        assert row_counts() == before
        assert not org("defenders-libya").causes.exists()

    def test_overwrite_puts_the_seeds_values_back_and_the_history_says_so(self, seeded):
        organization = org("inlw-morocco")
        seeded_name = organization.name_en
        organization.name_en = "Edited by staff"
        organization.save()
        Goal.objects.filter(organization__slug="defenders-libya", kind="general_objective", order=1).delete()

        report = self.load(overwrite=True)
        assert "overwritten by the seeds" in report
        assert org("inlw-morocco").name_en == seeded_name
        assert Goal.objects.filter(
            organization__slug="defenders-libya", kind="general_objective", order=1
        ).exists()
        latest = org("inlw-morocco").history.first()
        assert (latest.history_change_reason, latest.name_en) == ("load_seeds", seeded_name)
        assert self.load() == ""  # and now the database agrees with the seeds

    @pytest.mark.parametrize(
        ("file", "old", "new", "expected"),
        [
            # A wrong value in an entry: file, line, entry and the field are named.
            (
                "000_inlw_morocco.yaml",
                "kind: branch",
                "kind: brnch",
                r"organizations\[\d+\] 'inlw-morocco'.*kind",
            ),
            # A quote that is not in the source.
            (
                "003_defenders_libya.yaml",
                "quote:",
                "quote: invented words #",
                r"not a passage of the source",
            ),
            # A date that contradicts its precision.
            (
                "000_inlw_morocco.yaml",
                "precision: day",
                "precision: month",
                r"does not match precision month",
            ),
            # A control character written as a YAML escape: the file is text, the value is not (issue 16).
            (
                "003_defenders_libya.yaml",
                "      en: Women’s Rights & Women’s Network Initiative (Defenders)\n    short_name:",
                '      en: "Defenders\\x01\\x1b"\n    short_name:',
                r"'defenders-libya'.*name_en: Remove the control character U\+0001 at position 10:",
            ),
            # Broken YAML.
            (
                "001_maghreb_womens_coalition.yaml",
                "organizations:",
                "organizations: [",
                r"not valid YAML",
            ),
            # A reference to something never defined.
            (
                "002_haraki_women_beni_mellal.yaml",
                "parent: popular-movement",
                "parent: no-such-party",
                r"'no-such-party' is not defined",
            ),
        ],
    )
    def test_a_malformed_file_names_file_line_and_entry_and_writes_nothing(
        self, db, tmp_path, file, old, new, expected
    ):
        broken = tmp_path / "seeds"
        shutil.copytree(SEEDS, broken)
        path = broken / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the test's anchor {old!r} is missing from {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        call_command("seeds_manifest", directory=broken, stdout=StringIO())  # as an editor would
        before = row_counts()
        # From a terminal the site's default language (Arabic) is active; the loader still reports in English.
        with (
            translation.override(settings.LANGUAGE_CODE),
            pytest.raises(CommandError, match=expected) as raised,
        ):
            call_command("load_seeds", directory=broken, stdout=StringIO())
        assert re.search(rf"{re.escape(file)}:\d+: ", str(raised.value)), "file and line"
        assert "Nothing was written" in str(raised.value)
        assert row_counts() == before
