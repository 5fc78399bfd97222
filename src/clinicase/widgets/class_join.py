"""The "Join a class" box of 00: the learner types the instructor's code, sees the pseudonym and
what is sent, and can leave with a click."""

from __future__ import annotations

import os
import threading
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import TextStyle

from ..classroom.client import ENV, ClassLink, JoinError
from ..i18n import N_, ui
from ..state import state
from .views import HTML, HBox, Text, VBox, bilingual_view, button, make, shared


class JoinClassBox(VBox):
    def __init__(self, link: ClassLink):
        self.link = link
        self._notice: tuple[str, dict] = ("", {})
        self.code = make(
            Text, "class-code",
            value=os.environ.get(ENV, ""),
            layout=shared(widgets.Layout, width="24em"),
            style=shared(TextStyle, description_width="initial"),
            description=lambda lang: ui("class_code_label", lang),
        )  # fmt: skip
        self.join_button = button("class_join", "class-join", primary=True)
        self.leave_button = button("class_leave", "class-leave", shown=link.joined)
        self.join_button.on_click(lambda _: self.join())
        self.leave_button.on_click(lambda _: self.leave())
        self.status = make(
            HTML, "class-status", value=self._status_html,
            follow=[(link, name) for name in ("sent", "queued", "reachable")],
        )  # fmt: skip
        self.form = HBox(
            [self.code, self.join_button],
            layout=widgets.Layout(display="none" if link.joined else "flex"),
        )
        super().__init__(
            [
                bilingual_view(
                    lambda lang: (
                        f"<h3>{ui('class_join_title', lang)}</h3>"
                        f"<p>{escape(ui('class_join_help', lang))}</p>"
                    )
                ),
                self.form,
                self.status,
                HBox([self.leave_button]),
            ],
            _dom_classes=("clinicase-class",),
        )
        if os.environ.get(ENV) and not link.joined:  # a hub or lab names the class: join now,
            threading.Thread(target=self.join, daemon=True).start()  # without holding the cell

    def join(self) -> None:
        try:
            self.link.join(self.code.value)
            self._notice = ("", {})
        except JoinError as error:
            self._notice = (error.key, error.values)
        self._draw()

    def leave(self) -> None:
        self.link.leave()
        self._notice = (N_("class_left"), {})
        self._draw()

    def _draw(self) -> None:
        joined = self.link.joined
        self.form.layout.display = "none" if joined else "flex"
        self.leave_button.layout.display = None if joined else "none"
        self.status.value = self._status_html(state.language)

    def _status_html(self, lang: str) -> str:
        joined = self.link.joined
        parts = []
        if self._notice[0]:
            key, values = self._notice
            parts.append(
                f'<p role="alert"><strong>✋ {escape(ui(key, lang, **values))}</strong></p>'
            )
        if joined:
            link = self.link
            who = escape(ui("class_joined", lang, pseudonym=link.pseudonym))
            what = escape(ui("class_what_is_sent", lang))
            parts.append(f"<p>✔ <strong>{who}</strong> {what}</p>")
            counts = ui("class_counts", lang, sent=link.sent, queued=link.queued)
            offline = "" if link.reachable else f" ⚠ {escape(ui('class_offline', lang))}"
            parts.append(f'<p aria-live="polite">{counts}{offline}</p>')
        return f'<div lang="{lang}">{"".join(parts)}</div>'
