"""The Alembic migrations build exactly the schema the models describe."""

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from volunteer_hub import create_app
from volunteer_hub.drives import services as drives
from volunteer_hub.drives.donors import find_or_create_donor
from volunteer_hub.drives.intake import record_intake
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


def test_going_back_before_0010_keeps_the_drives_and_their_intakes(tmp_path):
    """0010's downgrade rebuilds the drives table on SQLite (a column is
    dropped): the drives, their goods and the intakes that refer to them stay."""
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    app = _fresh_app(url, tmp_path)
    counted = (
        "SELECT (SELECT count(*) FROM drives), (SELECT count(*) FROM drive_items),"
        " (SELECT count(*) FROM intakes), (SELECT count(*) FROM intake_lines),"
        " (SELECT group_concat(title_zh) FROM drives)"
    )
    with app.app_context():
        upgrade()
        _a_drive_with_an_intake()
        before = db.session.execute(text(counted)).one()
        db.session.remove()
        downgrade(revision="0009")
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text(counted)).one() == before
            columns = {c["name"] for c in inspect(connection).get_columns("drives")}
            assert "page_version" not in columns
            violations = connection.execute(text("PRAGMA foreign_key_check")).all()
            assert violations == []
        engine.dispose()
        upgrade()
        assert db.session.execute(text(counted)).one() == before
    assert before[:4] == (1, 1, 1, 1) and before[4] == "冬衣募集"


def _a_drive_with_an_intake() -> None:
    drive = drives.create_drive(
        title_zh="冬衣募集", title_en="Winter coats", slug="coats", beneficiary="居民"
    )
    item = drives.add_item(
        drive,
        name_zh="棉衣",
        name_en="Coat",
        unit="件",
        target_quantity=Decimal(100),
        reference_unit_value=None,
    )
    drives.set_drive_status(drive, "open")
    record_intake(
        drive,
        [
            {
                "item": item,
                "quantity_received": Decimal(5),
                "quantity_accepted": Decimal(5),
            }
        ],
        donor=find_or_create_donor(name="王芳", phone=None),
        counted_by_1="李华",
        counted_by_2="赵敏",
    )
    db.session.commit()
