"""clinicase: interactive, bilingual notebooks that teach one real clinical case.

`load_case()` gives the validated, immutable case; plotting and widget layers are imported only
by the notebooks that need them.
"""

from .loader import CaseDataError, Problem, available_cases, load_case, load_case_dir
from .model import LANGUAGES, REGIONS, STAGES, Case

__all__ = [
    "LANGUAGES",
    "REGIONS",
    "STAGES",
    "Case",
    "CaseDataError",
    "Problem",
    "available_cases",
    "load_case",
    "load_case_dir",
]
__version__ = "0.1.0"
