"""ipywidgets views of the case. They render what the model and render layers say; they decide
nothing clinical. They follow the course state (`clinicase.state`) until they are closed."""

from .language import language_switch
from .pause import (
    SYNTHESIS,
    ManagementPauseWidget,
    ReasoningPauseWidget,
    SynthesisWidget,
    pause_state,
)
from .reveal import StageReveal
from .views import bilingual_view, button, case_data_problem, close_view, follow_language

__all__ = [
    "SYNTHESIS",
    "ManagementPauseWidget",
    "ReasoningPauseWidget",
    "StageReveal",
    "SynthesisWidget",
    "bilingual_view",
    "button",
    "case_data_problem",
    "close_view",
    "follow_language",
    "language_switch",
    "pause_state",
]
