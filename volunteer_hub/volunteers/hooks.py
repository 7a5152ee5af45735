"""Extension points for features that build on volunteers (projects, shifts).

A feature registers a section at import time (from its own views module)::

    from volunteer_hub.volunteers.hooks import personal_section, staff_section

    @personal_section("projects/_my_shifts.html", order=10)
    def my_shifts(volunteer, secret):
        return {"shifts": upcoming_shifts(volunteer)}

The template is included inside the "My service" section of the personal page
(``volunteers/me.html``, block ``assignments``, above the hours) or inside the
volunteer's staff page (``volunteers/detail.html``, block ``assignments``); its
variables are the returned dict under the name ``section``, plus the page's own
(``volunteer``, ``secret`` on the personal page). Return None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    build: Callable
    order: int = 100


PERSONAL_SECTIONS: list[Section] = []
STAFF_SECTIONS: list[Section] = []


def _register(registry, template, order):
    def decorator(build):
        if not any(s.template == template for s in registry):
            registry.append(Section(template, build, order))
            registry.sort(key=lambda s: s.order)
        return build

    return decorator


def personal_section(template: str, order: int = 100):
    """Register ``build(volunteer, secret) -> dict | None`` for the personal page."""
    return _register(PERSONAL_SECTIONS, template, order)


def staff_section(template: str, order: int = 100):
    """Register ``build(volunteer) -> dict | None`` for the staff volunteer page."""
    return _register(STAFF_SECTIONS, template, order)


def built(registry, *args) -> list[tuple[str, dict]]:
    """(template, context) of every registered section that has something to show."""
    sections = []
    for section in registry:
        context = section.build(*args)
        if context is not None:
            sections.append((section.template, context))
    return sections
