"""The network diagram of an organization page (networks/diagrams.py): what it draws, how it is laid out in
each direction, and that it names no one the public may not see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from networks import diagrams, public
from networks.models import Organization
from tests.builders import make_body, make_membership, make_organization, make_person

pytestmark = pytest.mark.django_db


def diagram_of(organization, language="en") -> diagrams.Diagram:
    """The diagram as the organization page builds it, from the rows it reads."""
    with translation.override(language):
        page = public.organization_page().get(pk=organization.pk)
        return diagrams.network(page, list(page.bodies.all()), list(page.memberships.all()))


def tree(node) -> tuple:
    """(kind, label, note, [children]) all the way down: the diagram's tree, comparable at a glance."""
    return (node.kind, node.label, node.note, [tree(child) for child in node.children])


def network_section(client, organization, language="en") -> str:
    html = client.get(f"/{language}/organizations/{organization.slug}/").content.decode()
    return re.search(r'<section class="network".*?</section>', html, re.S).group(0)


class TestWhatIsDrawn:
    def test_parent_above_branches_and_bodies_with_their_members_below(self):
        parent = make_organization(name_en="Federation")
        organization = make_organization(name_en="Network", parent=parent, kind="network")
        make_organization(name_en="Branch B", parent=organization)
        make_organization(name_en="Branch A", parent=organization, status=Organization.Status.PLANNED)
        bureau = make_body(organization=organization, name_en="Bureau")
        for name in ("Amina", "Fatima"):
            make_membership(organization=organization, body=bureau, person=make_person(name_en=name))
        make_membership(organization=organization, person=make_person(name_en="Leila"))
        assert tree(diagram_of(organization).root) == (
            "parent", "Federation", "", [
                ("self", "Network", "network", [
                    ("branch", "Branch A", "planned", []),
                    ("branch", "Branch B", "", []),
                    ("body", "Bureau", "2 members", [
                        ("member", "Amina", "", []), ("member", "Fatima", "", []),
                    ]),
                    ("body", "Members of the organization", "1 member", [("member", "Leila", "", [])]),
                ]),
            ],
        )  # fmt: skip

    def test_a_withheld_member_is_counted_and_never_named(self, client):
        organization = make_organization()
        bureau = make_body(organization=organization, name_en="Bureau")
        withheld = make_person(name_en="Samira Hidden", name_ar="سميرة المخفية", is_public=False)
        make_membership(organization=organization, body=bureau, person=withheld)
        make_membership(organization=organization, body=bureau, person=withheld, role="president")
        make_membership(organization=organization, body=bureau, person=make_person(name_en="Amina"))
        (body,) = diagram_of(organization).root.children
        assert (body.note, [child.label for child in body.children]) == ("2 members", ["Amina", "and 1 more"])
        for language in ("en", "ar"):
            section = network_section(client, organization, language)
            assert "Samira" not in section and "سميرة" not in section and withheld.slug not in section

    def test_a_hidden_parent_or_branch_is_left_out(self):
        hidden = make_organization(status=Organization.Status.HIDDEN)
        organization = make_organization(parent=hidden, name_en="Network")
        make_organization(parent=organization, status=Organization.Status.HIDDEN)
        diagram = diagram_of(organization)
        assert tree(diagram.root) == ("self", "Network", "association", [])
        assert not diagram  # nothing around it: the page draws no diagram

    def test_many_branches_members_and_bodies_end_in_a_link_to_the_rest(self):
        organization = make_organization(slug="big-network")
        for i in range(diagrams.MAX_BRANCHES + 3):
            make_organization(parent=organization, name_en=f"Branch {i:02}")
        for i in range(diagrams.MAX_BODIES + 2):
            body = make_body(organization=organization, slug=f"body-{i}", name_en=f"Body {i}")
            if i == 0:
                for _ in range(diagrams.MAX_MEMBERS + 5):
                    make_membership(organization=organization, body=body)
        nodes = diagram_of(organization).root.children
        more_branches = nodes[diagrams.MAX_BRANCHES]
        assert (more_branches.kind, more_branches.label) == ("more", "and 3 more branches")
        assert more_branches.href == "/en/organizations/?network=big-network"
        first_body = nodes[diagrams.MAX_BRANCHES + 1]
        assert first_body.note == "9 members" and len(first_body.children) == diagrams.MAX_MEMBERS + 1
        assert first_body.children[-1].label == "and 5 more"
        assert first_body.children[-1].href == first_body.href == "#body-body-0"
        assert nodes[-1].label == "and 2 more bodies" and nodes[-1].href == "#people"

    def test_each_node_links_to_its_page_or_its_place_on_the_page(self, client):
        organization = make_organization(parent=make_organization(slug="the-parent"))
        body = make_body(organization=organization, slug="bureau")
        make_membership(organization=organization, body=body, person=make_person(slug="amina"))
        html = client.get(f"/en/organizations/{organization.slug}/").content.decode()
        svg = re.search(r"<svg viewBox.*?</svg>", html, re.S).group(0)
        assert re.findall(r'<a href="([^"]+)" tabindex="-1"', svg) == [
            "/en/organizations/the-parent/",
            f"/en/organizations/{organization.slug}/",
            "#body-bureau",
            "/en/people/amina/",
        ]
        assert 'id="body-bureau"' in html  # where the body's link lands

    def test_the_seeded_moroccan_branch(self, seeded):
        diagram = diagram_of(Organization.objects.get(slug="inlw-morocco"))
        parent, here, bureau, *_ = diagram.nodes
        assert (parent.kind, here.kind) == ("parent", "self")
        assert (bureau.label, bureau.note) == ("Executive Bureau", "13 members")
        assert [child.label for child in bureau.children][-1] == "and 9 more"


class TestLayout:
    def test_nodes_stack_in_reading_order_one_level_further_each_time(self):
        organization = make_organization(parent=make_organization())
        body = make_body(organization=organization)
        make_membership(organization=organization, body=body)
        parent, here, bureau, member = diagram_of(organization).nodes
        assert [node.y for node in (parent, here, bureau, member)] == sorted(
            {parent.y, here.y, bureau.y, member.y}
        )
        for upper, lower in zip([parent, here, bureau], [here, bureau, member], strict=True):
            assert lower.y >= upper.y + upper.height  # no overlap
            assert lower.x == upper.x + diagrams.INDENT and lower.width == upper.width - diagrams.INDENT
            assert lower.x + lower.width == diagrams.WIDTH

    def test_right_to_left_pages_mirror_it(self):
        organization = make_organization(parent=make_organization(), name_en="Network")
        english, arabic = diagram_of(organization, "en"), diagram_of(organization, "ar")
        for ltr, rtl in zip(english.nodes, arabic.nodes, strict=True):
            assert rtl.x == diagrams.WIDTH - ltr.x - ltr.width and rtl.y == ltr.y
            assert rtl.title.x == diagrams.WIDTH - ltr.title.x
        assert english.edges.startswith("M12 ") and arabic.edges.startswith("M388 ")

    def test_each_label_reads_in_its_own_direction_from_the_page_reading_side(self):
        organization = make_organization(name_en="Women's network", name_ar="")  # English on Arabic pages
        make_body(organization=organization, name_ar="المكتب", name_en="Bureau")
        here, body = diagram_of(organization, "ar").nodes
        assert (here.title.direction, here.title.anchor) == ("ltr", "end")  # its end on the right
        assert (body.title.direction, body.title.anchor) == ("rtl", "start")
        here, body = diagram_of(organization, "en").nodes
        assert (here.title.direction, here.title.anchor) == ("ltr", "start")
        assert (body.title.direction, body.title.anchor) == ("ltr", "start")

    @pytest.mark.parametrize("language", ["ar", "en"])
    def test_a_long_name_is_shortened_to_its_box_and_kept_whole_elsewhere(self, client, language):
        long_name = {
            "ar": "الشبكة الوطنية لجمعيات النساء " * 4,
            "en": "National Network of Women Associations " * 4,
        }
        organization = make_organization(
            parent=make_organization(**{f"name_{language}": long_name[language]})
        )
        (parent, _here) = diagram_of(organization, language).nodes
        room = parent.width - 2 * diagrams.PADDING
        assert parent.title.text.endswith("…") and len(parent.title.text) < len(long_name[language])
        assert long_name[language].startswith(parent.title.text[:-1].rstrip())
        assert diagrams.text_width(parent.title.text, diagrams.LABEL_SIZE) <= room
        section = network_section(client, organization, language)
        assert section.count(long_name[language].strip()) == 2  # the node's <title> and the list

    def test_a_short_name_is_whole(self):
        organization = make_organization(name_en="Network")
        make_body(organization=organization)
        assert diagram_of(organization).nodes[0].title.text == "Network"


class TestTheOrganizationPage:
    def test_the_drawing_is_hidden_from_assistive_technology_its_list_is_not(self, client):
        organization = make_organization(parent=make_organization(name_en="Federation"))
        section = network_section(client, organization)
        assert '<svg viewBox="0 0 400 ' in section and 'aria-hidden="true"' in section
        links = re.findall(r"<a [^>]*>", section.split("</svg>")[0])
        assert links and all('tabindex="-1"' in link for link in links)
        listed = section.split("</svg>")[1]
        assert '<ul class="network-tree">' in listed and "<bdi>Federation</bdi></a>" in listed
        assert 'aria-current="page"' in listed

    def test_an_organization_alone_has_no_diagram(self, client):
        html = client.get(f"/en/organizations/{make_organization().slug}/").content.decode()
        assert 'class="network"' not in html

    def test_the_diagram_costs_no_query(self, client):
        """Everything is read with the page: as many queries for a diagram of a few nodes as of dozens."""
        organization = make_organization(parent=make_organization())

        def grow(n):
            for _ in range(n):
                make_organization(parent=organization)
                body = make_body(organization=organization)
                make_membership(organization=organization, body=body)
                make_membership(organization=organization)
            with CaptureQueriesContext(connection) as queries:
                html = client.get(f"/en/organizations/{organization.slug}/").content.decode()
            return len(queries), html.count("<rect ")

        (few, small), (many, large) = grow(1), grow(12)
        assert few == many and large > small + 15
