"""Score calculators: the learner sets the findings, `clinicase.scores` does the arithmetic.

The patient's own values come from the case data (scores.yaml); nothing clinical is decided here.
"""

from __future__ import annotations

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle

from ..html import widget_view
from ..i18n import N_, formatting, ui
from ..i18n.names import ACR_EULAR_CRITERION, ACR_EULAR_ITEM, MRSS_GRADE, MRSS_SITE, SUBSET
from ..marking import AnswerError, parse_number
from ..model import Case
from ..progress import ProgressStore
from ..scores import (
    ACR_EULAR_CRITERIA,
    acr_eular_2013,
    cutaneous_subset,
    mrss,
)
from .pause import notice_html
from .views import (
    HTML,
    Checkbox,
    Dropdown,
    GridBox,
    HBox,
    RadioButtons,
    Text,
    VBox,
    bilingual_view,
    button,
    make,
    shared,
)

# The 17 sites as a body seen from the front: the patient's right is on the viewer's left.
BODY_LAYOUT = (
    ("", "face", ""),
    ("upper_arm_right", "anterior_chest", "upper_arm_left"),
    ("forearm_right", "abdomen", "forearm_left"),
    ("hand_right", "", "hand_left"),
    ("fingers_right", "", "fingers_left"),
    ("thigh_right", "", "thigh_left"),
    ("leg_right", "", "leg_left"),
    ("foot_right", "", "foot_left"),
)


PREDICTION = "acr_eular_total"  # its key among the predictions of the progress file
ACR_EULAR_MAX = sum(c.cap for c in ACR_EULAR_CRITERIA)
# The mRSS challenges: a total and the subset the learner's sites must give with it.
MRSS_CHALLENGES = {
    "limited_7": (7, "limited", N_("mrss_challenge_limited_7")),
    "diffuse_7": (7, "diffuse", N_("mrss_challenge_diffuse_7")),
}


def _body_order() -> list[tuple[str, int]]:
    """The sites row by row, each with its column (1 to 3) in BODY_LAYOUT. In that order, the
    stylesheet's grid puts each site in its column and starts a new row whenever the column goes
    back: the body's shape, with no empty box sent for the gaps."""
    return [(site, n) for row in BODY_LAYOUT for n, site in enumerate(row, 1) if site]


def _site_score_options(lang: str) -> list[tuple[str, int]]:
    return [(ui(key, lang), score) for score, key in enumerate(MRSS_GRADE)]


class MrssCalculator(VBox):
    illustrated = traitlets.Bool(False, help="the sites show the report's illustrative total")
    challenges = traitlets.Dict(help="challenge id -> whether the learner's sites met it")

    def __init__(self, case: Case, store: ProgressStore | None = None):
        self.case, self.store = case, store
        self.sites: dict[str, widgets.Dropdown] = {}
        for site, column in _body_order():
            # sized by the stylesheet: the site's name above its grade, neither cut short
            self.sites[site] = make(
                Dropdown, f"mrss-site-{site}", f"mrss-column-{column}",
                options=_site_score_options,
                value=0,
                description=lambda lang, s=site: ui(MRSS_SITE[s], lang),
            )  # fmt: skip
        grid = GridBox(list(self.sites.values()), _dom_classes=("mrss-grid",))
        self.preset_button = button("mrss_preset", "mrss-preset", primary=True)
        self.clear_button = button("clear", "mrss-clear")
        self.preset_button.on_click(lambda _: self.show_illustration())
        self.clear_button.on_click(lambda _: self.set_site_scores({}))
        site_values = [(dropdown, "value") for dropdown in self.sites.values()]
        self.result = make(
            HTML, "mrss-result", value=self._result_html,
            follow=[(self, "illustrated"), *site_values],
        )  # fmt: skip
        header = bilingual_view(lambda lang: widget_view("mrss_header", lang))
        buttons = HBox([self.preset_button, self.clear_button])
        self.challenge_buttons = {}
        for challenge in MRSS_CHALLENGES:
            key = MRSS_CHALLENGES[challenge][2]
            check = button(key, f"mrss-challenge-{challenge}")
            check.on_click(lambda _, c=challenge: self.check_challenge(c))
            self.challenge_buttons[challenge] = check
        saved = store.read().challenges if store else {}
        self.challenges = {c: v for c, v in saved.items() if c in MRSS_CHALLENGES}
        self.challenge_note = make(HTML, value=self._challenges_html, follow=[(self, "challenges")])
        challenges = VBox(
            [
                bilingual_view(
                    lambda lang: widget_view("paragraph", ui("mrss_challenges", lang), lang)
                ),
                HBox(list(self.challenge_buttons.values())),
                self.challenge_note,
            ]
        )
        super().__init__(
            [header, grid, buttons, self.result, challenges], _dom_classes=("clinicase-mrss",)
        )

    def check_challenge(self, challenge: str) -> None:
        """Whether the sites set now give the challenge's total and subset (clinicase.scores)."""
        total, subset, _ = MRSS_CHALLENGES[challenge]
        scores = self.site_scores
        met = mrss(scores) == total and cutaneous_subset(scores) == subset
        self.challenges = {**self.challenges, challenge: met}
        if self.store is not None:
            self.store.update(lambda progress: progress.challenges.update({challenge: met}))

    def _challenges_html(self, lang: str) -> str:
        lines = [
            ui(N_("mrss_challenge_met") if met else N_("mrss_challenge_not_met"), lang,
               challenge=ui(MRSS_CHALLENGES[c][2], lang), total=mrss(self.site_scores),
               subset=ui(SUBSET[cutaneous_subset(self.site_scores)], lang))
            for c, met in self.challenges.items()
        ]  # fmt: skip
        return "".join(widget_view("paragraph", line, lang) for line in lines)

    @property
    def site_scores(self) -> dict[str, int]:
        return {site: dropdown.value for site, dropdown in self.sites.items()}

    def set_site_scores(self, scores: dict[str, int]) -> None:
        """Set every site at once (sites left out go to 0)."""
        self.illustrated = False
        for site, dropdown in self.sites.items():
            dropdown.value = scores.get(site, 0)

    def show_illustration(self) -> None:
        self.set_site_scores(dict(self.case.mrss_illustration.grades))
        self.illustrated = True

    def _result_html(self, lang: str) -> str:
        scores = self.site_scores
        subset = ui(SUBSET[cutaneous_subset(scores)], lang)
        note = self.case.mrss_illustration.note[lang] if self.illustrated else ""
        return widget_view("mrss_result", mrss(scores), subset, note, lang)


class AcrEularCalculator(VBox):
    note = traitlets.Unicode("", help="the key of the note under the total, if any")
    predicted = traitlets.Int(None, allow_none=True, help="the learner's committed total")
    refusal = traitlets.Unicode("", help="the key of the refusal of a prediction, if any")

    def __init__(self, case: Case, store: ProgressStore | None = None):
        self.case, self.store = case, store
        self.items: dict[str, widgets.Checkbox] = {}
        rows: list[widgets.Widget] = []
        for criterion in ACR_EULAR_CRITERIA:
            rows.append(
                bilingual_view(
                    lambda lang, c=criterion: widget_view(
                        "acr_criterion", ui(ACR_EULAR_CRITERION[c.id], lang), lang
                    )
                )
            )
            for item, weight in criterion.weights.items():
                box = make(
                    Checkbox, f"acr-item-{item}",
                    indent=True,
                    layout=shared(widgets.Layout, width="auto"),
                    description=lambda lang, i=item, w=weight: ui(
                        "item_points", lang, item=ui(ACR_EULAR_ITEM[i], lang), n=w
                    ),
                )  # fmt: skip
                self.items[item] = box
                rows.append(box)

        alternatives = [e.item for e in case.acr_eular_evidence if e.status == "alternative"]
        self.reading = make(
            RadioButtons, "acr-reading",
            options=lambda lang: self._reading_options(lang, alternatives),
            style=shared(DescriptionStyle, description_width="initial"),
            description=lambda lang: ui("scars_reading", lang),
        )  # fmt: skip
        self.reading.observe(lambda _: self._on_reading(), names="value")

        saved = store.read().predictions.get(PREDICTION) if store else None
        if saved is not None:
            self.predicted = saved
        self.apply_button = button(
            "apply_patient", "acr-apply", primary=True, disabled=self._apply_disabled()
        )
        self.surest_button = button("three_items", "acr-surest")
        self.clear_button = button("clear", "acr-clear")
        self.apply_button.on_click(lambda b: None if b.disabled else self.apply_to_patient())
        self.prediction = make(
            Text, "acr-prediction",
            value="" if saved is None else str(saved),
            layout=shared(widgets.Layout, width="20em"),
            style=shared(TextStyle, description_width="initial"),
            description=lambda lang: ui("acr_predict", lang),
        )  # fmt: skip
        self.predict_button = button("commit", "acr-predict")
        self.predict_button.on_click(lambda _: self.commit_prediction())
        self.prediction_note = make(
            HTML, value=self._prediction_html, follow=[(self, "predicted"), (self, "refusal")]
        )
        self.surest_button.on_click(lambda _: self.surest_items())
        self.clear_button.on_click(lambda _: self.set_items(set(), note=""))
        item_values = [(box, "value") for box in self.items.values()]
        self.result = make(
            HTML, "acr-result", value=self._result_html, follow=[(self, "note"), *item_values]
        )
        header = bilingual_view(lambda lang: widget_view("acr_header", lang))
        buttons = HBox([self.apply_button, self.surest_button, self.clear_button])
        predict = VBox([HBox([self.prediction, self.predict_button]), self.prediction_note])
        super().__init__(
            [header, *rows, predict, buttons, self.reading, self.result],
            _dom_classes=("clinicase-acr-eular",),
        )

    def commit_prediction(self) -> None:
        """Her total as the learner predicts it, before the report's items may be applied."""
        try:
            value = parse_number(self.prediction.value)
        except AnswerError as error:
            self.refusal = error.key
            return
        if value != int(value) or not 0 <= value <= ACR_EULAR_MAX:
            self.refusal = N_("acr_predict_range")
            return
        self.refusal, self.predicted = "", int(value)
        if self.store is not None:
            total = self.predicted
            self.store.update(lambda progress: progress.predictions.update({PREDICTION: total}))
        self.apply_button.disabled = self._apply_disabled()

    def _apply_disabled(self) -> bool:
        # In a student build the report's reading is the instructor's to give.
        return self.predicted is None or self.case.answers_withheld

    def _prediction_html(self, lang: str) -> str:
        if self.refusal:
            return notice_html(self.refusal, lang, max=ACR_EULAR_MAX)
        if self.predicted is None:
            return widget_view("paragraph", ui("acr_predict_first", lang), lang)
        return widget_view("paragraph", ui("acr_predicted", lang, n=self.predicted), lang)

    @property
    def findings(self) -> dict[str, bool]:
        return {item: box.value for item, box in self.items.items()}

    def set_items(self, present: set[str], note: str) -> None:
        self.note = note
        for item, box in self.items.items():
            box.value = item in present

    def apply_to_patient(self) -> None:
        """Tick what the report supports, with the chosen reading of the digital scars."""
        self.set_items(self._patient_items(self.reading.value), note="patient_applied")

    def surest_items(self) -> None:
        self.set_items(set(self.case.acr_eular_surest), note="three_items_note")

    def _patient_items(self, reading: str) -> set[str]:
        evidence = self.case.acr_eular_evidence
        return {e.item for e in evidence if e.status == "present"} | {reading}

    def _on_reading(self) -> None:
        if self.note == "patient_applied":
            self.apply_to_patient()

    @staticmethod
    def _reading_options(lang: str, items: list[str]) -> list[tuple[str, str]]:
        return [(ui(ACR_EULAR_ITEM[i], lang), i) for i in items]

    def _note_html(self, lang: str) -> str:
        if self.note == "patient_applied":
            totals = [
                acr_eular_2013(dict.fromkeys(self._patient_items(i), True)).total
                for _, i in self.reading.options
            ]
            return ui("patient_applied", lang, low=min(totals), high=max(totals))
        if self.note == "three_items_note":
            surest = self.case.acr_eular_surest
            names = formatting.items([_item_name(i, lang) for i in surest], lang)
            total = acr_eular_2013(dict.fromkeys(surest, True)).total
            return ui("three_items_note", lang, items=names, total=total)
        return ""

    def _result_html(self, lang: str) -> str:
        result = acr_eular_2013(self.findings)
        rows = [  # only the criteria that count: a column of zeros says nothing
            (ui(ACR_EULAR_CRITERION[c.id], lang), result.breakdown[c.id])
            for c in ACR_EULAR_CRITERIA
            if result.breakdown[c.id]
        ]
        verdict = ui("classified", lang) if result.classified else ui("not_classified", lang)
        return widget_view("acr_result", rows, result.total, verdict, self._note_html(lang), lang)


def _item_name(item: str, lang: str) -> str:
    """'Raynaud's phenomenon (3)': the item, or its criterion when that has a single item."""
    criterion = next(c for c in ACR_EULAR_CRITERIA if item in c.weights)
    key = ACR_EULAR_CRITERION[criterion.id] if criterion.rule == "single" else ACR_EULAR_ITEM[item]
    name = ui(key, lang)
    return f"{name} ({criterion.weights[item]})"
