"""Badge PDFs: A6 badges, four to an A4 page with cut marks; a single badge is the same A6.

Each text has a fixed box on the badge and takes the largest font size at which all of it
fits there, wrapped over lines; the smallest sizes fit the longest names the models allow
(200 characters), so nothing is cut and nothing runs into the QR code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import qrcode
from django.utils.translation import gettext as _
from fpdf import FPDF

from matchforum.core.pdf import FONT_FAMILY, POINT, a4_document, fitting_font_size
from matchforum.organisations.models import Delegate

from .models import BadgeKey
from .services import badge_keys_ensure, badge_token

BADGE_WIDTH = 105.0  # A6: four to an A4 sheet
BADGE_HEIGHT = 148.5
MARGIN = 8.0
QR_SIZE = 54.0
LEADING = 1.2


@dataclass(frozen=True)
class TextBox:
    top: float  # from the badge's top edge, mm
    height: float
    largest: int  # font sizes in points
    smallest: int
    bold: bool = False


FORUM_BOX = TextBox(top=8, height=10, largest=10, smallest=5)
NAME_BOX = TextBox(top=21, height=34, largest=26, smallest=8, bold=True)
ORGANISATION_BOX = TextBox(top=57, height=17, largest=15, smallest=6)
COUNTRY_BOX = TextBox(top=75, height=8, largest=11, smallest=6)
QR_TOP = 86.0


def _fitted_text(pdf: FPDF, text: str, *, x: float, y: float, box: TextBox) -> None:
    width = BADGE_WIDTH - 2 * MARGIN
    size = fitting_font_size(
        pdf,
        text,
        width=width,
        height=box.height,
        largest=box.largest,
        smallest=box.smallest,
        style="B" if box.bold else "",
        leading=LEADING,
    )
    pdf.set_xy(x + MARGIN, y + box.top)
    pdf.multi_cell(width, size * POINT * LEADING, text, align="C", new_x="LEFT", new_y="NEXT")


def _qr_image(token: str):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(token)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image()


def _badge(pdf: FPDF, delegate: Delegate, key: BadgeKey, *, x: float, y: float) -> None:
    organisation = delegate.organisation
    pdf.set_text_color(90)
    _fitted_text(pdf, organisation.forum.name, x=x, y=y, box=FORUM_BOX)
    pdf.set_text_color(0)
    _fitted_text(pdf, str(delegate.user), x=x, y=y, box=NAME_BOX)
    _fitted_text(pdf, organisation.name, x=x, y=y, box=ORGANISATION_BOX)
    _fitted_text(pdf, str(organisation.country.name), x=x, y=y, box=COUNTRY_BOX)
    token = badge_token(delegate=delegate, key=key)
    pdf.image(
        _qr_image(token), x=x + (BADGE_WIDTH - QR_SIZE) / 2, y=y + QR_TOP, w=QR_SIZE, h=QR_SIZE
    )


def _cut_marks(pdf: FPDF) -> None:
    pdf.set_draw_color(180)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=2)
        pdf.line(BADGE_WIDTH, 0, BADGE_WIDTH, 2 * BADGE_HEIGHT)
        pdf.line(0, BADGE_HEIGHT, 2 * BADGE_WIDTH, BADGE_HEIGHT)


def badges_pdf(
    *, delegates: list[Delegate], on_progress: Callable[[int, int], None] | None = None
) -> bytes:
    """The delegates' badges in the given order, four to an A4 page (left to right, top down).
    `on_progress(done, total)` is called after each badge (the worker's progress)."""
    pdf = a4_document()
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(_("Badges"))
    keys = badge_keys_ensure(delegates=delegates)
    for index, delegate in enumerate(delegates):
        place = index % 4
        if place == 0:
            pdf.add_page()
            _cut_marks(pdf)
        _badge(
            pdf,
            delegate,
            keys[delegate.pk],
            x=(place % 2) * BADGE_WIDTH,
            y=(place // 2) * BADGE_HEIGHT,
        )
        if on_progress is not None:
            on_progress(index + 1, len(delegates))
    if not delegates:
        pdf.add_page()
        pdf.set_font(FONT_FAMILY, "", 14)
        pdf.set_xy(20, 20)
        pdf.cell(0, 12, _("No delegate of an approved organisation yet."))
    return bytes(pdf.output())
