"""The "Join a class" box of 00: the learner types the instructor's code, sees the pseudonym and
what is sent, and can leave with a click."""

from __future__ import annotations

import os
import threading
from html import escape

import ipywidgets as widgets

from ..classroom.client import ENV, ClassLink, JoinError
from ..i18n import N_, ui
from ..state import state
from .views import HTML, bilingual_view, button, follow, follow_language


class JoinClassBox(widgets.VBox):
    def __init__(self, link: ClassLink):
        self.link = link
        self._notice: tuple[str, dict] = ("", {})
        self.code = widgets.Text(value=os.environ.get(ENV, ""), layout=widgets.Layout(width="24em"))
        self.code.style.description_width = "initial"
        follow_language(self.code, "description", lambda lang: ui("class_code_label", lang))
        self.code.add_class("class-code")
        self.join_button = button("class_join", "class-join", primary=True)
        self.leave_button = button("class_leave", "class-leave")
        self.join_button.on_click(lambda _: self.join())
        self.leave_button.on_click(lambda _: self.leave())
        self.status = HTML()
        self.status.add_class("class-status")
        self.form = widgets.HBox([self.code, self.join_button])
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
                widgets.HBox([self.leave_button]),
            ]
        )
        self.add_class("clinicase-class")
        follow(self.status, lambda _: self._draw(), (state, "language"),
               *((link, name) for name in ("sent", "queued", "reachable")))  # fmt: skip
        self._draw()
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
        lang = state.language
        joined = self.link.joined
        self.form.layout.display = "none" if joined else "flex"
        self.leave_button.layout.display = "flex" if joined else "none"
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
        self.status.value = f'<div lang="{lang}">{"".join(parts)}</div>'
