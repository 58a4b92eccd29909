"""The organizations list computes its results in memory (networks/results.py): the same rows, in the same
order, with the same counts as the database computes them for the exports and the API, page after page, on
the demo directory (many ties of score and name, several pages, every facet)."""

from collections import Counter
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict

from networks import facets, public
from networks.filters import OrganizationFilter
from networks.models import FacetValue, SearchDocument
from tests.test_demo_data import _generated_for_class, generated  # noqa: F401 (fixtures)

PAGE_SIZE = 20  # OrganizationListView.paginate_by


def commonest_name_word() -> str:
    words = Counter(
        word for names in SearchDocument.objects.values_list("names", flat=True) for word in names.split()
    )
    return words.most_common(1)[0][0]


def queries() -> list[str]:
    values = dict(FacetValue.objects.values_list("facet", "value"))
    word = commonest_name_word()
    return [
        "",
        "sort=-founded",
        f"country={values['country']}",
        f"country={values['country']}&kind={values['kind']}&sort=founded",
        f"cause={values['cause']}&cause={values['cause']}",
        f"q={word}",  # names and other texts: both tiers of the ranking
        f"q={word}&sort=name",
        f"q={word}&country={values['country']}",
        "q=women",
        "q=نساء&scope=national",
        "founded_from=1990",
    ]


def database_rows(query: str) -> list[str]:
    filterset = OrganizationFilter(QueryDict(query), queryset=public.organizations())
    assert filterset.is_valid()
    return list(filterset.qs.values_list("slug", flat=True))


def without_filter(filterset, excluding: str):
    """The FilterSet's rows with every filter but `excluding`, in SQL."""
    rows = filterset.queryset.all()
    for name, value in filterset.form.cleaned_data.items():
        if name != excluding:
            rows = filterset.filters[name].filter(rows, value)
    return rows


def database_counts(query: str) -> dict[str, dict[str, int]]:
    """Each facet counted over the rows of the other filters, as SQL computes it."""
    filterset = OrganizationFilter(QueryDict(query), queryset=public.organizations())
    assert filterset.is_valid()
    in_use = parse_qs(query)
    counts = {}
    for facet in facets.FACETS:
        rows = without_filter(filterset, facet.name) if facet.name in in_use else filterset.qs
        values = FacetValue.objects.filter(facet=facet.name, organization__in=rows.values("pk"))
        counts[facet.name] = dict(Counter(values.values_list("value", flat=True)))
    return counts


def page_rows(client, query: str) -> tuple[list[str], dict]:
    rows, page, counts = [], 1, None
    while True:
        response = client.get(
            "/en/organizations/", QueryDict(f"{query}&page={page}" if query else f"page={page}")
        )
        assert response.status_code == 200
        rows += [organization.slug for organization in response.context["page_obj"]]
        counts = counts or {facet["field"].name: facet for facet in response.context["facets"]}
        if not response.context["page_obj"].has_next():
            return rows, counts
        page += 1


@pytest.mark.usefixtures("generated")
class TestTheListIsTheDatabase:
    def test_every_page_holds_the_rows_of_the_database_in_its_order(self, client):
        for query in queries():
            rows, _ = page_rows(client, query)
            assert rows == database_rows(query), query

    def test_the_searches_reach_past_the_first_page(self, client):
        assert len(database_rows(f"q={commonest_name_word()}")) > PAGE_SIZE

    def test_the_facet_counts_are_the_database_counts(self, client):
        for query in queries():
            _, shown = page_rows(client, query)
            expected = database_counts(query)
            for name in facets.BY_NAME:
                counts = {o["value"]: o["count"] for o in shown[name]["options"] if o["count"]}
                assert counts == expected[name], (query, name)
