"""The map's shapes file is what the build command makes of the datasets."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from devtools import maps as build


class TestShapesFile:
    def test_the_build_command_reproduces_the_committed_file(self):
        call_command("build_map_shapes", check=True, stdout=StringIO())

    def test_check_fails_on_a_file_out_of_date(self, tmp_path):
        stale = tmp_path / "shapes.json"
        stale.write_text(build.OUTPUT.read_text(encoding="utf-8").replace('"MA"', '"XX"'), encoding="utf-8")
        with pytest.raises(CommandError, match="out of date"):
            call_command("build_map_shapes", check=True, output=stale, stdout=StringIO())
        call_command("build_map_shapes", output=stale, stdout=StringIO())
        assert stale.read_bytes() == build.OUTPUT.read_bytes()

    def test_it_is_small_and_has_the_countries_and_the_twelve_regions(self):
        assert build.OUTPUT.stat().st_size < 60_000
        shapes = json.loads(build.OUTPUT.read_text(encoding="utf-8"))["shapes"]
        assert set(build.MENA) <= {code for code, s in shapes.items() if s["kind"] == "country"}
        regions = {code for code, s in shapes.items() if s["kind"] == "region"}
        assert regions == {f"MA-{n:02}" for n in range(1, 13)}

    def test_its_licences_sit_next_to_it(self):
        folder = build.OUTPUT.parent
        attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
        assert "Natural Earth" in attribution and "Open Database License" in attribution
        assert "Open Database License" in (folder / "ODbL-1.0.txt").read_text(encoding="utf-8")
