"""The count of accepted intakes without a receipt (staff home), the list on
the batches page and a drive's batch: a few SELECTs, whatever the number of
intakes."""

from sqlalchemy import event

from volunteer_hub.drives.intake.services import reverse_intake
from volunteer_hub.extensions import db
from volunteer_hub.receipts.batch import intake_keys
from volunteer_hub.receipts.services import void_receipt
from volunteer_hub.receipts.today import intakes_without_receipt, unreceipted_intakes


def test_only_intakes_without_a_receipt_in_force_are_counted(
    make_donor_intake, make_receipt, make_intake, flood_drive, make_user
):
    staff = make_user(role="coordinator", name="刘洋")
    waiting = make_donor_intake()
    receipted = make_donor_intake()
    make_receipt(receipted)
    voided = make_donor_intake()
    void_receipt(make_receipt(voided), "金额写错了", by=staff)
    reversed_intake = make_donor_intake()
    reverse_intake(reversed_intake, "录错了", by=staff)
    water = next(item for item in flood_drive.items if item.name_zh == "瓶装水")
    make_intake(flood_drive, [(water, 5)])  # no donor: nobody to thank
    make_intake(flood_drive, [(water, 5, 0)])  # nothing accepted
    db.session.commit()
    db.session.refresh(flood_drive)  # loaded before the statements are counted

    statements = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        ids = [intake.id for intake in unreceipted_intakes()]
        count = intakes_without_receipt()
        keys = intake_keys(flood_drive)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    # The voided receipt's intake waits for a new one; the others do not.
    assert ids == [waiting.id, voided.id]
    assert count == 2
    assert keys == [f"intake:{waiting.id}", f"intake:{voided.id}"]
    # The list, its donors (one more SELECT for them all), the count, the
    # batch's keys.
    assert len(statements) == 4
    assert [intake.id for intake in unreceipted_intakes(limit=1)] == [waiting.id]


def test_the_batches_page_lists_the_first_and_counts_all(
    coordinator_client, make_donor_intake, monkeypatch
):
    from volunteer_hub.receipts.batches import views

    monkeypatch.setattr(views, "SHOWN", 2)
    intakes = [make_donor_intake() for _ in range(3)]
    page = coordinator_client.get("/receipts/batches?lang=en").get_data(as_text=True)
    listed = [f"/drives/intakes/{intake.id}" in page for intake in intakes]
    assert listed == [True, True, False]
    assert "and 1 more" in page
