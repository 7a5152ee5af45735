"""The text a coordinator pastes into a volunteers' chat group.

Plain lines, made to survive a paste into WeChat: a heading, then per shift
one line with date, time and place, one line with who is on it, one line with
how many more people it needs, and a blank line between shifts. No links and
no phone numbers.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from volunteer_hub.projects.labels import shift_when
from volunteer_hub.projects.models import Project, Shift


def _english() -> bool:
    return str(get_locale() or "zh").startswith("en")


def list_separator() -> str:
    """ "、" between names in Chinese, ", " in English."""
    return ", " if _english() else "、"


def _shift_lines(number: int, shift: Shift) -> list[str]:
    place = shift.place or shift.project.place
    lines = [f"{number}. {shift_when(shift)}" + (f" · {place}" if place else "")]
    holding = [a for a in shift.assignments if a.holds_time]
    if holding:
        names = list_separator().join(
            a.volunteer.name + (" ✓" if a.status == "confirmed" else "")
            for a in holding
        )
        colon = ": " if _english() else "："
        label = _("On the shift")
        lines.append(f"   {label}{colon}{names}")
    missing = shift.slots - len(holding)
    lines.append(
        "   " + (_("Still needed: %(n)d", n=missing) if missing > 0 else _("Full"))
    )
    return lines


def chat_text(project: Project, shifts: list[Shift]) -> str:
    """The whole message, in the current language (no trailing blank line)."""
    locale = str(get_locale() or "zh_Hans")
    heading = f"【{project.display_name(locale)}】"
    if project.place:
        heading += project.place
    blocks = [[heading]]
    blocks += [_shift_lines(n, shift) for n, shift in enumerate(shifts, start=1)]
    blocks.append([_("Reply to the coordinator if you can help. Thank you!")])
    return "\n\n".join("\n".join(block) for block in blocks)
