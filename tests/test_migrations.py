"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from volunteer_hub import create_app
from volunteer_hub.demo import run_loaders
from volunteer_hub.extensions import db


def _fresh_app(database_url, tmp_path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path),
        }
    )


def test_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    app = _fresh_app(url, tmp_path)
    with app.app_context():
        upgrade()
        engine = create_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        tables = set(inspect(engine).get_table_names())
        assert {"organisations", "users", "audit_events"} <= tables
        engine.dispose()


def test_downgrade_to_nothing_and_up_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"
    app = _fresh_app(url, tmp_path)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        engine = create_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "users" in inspect(engine).get_table_names()
        engine.dispose()


def test_going_back_before_0010_keeps_every_row(tmp_path):
    """The downgrades to 0009 rebuild tables on SQLite (0010 drops a column of
    drives, which intakes and pledges refer to): with the demonstration data
    in, every row of every table stays, and no foreign key is left broken."""
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    app = _fresh_app(url, tmp_path)
    with app.app_context():
        upgrade()
        run_loaders()
        db.session.commit()
        before = _row_counts(db.session.connection())
        db.session.remove()
        downgrade(revision="0009")
        engine = create_engine(url)
        with engine.connect() as connection:
            after = _row_counts(connection)
            columns = {c["name"] for c in inspect(connection).get_columns("drives")}
            violations = connection.execute(text("PRAGMA foreign_key_check")).all()
        engine.dispose()
        assert "page_version" not in columns and violations == []
        assert after == {name: before[name] for name in after}
        upgrade()
        again = _row_counts(db.session.connection())
        # Up again, 0011 prepares the seal the downgrade put back, and says so.
        prepared = db.session.execute(
            text("SELECT actor_label FROM audit_events ORDER BY id DESC LIMIT 1")
        ).scalar()
    assert before["drives"] and before["intakes"] and before["receipts"]
    assert again == dict(before, audit_events=before["audit_events"] + 1)
    assert prepared == "migration"


def _row_counts(connection) -> dict[str, int]:
    names = inspect(connection).get_table_names()
    return {
        name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
        for name in names
        if name != "alembic_version"
    }
