"""A fresh checkout has no compiled translations: the application compiles them
when it starts, so a server started without ``make`` still speaks Chinese."""

from __future__ import annotations

import os
import shutil

import pytest

from volunteer_hub import catalogues, create_app


@pytest.fixture
def fresh_checkout(tmp_path, monkeypatch):
    """The catalogues as git has them: .po files, no .mo."""
    source = tmp_path / "translations"
    shutil.copytree(catalogues.SOURCE, source)
    for mo in source.rglob("*.mo"):
        mo.unlink()
    monkeypatch.setattr(catalogues, "SOURCE", source)
    return source


def _home_page(tmp_path, database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    response = app.test_client().get("/login", headers={"Accept-Language": "zh-CN"})
    return response.get_data(as_text=True)


def test_zh_cn_gets_chinese_without_compiled_files(
    org, fresh_checkout, tmp_path, database_url
):
    page = _home_page(tmp_path, database_url)
    assert "登录" in page and "Log in" not in page
    assert sorted(p.parent.parent.name for p in fresh_checkout.rglob("*.mo")) == [
        "en",
        "zh_Hans",
    ]


def test_read_only_install_compiles_into_the_instance_folder(
    org, fresh_checkout, tmp_path, database_url, monkeypatch
):
    write = catalogues.compile_catalogue

    def read_only(po, mo):
        if fresh_checkout in mo.parents:
            raise PermissionError(13, "Read-only file system", str(mo))
        write(po, mo)

    monkeypatch.setattr(catalogues, "compile_catalogue", read_only)
    page = _home_page(tmp_path, database_url)
    assert "登录" in page
    assert not list(fresh_checkout.rglob("*.mo"))
    assert (tmp_path / "instance/translations/zh_Hans/LC_MESSAGES/messages.mo").exists()


def test_a_newer_catalogue_is_compiled_again(fresh_checkout, tmp_path):
    assert catalogues.compiled_translations(tmp_path / "unused") == str(fresh_checkout)
    mo = fresh_checkout / "zh_Hans/LC_MESSAGES/messages.mo"
    mo.write_bytes(b"left over from an older catalogue")
    os.utime(mo, (0, 0))  # older than the .po
    catalogues.compiled_translations(tmp_path / "unused")
    assert mo.read_bytes().startswith(b"\xde\x12\x04\x95")  # a real .mo again
