"""What a widget does when focus moves in or out, made cheaper where the look
allows: its styles for each focus state are kept (``FocusStylesKept``), and a
widget whose drawing does not read focus is not drawn again
(``SameLookFocused``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.dom import DOMNode
from textual.widget import Widget

# The pseudo-classes whose state a kept style can be keyed by; a stylesheet
# that uses any other (:focus-within, :first-child, :odd, ...) is applied in
# full at every focus move, as Textual does.
_KEYABLE = frozenset(
    {
        "focus",
        "blur",
        "hover",
        "can-focus",
        "disabled",
        "enabled",
        "dark",
        "light",
        "inline",
        "ansi",
        "nocolor",
    }
)
# At most this many states kept per widget (size classes, hover, ...); a new
# theme or stylesheet empties them.
_KEEP = 16

if TYPE_CHECKING:
    _Mixin = Widget
else:
    # Mixed in before the widget class, and not a Widget itself: Textual
    # takes a widget's default CSS and component classes from its first
    # Widget base only.
    _Mixin = object

_Checks = tuple[Callable[[Widget], bool], ...]
_Snapshot = tuple[dict[str, Any], dict[str, Any], dict[Widget, dict[str, Any]]]


class FocusStylesKept(_Mixin):
    """Mixed in before a widget class: the widget keeps the styles it was
    given in each focus state, and puts them back when focus moves instead of
    applying the stylesheet again.

    Textual restyles a widget each time it gains or loses focus (a ``:focus``
    rule may change its look): every rule of the stylesheet is matched
    against the widget and against each of its component classes, ~1.3 ms
    for a table (Textual's DataTable has nine) and ~0.7 ms for a list. A tab
    switch moves focus out of one pane and into another, so it paid that
    twice. What the stylesheet gives a widget depends only on the rules and
    on the names, classes and pseudo-classes of the widget and its ancestors
    (what a selector can match); styles kept under exactly those are put back
    as they were computed. Anything else (a new theme or stylesheet, a class
    or a pseudo-class changed on an ancestor, scrollbars come or gone) misses
    and is applied in full, as before.

    It leans on Textual 8's internals (the base rules of ``Styles``, the
    component styles, the scrollbars restyled with a widget), pinned by
    ``tests/ui/test_focus_styles.py``: a widget restyled from what it kept
    must look exactly as one restyled in full."""

    _styles_rules: object = None
    _styles_kept: dict[tuple[object, ...], _Snapshot]
    _styles_checks: _Checks | None = None

    def watch_has_focus(self, has_focus: bool) -> None:
        self._follow_rules()
        key = self._state_key()
        chrome = self._chrome()
        kept = self._styles_kept.get(key) if key is not None and self.is_mounted else None
        if kept is None or kept[2].keys() != set(chrome):
            super().watch_has_focus(has_focus)  # applies the stylesheet
            self._keep(key, chrome)
            return
        base, components, bars = kept
        restyled = _put_back(self, base)
        if restyled:  # as Textual's restyle: nothing to tell when nothing changed
            self.notify_style_update()
        if self._component_styles != components:
            self._component_styles.clear()
            self._component_styles.update(components)
            self.refresh()
        # A scrollbar is drawn over the widget's background, which a focus
        # rule may tint: it is drawn again, as Textual's restyle has it. On
        # the screen now, it is repainted; otherwise (its pane being shown or
        # hidden) its drawing is thrown away, and the layout that shows it
        # draws it afresh, without an update of its own after that layout.
        repaint = restyled and self in self.screen._compositor.visible_widgets and _displayed(self)
        for bar, bar_rules in bars.items():
            _put_back(bar, bar_rules)
            if restyled:
                bar.notify_style_update()
                if repaint:
                    bar.refresh()
                else:
                    bar._set_dirty()

    def keep_styles(self) -> None:
        """Keep the styles the stylesheet just gave the widget (in full) for
        its state now. The off-screen rehearsal of a pane restyles the widget
        its visit focuses, in each focus state (tui/widgets/offscreen.py):
        kept, they are put back on the first visit too."""
        self._follow_rules()
        self._keep(self._state_key(), self._chrome())

    def _follow_rules(self) -> None:
        rules = self.app.stylesheet.rules
        if self._styles_rules is not rules:
            self._styles_rules, self._styles_kept = rules, {}
            self._styles_checks = _pseudo_checks(rules)

    def _keep(self, key: tuple[object, ...] | None, chrome: list[Widget]) -> None:
        if key is not None and self._keepable():
            if len(self._styles_kept) >= _KEEP:
                self._styles_kept.clear()
            self._styles_kept[key] = (
                dict(self.styles.base._rules),
                dict(self._component_styles),
                {bar: dict(bar.styles.base._rules) for bar in chrome},
            )

    def _keepable(self) -> bool:
        """Whether the styles just applied are whole and can be put back as
        they are: the widget is mounted and styled (each of its component
        classes has its styles), has no children (Textual restyles those with
        it) and no transition (Textual animates those)."""
        return (
            self.is_mounted
            and not self._nodes
            and self._component_styles.keys() == self._get_component_classes()
            and "transitions" not in self.styles.base._rules
        )

    def _state_key(self) -> tuple[object, ...] | None:
        """Everything a selector can match on, for this widget and its
        ancestors (None: the stylesheet matches on more than can be keyed)."""
        checks = self._styles_checks
        if checks is None:
            return None
        node: DOMNode | None = self
        key: list[object] = []
        while node is not None:
            if isinstance(node, Widget):
                key.append(
                    (
                        node,
                        node._id,
                        frozenset(node._classes),
                        tuple(check(node) for check in checks),
                    )
                )
            else:  # the app: its classes and pseudo-classes (theme, NO_COLOR)
                key.append((node, frozenset(node._classes), frozenset(node.get_pseudo_classes())))
            node = node._parent  # type: ignore[assignment]
        return tuple(key)

    def _chrome(self) -> list[Widget]:
        """The scrollbars Textual restyles with the widget (as
        ``Stylesheet.update_nodes`` picks them)."""
        if not self.is_scrollable:
            return []
        vertical = self.show_vertical_scrollbar and self.scrollbar_size_vertical
        horizontal = self.show_horizontal_scrollbar and self.scrollbar_size_horizontal
        bars: list[Widget] = []
        if vertical:
            bars.append(self.vertical_scrollbar)
        if horizontal:
            bars.append(self.horizontal_scrollbar)
        if vertical and horizontal:
            bars.append(self.scrollbar_corner)
        return bars


def _displayed(widget: Widget) -> bool:
    """Whether ``widget`` and every container it is in are displayed (a pane
    switched away from is not, although its widgets are)."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


def _put_back(widget: Widget, rules: dict[str, Any]) -> bool:
    """Set the rules of ``widget``'s styles that differ from ``rules`` (True
    if any did), as Textual's restyle sets them (it sets every rule; one set
    to the value it had changes nothing)."""
    base = widget.styles.base
    have = base._rules
    changed = [key for key in have.keys() | rules.keys() if have.get(key) != rules.get(key)]
    for key in changed:
        setattr(base, key, rules.get(key))
    return bool(changed)


def _pseudo_checks(rules: list[Any]) -> _Checks | None:
    used: set[str] = set().union(*(rule.pseudo_classes for rule in rules))
    if not used <= _KEYABLE:
        return None
    return tuple(Widget._PSEUDO_CLASSES[name] for name in sorted(used))


class SameLookFocused(FocusStylesKept):
    """Mixed in before a widget class: a widget whose drawing does not read
    its focus (the Gantt, a chart, the map) is not drawn again when focus
    moves in or out.

    Textual's Widget repaints a widget whole when it gains or loses focus, so
    it renders again: the Gantt builds its rows anew (~4 ms), a chart's text
    is cut into lines again (~4 ms), at every visit of the pane, which moves
    focus into it. A style that follows focus (a ``:focus`` rule) still
    repaints it: restyling does. Only the repaint is left out; the focus
    state and the ``:focus-within`` announcement to the parent are as
    Textual's."""

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()  # Widget's handler: the same, and a repaint
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))
