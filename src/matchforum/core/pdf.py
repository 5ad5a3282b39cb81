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
