import threading

import pytest
from sqlalchemy import select

from volunteer_hub import clock
from volunteer_hub.errors import DomainError
from volunteer_hub.extensions import db
from volunteer_hub.numbering import (
    NumberSeries,
    allocate_number,
    change_pattern,
    format_number,
    validate_pattern,
)


def test_format_pads_and_fills_the_year():
    assert format_number("KF-{year}-{seq:06}", 2026, 42) == "KF-2026-000042"
    assert format_number("ZS{seq}", 0, 7) == "ZS7"


@pytest.mark.parametrize(
    "pattern", ["", "KF-{year}", "{seq}{seq}", "A{bad}{seq}", "<b>{seq}", "x" * 65]
)
def test_bad_patterns_are_refused(pattern):
    with pytest.raises(DomainError):
        validate_pattern(pattern)


def test_numbers_follow_each_other_and_restart_each_year(app, monkeypatch):
    from datetime import UTC, datetime

    first = [allocate_number("receipt", "KF-{year}-{seq:04}")[1] for _ in range(3)]
    assert first == [f"KF-{clock.now().year}-000{i}" for i in (1, 2, 3)]
    next_year = datetime(clock.now().year + 1, 1, 1, tzinfo=UTC)
    assert allocate_number("receipt", "ignored", at=next_year)[0] == 1


def test_a_back_dated_number_never_repeats_one_already_given(app):
    from datetime import UTC, datetime

    this_year = datetime(2026, 6, 1, tzinfo=UTC)
    last_year = datetime(2025, 12, 31, tzinfo=UTC)
    given = [
        allocate_number("intake", "RK{year}-{seq:05}", at=this_year)[1],
        allocate_number("intake", "ignored", at=last_year)[1],
        allocate_number("intake", "ignored", at=this_year)[1],
    ]
    assert given == ["RK2026-00001", "RK2026-00002", "RK2026-00003"]


def test_a_rolled_back_number_is_given_again(app):
    allocate_number("cert", "ZS-{seq:05}")
    db.session.commit()
    allocate_number("cert", "ZS-{seq:05}")
    db.session.rollback()
    assert allocate_number("cert", "ZS-{seq:05}") == (2, "ZS-00002")


def test_pattern_change_applies_to_later_numbers(app):
    allocate_number("cert", "ZS-{seq}")
    change_pattern("cert", "CERT/{year}/{seq:03}", "ZS-{seq}")
    seq, number = allocate_number("cert", "ZS-{seq}")
    assert seq == 2 and number.endswith("/002") and number.startswith("CERT/")


def test_concurrent_allocations_have_no_gaps_or_duplicates(app):
    """Eight threads, each with its own connection and transaction."""
    db.session.commit()
    taken, errors = [], []

    def worker():
        with app.app_context():
            try:
                for _ in range(10):
                    seq, _number = allocate_number("race", "R-{seq}")
                    db.session.commit()
                    taken.append(seq)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 81))
    series = db.session.scalar(select(NumberSeries).where(NumberSeries.code == "race"))
    db.session.refresh(series)
    assert series.next_number == 81
