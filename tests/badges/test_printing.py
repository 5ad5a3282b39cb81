"""Badge PDFs: the delegate's name, organisation and a QR code that decodes to their token."""

import io

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from matchforum.badges.printing import NAME_BOX, ORGANISATION_BOX, QR_TOP, badges_pdf
from matchforum.badges.services import badge_token, badge_verify
from tests.factories import DelegateFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
A4_HEIGHT = 297 * MM


def _text_runs(page) -> list[tuple[str, float, float]]:
    """(text, x, y from the page's top in mm) of every run of text the page draws."""
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            runs.append((text, x / MM, (A4_HEIGHT - y) / MM))

    page.extract_text(visitor_text=visit)
    return runs


def _decoded(page) -> list[str]:
    found = []
    for image in page.images:
        picture = Image.open(io.BytesIO(image.data))
        found += [code.text for code in zxingcpp.read_barcodes(picture)]
    return found


def test_a_badge_carries_name_organisation_country_and_a_qr_code_that_decodes(forum):
    delegate = DelegateFactory(
        user=UserFactory(full_name="Oleksandra Łukaszewicz-Šimkūnė"),
        organisation=OrganisationFactory(forum=forum, name="Дніпро Дрон Системс", country="LT"),
    )
    reader = PdfReader(io.BytesIO(badges_pdf(delegates=[delegate])))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # wrapped lines joined
    assert "Oleksandra Łukaszewicz-Šimkūnė" in text
    assert "Дніпро Дрон Системс" in text
    assert "Lithuania" in text
    assert len(reader.pages[0].images) == 1
    assert _decoded(reader.pages[0]) == [badge_token(delegate=delegate)]
    assert badge_verify(forum=forum, token=_decoded(reader.pages[0])[0]) == delegate


def test_four_badges_to_a_sheet_each_with_its_own_code(forum, make_delegate):
    delegates = [make_delegate() for _ in range(5)]
    reader = PdfReader(io.BytesIO(badges_pdf(delegates=delegates)))
    assert len(reader.pages) == 2
    codes = _decoded(reader.pages[0]) + _decoded(reader.pages[1])
    assert sorted(codes) == sorted(badge_token(delegate=d) for d in delegates)


def test_long_names_wrap_inside_their_boxes_and_nothing_is_cut(forum):
    name = " ".join(["Maksymiliana-Konstantyna Wiśniewska-Żółkiewska"] * 4)[:200]
    organisation_name = ("Państwowe Zakłady Optoelektroniczne i Radiolokacyjne " * 4)[:200]
    delegate = DelegateFactory(
        user=UserFactory(full_name=name),
        organisation=OrganisationFactory(forum=forum, name=organisation_name),
    )
    page = PdfReader(io.BytesIO(badges_pdf(delegates=[delegate]))).pages[0]
    runs = _text_runs(page)
    flat = " ".join(text.strip() for text, _x, _y in runs)
    for word in set(name.split()) | set(organisation_name.split()):
        assert word in flat, word
    name_rows = [y for text, _x, y in runs if text.strip() and text.strip() in name]
    organisation_rows = [y for text, _x, y in runs if text.strip() in organisation_name]
    assert len(name_rows) > 1  # wrapped
    # Every line sits in its own box of the first badge (105 mm wide), above the QR code.
    assert all(NAME_BOX.top <= y <= NAME_BOX.top + NAME_BOX.height for y in name_rows)
    assert all(
        ORGANISATION_BOX.top <= y <= ORGANISATION_BOX.top + ORGANISATION_BOX.height
        for y in organisation_rows
    )
    assert all(0 <= x <= 105 and y < QR_TOP for _text, x, y in runs)
    assert _decoded(page) == [badge_token(delegate=delegate)]
