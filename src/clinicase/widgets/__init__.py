"""ipywidgets views of the case. They render what the model and render layers say; they decide
nothing clinical."""

from .language import current_language, language_switch, remember_language, set_language
from .pause import ReasoningPauseWidget, pause_state
from .reveal import StageReveal
from .views import bilingual_view, button, case_data_problem, follow_language

__all__ = [
    "ReasoningPauseWidget",
    "StageReveal",
    "bilingual_view",
    "button",
    "case_data_problem",
    "current_language",
    "follow_language",
    "language_switch",
    "pause_state",
    "remember_language",
    "set_language",
]
