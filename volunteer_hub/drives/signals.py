"""Signals other features listen to; drives never imports them.

``intake_recorded`` is sent by ``record_intake`` after the intake and its lines and
stock entries are flushed (same transaction, not yet committed), with
``sender=intake`` (an ``Intake``). Receipts connects to it to issue a receipt
automatically when the organisation chooses to. A reversing intake sends
``intake_reversed`` with ``sender=reversal`` and ``original=`` the reversed intake.
"""

from blinker import Namespace

_signals = Namespace()

intake_recorded = _signals.signal("intake-recorded")
intake_reversed = _signals.signal("intake-reversed")
