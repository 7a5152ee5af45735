"""URL rules whose URL builders are made when first used.

Werkzeug turns every rule into two small Python functions that build its URLs
(with and without extra query arguments), generating and compiling their code
when the rule is added. With some 170 rules that was most of ``create_app``'s
own time, about a tenth of a web worker's start (bench/NOTES.md, issue 17),
although a worker builds URLs for few of its rules and each builder is made
in a quarter of a millisecond. :class:`LazyRule` makes each builder the first
time it is called; matching is unchanged.
"""

from __future__ import annotations

from werkzeug.routing import Rule


class LazyRule(Rule):
    """A :class:`werkzeug.routing.Rule` whose builders are compiled on first use."""

    def _compile_builder(self, append_unknown: bool = True):
        attribute = "_build_unknown" if append_unknown else "_build"

        def build_first(rule: LazyRule, **values):
            # Werkzeug binds what this method returns to the rule; the first
            # call puts the real builder in its place, then uses it.
            real = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, attribute, real)
            return real(**values)

        return build_first
