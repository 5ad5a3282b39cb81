"""The one font-fitting rule of the printable documents (agenda place boxes, badges)."""

from matchforum.core.pdf import POINT, a4_document, fitting_font_size


def test_one_line_takes_the_largest_size_that_fits_the_width():
    pdf = a4_document()
    assert fitting_font_size(pdf, "T 9", width=40, largest=30, smallest=8, style="B") == 30
    size = fitting_font_size(pdf, "Online room 12", width=40, largest=30, smallest=8, style="B")
    assert 8 < size < 30
    assert pdf.get_string_width("Online room 12") <= 40
    pdf.set_font("DejaVu", "B", size + 1)
    assert pdf.get_string_width("Online room 12") > 40  # one size larger would not fit


def test_a_text_too_wide_even_at_the_smallest_size_gets_the_smallest():
    pdf = a4_document()
    assert fitting_font_size(pdf, "W" * 80, width=20, largest=20, smallest=6) == 6
    assert pdf.font_size_pt == 6


def test_a_box_wraps_between_words_within_its_height():
    pdf = a4_document()
    pdf.add_page()
    name = "Oleksandra Kovalenko-Shevchenko"
    size = fitting_font_size(pdf, name, width=60, height=20, largest=26, smallest=8, style="B")
    line_height = size * POINT * 1.2
    lines = pdf.multi_cell(60, line_height, name, dry_run=True, output="LINES")
    assert len(lines) * line_height <= 20
    assert all(pdf.get_string_width(word) <= 60 for word in name.split())
    # a lower box takes a smaller size for the same text
    assert fitting_font_size(pdf, name, width=60, height=8, largest=26, smallest=5) < size
