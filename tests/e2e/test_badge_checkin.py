"""A badge printed from the console checks its delegate in through the scan page's camera.

Chromium's fake video capture plays a Y4M file made from the QR code embedded in the badge
PDF the organiser downloaded; the page decodes it with the vendored jsQR and posts it.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_running_today_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
WIDTH, HEIGHT = 640, 480


def write_y4m(picture: Image.Image, path, *, frames: int = 10) -> None:
    """A still picture as a YUV4MPEG2 video (4:2:0, grey: chroma at 128), centred on white."""
    frame = Image.new("L", (WIDTH, HEIGHT), 255)
    picture = picture.convert("L")
    picture.thumbnail((HEIGHT - 40, HEIGHT - 40), Image.NEAREST)
    frame.paste(picture, ((WIDTH - picture.width) // 2, (HEIGHT - picture.height) // 2))
    luma = np.asarray(frame, dtype=np.uint8).tobytes()
    chroma = bytes([128]) * ((WIDTH // 2) * (HEIGHT // 2))
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


def _sign_in(page, url: str, email: str, next_path: str) -> None:
    page.goto(f"{url}/accounts/sign-in/?next={next_path}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")


def test_a_printed_badge_is_scanned_and_checks_in(live_server, browser, new_context, tmp_path):
    forum = forum_running_today_build()
    organiser = UserFactory(email="desk@example.org", is_organiser=True, password=PASSWORD)
    delegate = DelegateFactory(
        user=UserFactory(full_name="Rūta Ąžuolaitė"),
        organisation=OrganisationFactory(forum=forum, name="Klaipėda Sonar", country="LT"),
    )
    url = live_server.url

    # The organiser prints the badge from the console.
    page = new_context().new_page()
    _sign_in(page, url, organiser.email, "/console/")
    pdf = page.request.get(f"{url}/console/onsite/badges/{delegate.pk}.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    badge = PdfReader(io.BytesIO(pdf.body())).pages[0]
    assert "Klaipėda Sonar" in badge.extract_text()
    qr = Image.open(io.BytesIO(badge.images[0].data))
    video = tmp_path / "badge.y4m"
    write_y4m(qr, video)

    # The desk's laptop: a browser whose camera films that badge.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera_browser.new_context()
        context.set_default_timeout(20_000)
        desk = context.new_page()
        errors = []
        desk.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        _sign_in(desk, url, organiser.email, "/console/onsite/scan/")
        expect(desk.locator("h1")).to_have_text("Scan badges")
        card = desk.locator('#scan-result [data-scan="checked-in"]')
        expect(card).to_be_visible()
        expect(card).to_contain_text("Rūta Ąžuolaitė")
        expect(card).to_contain_text("Klaipėda Sonar")
        expect(card).to_contain_text("Lithuania")
        delegate.refresh_from_db()
        assert delegate.checked_in_at is not None
        arrived = delegate.checked_in_at
        # The badge stays in front of the camera: the next read says so and changes nothing.
        again = desk.locator('#scan-result [data-scan="already"]')
        expect(again).to_be_visible()
        expect(again).to_contain_text("Already checked in at")
        delegate.refresh_from_db()
        assert delegate.checked_in_at == arrived
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        camera_browser.close()
