from flask import render_template
from flask_login import current_user
from sqlalchemy import text

from volunteer_hub.auth.access import public
from volunteer_hub.extensions import db
from volunteer_hub.main.blueprint import bp
from volunteer_hub.navigation import HOME_CARDS


@bp.get("/")
@public
def index():
    if current_user.is_authenticated:
        return render_template("main/dashboard.html")
    return render_template("main/index.html", home_cards=HOME_CARDS)


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return {"status": "error", "db": "error"}, 503
    return {"status": "ok", "db": "ok"}
