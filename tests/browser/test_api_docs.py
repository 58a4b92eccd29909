"""The API's documentation page in a real browser: Swagger UI draws the API's operations from its schema,
with no Content-Security-Policy violation (the site allows no inline script or style)."""

import pytest

from tests.browser import test_csp
from tests.browser.test_csp import assert_no_violations, visit

csp_violations = test_csp.csp_violations  # the fixture


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_swagger_ui_draws_the_api_with_no_csp_violation(
    page, seeded_live_server, csp_violations, capture_on_desktop_and_phone, lang
):
    visit(page, f"{seeded_live_server.url}/{lang}/api/", csp_violations)
    operations = page.locator("#swagger-ui .opblock-summary-path")
    operations.first.wait_for()
    paths = {path.strip() for path in operations.all_inner_texts()}
    assert {"/api/organizations/", "/api/organizations/{slug}/", "/api/sources/"} <= paths
    # Opening an operation shows its documented answers.
    page.locator("#swagger-ui .opblock-summary").first.click()
    page.locator("#swagger-ui .responses-table").first.wait_for()
    assert page.locator("#swagger-ui .response-col_status", has_text="429").count() >= 1
    capture_on_desktop_and_phone(page, f"api-docs-{lang}")
    assert_no_violations(page, csp_violations)
