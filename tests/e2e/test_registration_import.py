"""An organiser imports a registration list from the console, in Debian's chromium.

A 20-row XLSX with 3 bad rows: the preview names the 3 rows and their columns, the import
creates the 17 good organisations with their delegates, and the same file again creates
nothing new.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchforum.organisations.models import Delegate, Organisation
from tests.factories import UserFactory, forum_build
from tests.organisations.test_registration_import import BAD, _twenty_rows

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def _preview(page, url: str, path) -> None:
    page.goto(f"{url}/console/import/")
    page.set_input_files("#id_file", str(path))
    page.click("button[value=preview]")
    expect(page.locator("#import-report h2")).to_contain_text("Preview of list.xlsx")


def test_organiser_imports_a_list_with_bad_rows_twice(live_server, new_context, tmp_path):
    forum = forum_build()
    organiser = UserFactory(
        email="import-organiser@example.org", is_organiser=True, password=PASSWORD
    )
    path = tmp_path / "list.xlsx"
    path.write_bytes(_twenty_rows())
    page = new_context().new_page()
    url = live_server.url
    page.goto(f"{url}/accounts/sign-in/?next=/console/")
    page.fill("#id_username", organiser.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Organiser console")

    _preview(page, url, path)
    rows = page.locator("#import-errors tbody tr")
    expect(rows).to_have_count(3)
    shown = {
        (
            int(rows.nth(i).locator("td").nth(0).inner_text()),
            rows.nth(i).locator("td").nth(1).inner_text(),
        )
        for i in range(3)
    }
    assert shown == {(row, column) for row, (column, _value) in BAD.items()}
    expect(page.locator("#import-report")).to_contain_text("Organisations to create: 17")
    assert not Organisation.objects.exists()

    page.click("button[value=confirm]")
    expect(page.locator("#import-report h2")).to_contain_text("Imported from list.xlsx")
    expect(page.locator("#import-report")).to_contain_text("Organisations created: 17")
    assert Organisation.objects.filter(forum=forum).count() == 17
    assert Delegate.objects.filter(organisation__forum=forum).count() == 17
    assert not Organisation.objects.filter(delegates__isnull=True).exists()

    _preview(page, url, path)
    expect(page.locator("#import-report")).to_contain_text("Organisations to create: 0")
    page.click("button[value=confirm]")
    expect(page.locator("#import-report")).to_contain_text("Organisations created: 0")
    assert Organisation.objects.count() == 17
    assert Delegate.objects.count() == 17
