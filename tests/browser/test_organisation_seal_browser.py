"""An admin on a phone uploads the organisation's seal: a bad file first, then a
large photo of the seal; the page says what went wrong, then shows the seal."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, no_horizontal_scroll
from tests.fixtures.seals import photographed_seal


def _seed(live_server) -> None:
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    with live_server.app.app_context():
        create_organisation(name_zh="阳光社区志愿者协会", jurisdiction="cn")
        create_user(
            email="admin@example.org", name="周敏", role="admin", password=PASSWORD
        )
        db.session.commit()


def test_an_admin_uploads_a_photographed_seal_on_a_phone(live_server, phone):
    _seed(live_server)
    page = phone
    page.goto(live_server.url("/login"))
    page.fill("#email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url("/organisation/#seal"))
    seal = page.locator("section#seal")
    expect(seal).to_contain_text("最好是透明背景的 PNG")

    page.set_input_files(
        "#seal-image",
        files=[{"name": "seal.svg", "mimeType": "image/svg+xml", "buffer": b"<svg/>"}],
    )
    seal.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("不能使用以 .svg 结尾的文件")
    expect(seal.locator("img.preview")).to_have_count(0)

    photo = photographed_seal(1000)
    page.set_input_files(
        "#seal-image",
        files=[{"name": "公章.png", "mimeType": "image/png", "buffer": photo}],
    )
    seal.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("图片已上传")
    preview = seal.locator("img.preview")
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.naturalWidth") == 480
    assert no_horizontal_scroll(page)
