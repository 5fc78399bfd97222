"""The clinical scores of the case as pure, cited functions (no widgets, no plotting).

- Modified Rodnan skin score (mRSS): 17 sites, each graded 0-3 by palpation, total 0-51.
  Clements PJ et al., J Rheumatol 1993;20(11):1892-6 (`clements1993`); standardised by
  Khanna D et al., J Scleroderma Relat Disord 2017;2(1):11-18 (`khanna2017`).
- Cutaneous subset by the distribution of skin thickening, not by the score: limited when it
  stays distal to the elbows and knees (face and neck allowed), diffuse when it reaches the upper
  arms, thighs or trunk. LeRoy EC et al., J Rheumatol 1988;15:202-5 (`leroy1988`), as restated
  in BMC Rheumatol 2022 (`bmcrheum2022`).
- 2013 ACR/EULAR classification criteria for systemic sclerosis: van den Hoogen F et al.,
  Arthritis Rheum 2013;65(11):2737-47 (`vandenhoogen2013`). The total is the sum of the highest
  weight counted in each criterion; a total of 9 or more classifies. They classify, they do not
  diagnose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

MRSS_SITES: tuple[str, ...] = (
    "face", "anterior_chest", "abdomen",
    "fingers_right", "fingers_left", "hand_right", "hand_left",
    "forearm_right", "forearm_left", "upper_arm_right", "upper_arm_left",
    "thigh_right", "thigh_left", "leg_right", "leg_left", "foot_right", "foot_left",
)  # fmt: skip
MRSS_MAX_GRADE = 3

# Thickening at any of these sites makes the distribution diffuse (LeRoy 1988): proximal to the
# elbows or knees, or on the trunk.
PROXIMAL_SITES = frozenset(
    {"anterior_chest", "abdomen", "upper_arm_right", "upper_arm_left", "thigh_right", "thigh_left"}
)

ACR_EULAR_ITEMS: tuple[str, ...] = (
    "skin_thickening_proximal_to_mcp", "puffy_fingers", "sclerodactyly",
    "digital_tip_ulcers", "fingertip_pitting_scars", "telangiectasia",
    "abnormal_nailfold_capillaries", "pulmonary_arterial_hypertension",
    "interstitial_lung_disease", "raynaud_phenomenon",
    "anticentromere", "anti_topoisomerase_i", "anti_rna_polymerase_iii",
)  # fmt: skip
ACR_EULAR_THRESHOLD = 9


@dataclass(frozen=True)
class Criterion:
    """One criterion of the 2013 ACR/EULAR table: its items with their weights, and the rule
    that turns the items present into points ("higher of" the weights, or a maximum)."""

    id: str
    weights: Mapping[str, int]
    rule: str  # "single" | "higher_of" | "maximum"
    cap: int

    def points(self, present: Mapping[str, bool]) -> int:
        counted = [w for item, w in self.weights.items() if present.get(item)]
        return min(max(counted, default=0), self.cap)


def _criterion(id: str, rule: str, cap: int, **weights: int) -> Criterion:
    return Criterion(id, MappingProxyType(weights), rule, cap)


ACR_EULAR_CRITERIA: tuple[Criterion, ...] = (
    _criterion("skin_thickening_proximal_to_mcp", "single", 9, skin_thickening_proximal_to_mcp=9),
    _criterion("skin_thickening_of_fingers", "higher_of", 4, puffy_fingers=2, sclerodactyly=4),
    _criterion(
        "fingertip_lesions", "higher_of", 3, digital_tip_ulcers=2, fingertip_pitting_scars=3
    ),
    _criterion("telangiectasia", "single", 2, telangiectasia=2),
    _criterion("abnormal_nailfold_capillaries", "single", 2, abnormal_nailfold_capillaries=2),
    _criterion(
        "pah_and_or_ild",
        "maximum",
        2,
        pulmonary_arterial_hypertension=2,
        interstitial_lung_disease=2,
    ),
    _criterion("raynaud_phenomenon", "single", 3, raynaud_phenomenon=3),
    _criterion(
        "ssc_related_autoantibodies",
        "maximum",
        3,
        anticentromere=3,
        anti_topoisomerase_i=3,
        anti_rna_polymerase_iii=3,
    ),
)


@dataclass(frozen=True)
class AcrEularResult:
    total: int
    classified: bool
    breakdown: Mapping[str, int]  # criterion id -> points counted, after its rule


def _grades(site_scores: Mapping[str, int]) -> dict[str, int]:
    """Check an mRSS form: all 17 sites, each a whole number 0-3 (not a bool, float or text)."""
    if not isinstance(site_scores, Mapping):
        raise ValueError(f"mRSS: expected a mapping of site -> grade, got {site_scores!r}")
    for site, grade in site_scores.items():
        if site not in MRSS_SITES:
            raise ValueError(f"mRSS: unknown site {site!r} (value {grade!r})")
        if type(grade) is not int or not 0 <= grade <= MRSS_MAX_GRADE:
            raise ValueError(f"mRSS: site {site!r} has {grade!r}; a grade is a whole number 0-3")
    missing = [s for s in MRSS_SITES if s not in site_scores]
    if missing:
        raise ValueError(
            f"mRSS: missing site(s) {', '.join(map(repr, missing))}; all 17 are needed"
        )
    return dict(site_scores)


def mrss(site_scores: Mapping[str, int]) -> int:
    """The modified Rodnan skin score: the sum of 17 site grades (0-3 each), 0-51.
    Clements 1993; Khanna 2017."""
    return sum(_grades(site_scores).values())


def cutaneous_subset(site_scores: Mapping[str, int]) -> str:
    """'none' without skin thickening; 'diffuse' if any site proximal to the elbows or knees or on
    the trunk is thickened; otherwise 'limited' (distal sites, with or without the face).
    Decided by distribution, never by the total. LeRoy 1988."""
    grades = _grades(site_scores)
    if not any(grades.values()):
        return "none"
    return "diffuse" if any(grades[s] for s in PROXIMAL_SITES) else "limited"


def acr_eular_2013(findings: Mapping[str, bool]) -> AcrEularResult:
    """Score the 2013 ACR/EULAR criteria. `findings` maps item names (ACR_EULAR_ITEMS) to
    True/False; an item left out counts as absent. van den Hoogen 2013."""
    if not isinstance(findings, Mapping):
        raise ValueError(f"ACR/EULAR: expected a mapping of item -> True/False, got {findings!r}")
    for item, present in findings.items():
        if item not in ACR_EULAR_ITEMS:
            raise ValueError(f"ACR/EULAR: unknown item {item!r} (value {present!r})")
        if not isinstance(present, bool):
            raise ValueError(f"ACR/EULAR: item {item!r} has {present!r}; expected True or False")
    breakdown = {c.id: c.points(findings) for c in ACR_EULAR_CRITERIA}
    total = sum(breakdown.values())
    return AcrEularResult(total, total >= ACR_EULAR_THRESHOLD, MappingProxyType(breakdown))
