"""One way for a feature to add a panel to another feature's page.

A page that others may extend names a slot and shows what was registered for it::

    {% for template, panel in panels("volunteers.personal", volunteer=volunteer) %}
      {% include template %}
    {% endfor %}

A higher feature registers from its ``init_app`` (never at import)::

    panels.register(app, "volunteers.personal", "projects/_my_shifts.html",
                    build=my_shifts, order=10)

``build(**context)`` receives the page's keyword arguments and returns the panel's
variables (available in the included template as ``panel``) or None to show nothing.
The registry lives on the application, so two apps in one process do not share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

EXTENSION_KEY = "volunteer_hub.panels"


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    build: Callable[..., dict | None]
    order: int = 100


def init_app(app: Flask) -> None:
    """Give the app an empty registry and templates the ``panels(slot, ...)`` call."""
    app.extensions.setdefault(EXTENSION_KEY, [])
    app.jinja_env.globals["panels"] = shown


def register(
    app: Flask,
    slot: str,
    template: str,
    build: Callable[..., dict | None],
    order: int = 100,
) -> None:
    """Add a panel to ``slot``; registering the same template twice keeps one."""
    registry: list[Panel] = app.extensions.setdefault(EXTENSION_KEY, [])
    if any(p.slot == slot and p.template == template for p in registry):
        return
    registry.append(Panel(slot, template, build, order))
    registry.sort(key=lambda p: (p.slot, p.order, p.template))


def shown(slot: str, **context) -> list[tuple[str, dict]]:
    """(template, variables) of each panel of ``slot`` that has something to show."""
    result = []
    for panel in current_app.extensions.get(EXTENSION_KEY, []):
        if panel.slot != slot:
            continue
        variables = panel.build(**context)
        if variables is not None:
            result.append((panel.template, variables))
    return result
