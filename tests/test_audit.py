"""`make audit`'s verdict (devtools/audit/report.py): which figures miss issue 14's targets. The audit itself
is proven by running it (README, "Audit")."""

from devtools.audit.report import PageResult, misses, table


def on_target() -> PageResult:
    return PageResult(
        "home",
        "ar",
        lighthouse={"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100},
        cls=0.1,
        nu_errors=0,
        axe={"desktop": 0, "phone": 0},
    )


def test_figures_at_their_targets_pass():
    assert misses([on_target()]) == []


def test_each_figure_past_its_target_is_a_miss_naming_the_page():
    result = on_target()
    result.lighthouse["best-practices"] = 94
    result.cls = 0.101
    result.nu_errors = 1
    result.axe["phone"] = 2
    assert misses([result]) == [
        "home (ar): Lighthouse best-practices 94 < 95",
        "home (ar): layout shift 0.101 > 0.1",
        "home (ar): 1 Nu HTML Checker error(s)",
        "home (ar): 2 axe violation(s) on phone",
    ]


def test_a_tool_that_did_not_run_is_no_miss_but_one_that_failed_is():
    assert misses([PageResult("404", "en")]) == []
    assert misses([PageResult("404", "en", failures=["answered 500, not 404"])]) == [
        "404 (en): answered 500, not 404"
    ]


def test_the_table_has_a_row_per_page_and_language_and_a_dash_where_a_tool_did_not_run():
    lines = table([on_target(), PageResult("404", "en", nu_errors=3, failures=["x"])]).splitlines()
    assert lines[0].split() == [
        "page",
        "lang",
        "perf",
        "a11y",
        "b-p",
        "seo",
        "CLS",
        "Nu",
        "axe",
        "desktop",
        "axe",
        "phone",
    ]
    assert lines[1].split() == ["home", "ar", "95", "100", "95", "100", "0.100", "0", "0", "0"]
    assert lines[2].split() == ["404", "en", "–", "–", "–", "–", "–", "3", "–", "–", "!"]
