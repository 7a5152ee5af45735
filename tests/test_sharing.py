"""Public pages shared in WeChat: description and image tags, icons, manifest."""

import json
import re

from volunteer_hub.extensions import db

PUBLIC = "https://volunteers.example.org"


def _meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{key}" content="([^"]*)"', html)
    assert found, key
    return found.group(1)


def test_drive_page_has_share_tags_on_the_public_address(app, client, flood_drive):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    flood_drive.public = True
    db.session.commit()
    html = client.get(
        "/drives/flood-relief?lang=zh", headers={"Host": "evil.example"}
    ).text
    assert _meta(html, "og:title") == "洪灾救援"
    assert _meta(html, "og:description") == _meta(html, "description") != ""
    assert _meta(html, "og:url") == f"{PUBLIC}/drives/flood-relief"
    assert _meta(html, "og:image") == f"{PUBLIC}/static/img/icon-512.png"
    assert "evil.example" not in html


def test_signup_page_has_share_tags(app, client, org):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    html = client.get("/signup?lang=zh").text
    assert _meta(html, "og:url") == f"{PUBLIC}/signup"
    assert _meta(html, "og:image").startswith(PUBLIC + "/static/img/")
    assert "协调员会给您回电话" in _meta(html, "description")


def test_icons_and_manifest_are_served(client, org):
    html = client.get("/signup").text
    for path in re.findall(
        r'<link rel="(?:icon|apple-touch-icon|manifest)" href="([^"]+)"', html
    ):
        assert client.get(path).status_code == 200, path
    response = client.get("/static/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.data)
    assert manifest["name"].startswith("志愿者中心")
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    touch = client.get("/static/img/apple-touch-icon.png").data
    assert touch[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(touch[16:20]) == 180
