"""The one way to start a printable A4 document: fpdf2 with DejaVu (Cyrillic, Baltic letters)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_FAMILY = "DejaVu"


class FontMissing(RuntimeError):
    """The Unicode font for PDFs is not installed (Debian package fonts-dejavu-core)."""


def a4_document(orientation: str = "P") -> FPDF:
    """An empty A4 document in millimetres with the DejaVu family ("" and "B") loaded."""
    if not FONT_REGULAR.is_file() or not FONT_BOLD.is_file():
        raise FontMissing(
            f"The DejaVu fonts are missing in {FONT_DIR}; install the Debian package "
            "fonts-dejavu-core to make PDFs."
        )
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font(FONT_FAMILY, "", str(FONT_REGULAR))
    pdf.add_font(FONT_FAMILY, "B", str(FONT_BOLD))
    return pdf


POINT = 25.4 / 72  # millimetres per typographic point


def fitting_font_size(
    pdf: FPDF,
    text: str,
    *,
    width: float,
    largest: int,
    smallest: int,
    style: str = "",
    height: float | None = None,
    leading: float = 1.2,
) -> int:
    """The largest font size, down to ``smallest``, at which ``text`` fits.

    Without ``height`` the text must fit ``width`` on one line; with it, the text wraps
    between words inside ``width`` × ``height`` (lines of ``size × leading`` points), and a
    word is split only when even the smallest size cannot hold it on one line. Leaves the
    document's font set to the size returned.
    """
    words = text.split() or [""]
    for size in range(largest, smallest, -1):
        pdf.set_font(FONT_FAMILY, style, size)
        if height is None:
            if pdf.get_string_width(text) <= width:
                return size
            continue
        line_height = size * POINT * leading
        lines = pdf.multi_cell(width, line_height, text, dry_run=True, output="LINES")
        whole_words = max(pdf.get_string_width(word) for word in words) <= width
        if len(lines) * line_height <= height and whole_words:
            return size
    pdf.set_font(FONT_FAMILY, style, smallest)
    return smallest
