"""On plain HTTP with Secure session cookies (the production default) no form
can work; the page says why and what to do, instead of "this form has expired"."""

import pytest

pytestmark = pytest.mark.csrf


def post_without_session(app, base_url, lang):
    """What a browser sends on http:// when the session cookie is Secure: no cookie."""
    client = app.test_client()
    return client.post(
        f"/login?lang={lang}",
        data={"email": "li@example.org", "password": "x", "csrf_token": "stale"},
        base_url=base_url,
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ("普通 HTTP", "HTTPS", "SESSION_COOKIE_SECURE=false")),
        ("en", ("plain HTTP", "HTTPS", "SESSION_COOKIE_SECURE=false")),
    ],
)
def test_plain_http_with_secure_cookies_says_what_to_do(app, org, lang, words):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = post_without_session(app, "http://192.168.1.20", lang)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for word in words:
        assert word in html
    assert "expired" not in html and "已过期" not in html


@pytest.mark.parametrize(
    ("secure", "base_url"),
    [(True, "https://vh.example"), (False, "http://192.168.1.20")],
)
def test_otherwise_an_expired_form_is_called_expired(app, org, secure, base_url):
    app.config["SESSION_COOKIE_SECURE"] = secure
    html = post_without_session(app, base_url, "en").get_data(as_text=True)
    assert "This form has expired" in html and "SESSION_COOKIE_SECURE" not in html
