"""ipywidgets views of the case. They render what the model and render layers say; they decide
nothing clinical."""

from .language import current_language, language_switch, set_language
from .views import bilingual_view, case_data_problem

__all__ = [
    "bilingual_view",
    "case_data_problem",
    "current_language",
    "language_switch",
    "set_language",
]
