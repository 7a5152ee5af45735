"""The roster: the filtered list, CSV export and import.

``volunteer_hub.volunteers.roster`` was a module before (the benchmark imports
it); its filter stays importable from here.
"""

from volunteer_hub.volunteers.roster.queries import (
    RosterFilter,
    roster_statement,
)

__all__ = ["RosterFilter", "roster_statement"]
