"""An organization's network, drawn on the server: its parent above it, its branches and its bodies below it,
and each body's members (public names, and how many in all), as an SVG tree laid out here and drawn by
`includes/network_diagram.html`, with the same tree as a nested list for its text alternative.

The tree is an indented one (each level one step further from the reading side), so that it stays as narrow
as a phone and its labels keep a readable size at any width; it is mirrored on right-to-left pages. Each
label is set in its own direction (an English name on an Arabic page reads left to right) and shortened to
its box, its full text in the node's `<title>` and in the list. Everything is read from what the
organization page already holds (`public.organization_page()`): no query of its own.
"""

import functools
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

# How much of each is drawn; the rest is counted in a "more" node linking to where it is listed.
MAX_BRANCHES, MAX_BODIES, MAX_MEMBERS = 8, 6, 4

WIDTH = 400  # SVG units: the diagram's width, for every number of nodes
INDENT = 24  # one level further from the reading side
STEM = 12  # where the line to a node's children leaves it, from its start side
PADDING = 10
GAP = 8
LABEL_SIZE, NOTE_SIZE = 15, 12.5
ONE_LINE, TWO_LINES = 30, 46
# The labels' font (static/css/site.css sets it on the diagram's text) and its characters' widths, written by
# `manage.py diagram_metrics` (devtools) from the vendored font files. A character they do not hold (from
# another script, drawn in a fallback font) is counted as an em, wider than a letter.
FONT_FAMILY = "Shabakat"
METRICS = Path(__file__).with_name("diagram_metrics.json")
UNKNOWN_WIDTH = 1.0  # em


@dataclass
class Label:
    text: str  # shortened to fit, with "…"
    x: float
    y: float
    anchor: str  # text-anchor: "start" or "end", relative to `direction`
    direction: str  # the label's own: "rtl" or "ltr"


@dataclass
class Node:
    label: str
    href: str
    kind: str  # parent, self, branch, body, member, more
    note: str = ""
    children: list["Node"] = field(default_factory=list)
    # Laid out by `_place`:
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    title: Label | None = None
    subtitle: Label | None = None


@dataclass
class Diagram:
    root: Node  # the tree, for the nested list
    nodes: list[Node]  # in drawing order
    edges: str  # the connecting lines, one SVG path
    width: int
    height: float

    def __bool__(self):
        return len(self.nodes) > 1  # an organization alone has no network to draw


def network(organization, bodies, memberships) -> Diagram:
    """The diagram of `organization` (read by `public.organization_page()`), with its public `bodies` (their
    memberships prefetched) and its `memberships` outside a body."""
    here = Node(organization.name, organization.get_absolute_url(), "self", organization.get_kind_display())
    here.children = _branches(organization) + _bodies(bodies, memberships)
    parent = organization.public_parent
    root = here
    if parent is not None:
        root = Node(parent.name, parent.get_absolute_url(), "parent", children=[here])
    nodes: list[Node] = []
    edges: list[str] = []
    height = _place(root, 0, 0.0, nodes, edges, get_language_bidi())
    return Diagram(root, nodes, " ".join(edges), WIDTH, height)


def _branches(organization) -> list[Node]:
    branches = sorted(organization.children.all(), key=lambda branch: str(branch.name))
    nodes = [
        Node(b.name, b.get_absolute_url(), "branch", _("planned") if b.status == b.Status.PLANNED else "")
        for b in branches[:MAX_BRANCHES]
    ]
    if len(branches) > MAX_BRANCHES:
        rest = len(branches) - MAX_BRANCHES
        query = urlencode({"network": organization.slug})
        more = ngettext("and %(n)d more branch", "and %(n)d more branches", rest) % {"n": rest}
        nodes.append(Node(more, f"{reverse('networks:organization_list')}?{query}", "more"))
    return nodes


def _bodies(bodies, memberships) -> list[Node]:
    groups = [
        (body.name, f"#body-{body.slug}", list(body.memberships.all()), body.status == body.Status.PLANNED)
        for body in bodies
    ]
    if memberships:
        groups.append((_("Members of the organization"), "#people", list(memberships), False))
    nodes = [_group(*group) for group in groups[:MAX_BODIES]]
    if len(groups) > MAX_BODIES:
        rest = len(groups) - MAX_BODIES
        more = ngettext("and %(n)d more body", "and %(n)d more bodies", rest) % {"n": rest}
        nodes.append(Node(more, "#people", "more"))
    return nodes


def _group(name: str, href: str, memberships: list, planned: bool) -> Node:
    """A body (or the members outside any body): how many members it has, and the public ones by name.
    A member whose name is withheld is counted, never named."""
    members: dict[tuple, Node | None] = {}
    for membership in memberships:
        person, organization = membership.public_person, membership.member_organization
        key = (membership.person_id, membership.member_organization_id)
        if person is not None:
            members.setdefault(key, Node(person.name, person.get_absolute_url(), "member"))
        elif organization is not None:
            members.setdefault(key, Node(organization.name, organization.get_absolute_url(), "member"))
        else:
            members.setdefault(key, None)
    count = len(members)
    if count:
        note = ngettext("%(n)d member", "%(n)d members", count) % {"n": count}
    else:
        note = _("No member is named in the sources.")
    if planned:
        note = f"{_('planned')} · {note}"
    named = [node for node in members.values() if node is not None]
    children = named[:MAX_MEMBERS]
    if len(named) > MAX_MEMBERS or count > len(named):
        rest = count - len(children)
        children.append(Node(ngettext("and %(n)d more", "and %(n)d more", rest) % {"n": rest}, href, "more"))
    return Node(name, href, "body", note, children)


def _place(node: Node, depth: int, y: float, nodes: list, edges: list, rtl: bool) -> float:
    """Lay out `node` at `depth` from `y` and its children under it, in reading order; append them to
    `nodes` and their connecting lines to `edges`. Returns the y below the last one."""
    inset = depth * INDENT
    node.width, node.height = WIDTH - inset, TWO_LINES if node.note else ONE_LINE
    node.x, node.y = (0 if rtl else inset), y
    text_x = WIDTH - inset - PADDING if rtl else inset + PADDING
    room = node.width - 2 * PADDING
    node.title = _label(node.label, room, LABEL_SIZE, (text_x, y + 20), rtl, bold=node.kind == "self")
    if node.note:
        node.subtitle = _label(node.note, room, NOTE_SIZE, (text_x, y + 38), rtl)
    nodes.append(node)
    y += node.height + GAP
    stem = WIDTH - inset - STEM if rtl else inset + STEM
    for child in node.children:
        middle = y + (TWO_LINES if child.note else ONE_LINE) / 2
        child_edge = WIDTH - inset - INDENT if rtl else inset + INDENT
        edges.append(f"M{stem:g} {node.y + node.height:g}V{middle:g}H{child_edge:g}")
        y = _place(child, depth + 1, y, nodes, edges, rtl)
    return y


def _label(text: str, room: float, size: float, at: tuple[float, float], rtl_page: bool, bold=False) -> Label:
    """`text`, shortened to `room` with "…", anchored `at` on the page's reading side whatever its own
    direction."""
    text = " ".join(str(text).split())
    if text_width(text, size, bold) > room:
        while text and text_width(text + "…", size, bold) > room:
            text = text[:-1]
        text = text.rstrip() + "…"
    direction = _direction(text) or ("rtl" if rtl_page else "ltr")
    same = (direction == "rtl") == rtl_page
    return Label(text, *at, "start" if same else "end", direction)


@functools.cache
def _widths(bold: bool) -> dict[str, float]:
    return json.loads(METRICS.read_text(encoding="utf-8"))["700" if bold else "400"]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is drawn at `size` in the diagram's font, at most (see `diagram_metrics`)."""
    widths = _widths(bold)
    return size * sum(widths.get(character, UNKNOWN_WIDTH) for character in text)


def _direction(text: str) -> str:
    """The direction of the first strongly directional character (as `dir="auto"` decides), or ""."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""
