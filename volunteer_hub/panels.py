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

The staff home page lists the day's work in the slot ``main.today``: a feature adds
one count there with ``register_count`` (a label, a function that counts, the list
page it links to and the lowest role that may open that page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, url_for

EXTENSION_KEY = "volunteer_hub.panels"
TODAY_SLOT = "main.today"
TODAY_TEMPLATE = "main/_today_item.html"


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    build: Callable[..., dict | None]
    order: int = 100
    # Tells apart panels that share one template (the home page's counts).
    key: str = ""


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
    key: str = "",
) -> None:
    """Add a panel to ``slot``; registering the same template (and key) twice
    keeps one."""
    registry: list[Panel] = app.extensions.setdefault(EXTENSION_KEY, [])
    if any((p.slot, p.template, p.key) == (slot, template, key) for p in registry):
        return
    registry.append(Panel(slot, template, build, order, key))
    registry.sort(key=lambda p: (p.slot, p.order, p.template, p.key))


def register_count(
    app: Flask,
    key: str,
    label,
    count: Callable[[], int],
    endpoint: str,
    *,
    role: str = "viewer",
    order: int = 100,
    **values,
) -> None:
    """Add one count of the day's work to the staff home page.

    ``label`` is a lazy string, ``count()`` returns how many things wait, and
    ``url_for(endpoint, **values)`` is the (filtered) list; only staff at or above
    ``role`` (the list page's own guard) see the count. The home page passes
    ``user=`` to the slot.
    """

    def build(user=None, **context) -> dict | None:
        if user is None or not user.has_role(role):
            return None
        return {
            "key": key,
            "label": label,
            "count": count(),
            "href": url_for(endpoint, **values),
        }

    register(app, TODAY_SLOT, TODAY_TEMPLATE, build, order, key=key)


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
