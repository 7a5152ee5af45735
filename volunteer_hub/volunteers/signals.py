"""Signals other features listen to (projects cancels future shifts on withdrawal).

Receivers run inside the sender's transaction: they may add and flush, never
commit.
"""

from blinker import Namespace

_signals = Namespace()

# sender: the Volunteer, already anonymised.
volunteer_withdrawn = _signals.signal("volunteer-withdrawn")
# sender: the Volunteer; keyword arguments old and new status.
volunteer_status_changed = _signals.signal("volunteer-status-changed")
