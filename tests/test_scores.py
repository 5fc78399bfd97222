"""The arithmetic of the scores, beyond doubt: every weight, every rule, every bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinicase.scores import (
    ACR_EULAR_CRITERIA,
    ACR_EULAR_ITEMS,
    MRSS_SITES,
    PROXIMAL_SITES,
    acr_eular_2013,
    cutaneous_subset,
    mrss,
)

ZERO = dict.fromkeys(MRSS_SITES, 0)


def grades(**sites: int) -> dict[str, int]:
    return {**ZERO, **sites}


def score(*items: str):
    return acr_eular_2013(dict.fromkeys(items, True))


# --- mRSS ----------------------------------------------------------------------------------


def test_mrss_sites_are_the_17_of_clements_in_order():
    assert len(MRSS_SITES) == 17 == len(set(MRSS_SITES))
    assert MRSS_SITES[:3] == ("face", "anterior_chest", "abdomen")
    assert MRSS_SITES[-2:] == ("foot_right", "foot_left")


def test_mrss_bounds_and_sum():
    assert mrss(ZERO) == 0
    assert mrss(dict.fromkeys(MRSS_SITES, 3)) == 51
    assert mrss(grades(face=1, fingers_right=3, fingers_left=3)) == 7


def test_seven_cannot_come_from_the_fingers_alone():
    assert mrss(grades(fingers_right=3, fingers_left=3)) == 6


@pytest.mark.parametrize("bad", [True, False, 1.0, 2.5, "2", None, 4, -1])
def test_mrss_refuses_a_grade_that_is_not_an_int_0_to_3(bad):
    with pytest.raises(ValueError, match=rf"'face' has {bad!r}"):
        mrss(grades(face=bad))


def test_mrss_refuses_an_unknown_site_naming_it():
    with pytest.raises(ValueError, match=r"unknown site 'back' \(value 2\)"):
        mrss({**ZERO, "back": 2})


def test_mrss_refuses_a_missing_site_naming_it():
    form = dict(ZERO)
    del form["foot_left"]
    with pytest.raises(ValueError, match=r"missing site.*'foot_left'"):
        mrss(form)


@pytest.mark.parametrize(
    ("sites", "subset"),
    [
        ({}, "none"),
        ({"fingers_right": 1}, "limited"),
        (
            {"face": 2, "hand_left": 1, "forearm_right": 3, "leg_left": 1, "foot_right": 2},
            "limited",
        ),
        ({"fingers_right": 1, "upper_arm_left": 1}, "diffuse"),
        ({"thigh_right": 1}, "diffuse"),
        ({"anterior_chest": 1}, "diffuse"),
        ({"abdomen": 1}, "diffuse"),
    ],
)
def test_subset_is_decided_by_distribution(sites, subset):
    assert cutaneous_subset(grades(**sites)) == subset


def test_a_low_total_can_be_diffuse_and_a_high_one_limited():
    assert cutaneous_subset(grades(abdomen=1)) == "diffuse"  # total 1
    distal = {**ZERO, **dict.fromkeys(set(MRSS_SITES) - PROXIMAL_SITES, 3)}
    assert mrss(distal) == 33 and cutaneous_subset(distal) == "limited"


# --- 2013 ACR/EULAR ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "points"),
    [
        ("skin_thickening_proximal_to_mcp", 9),
        ("puffy_fingers", 2),
        ("sclerodactyly", 4),
        ("digital_tip_ulcers", 2),
        ("fingertip_pitting_scars", 3),
        ("telangiectasia", 2),
        ("abnormal_nailfold_capillaries", 2),
        ("pulmonary_arterial_hypertension", 2),
        ("interstitial_lung_disease", 2),
        ("raynaud_phenomenon", 3),
        ("anticentromere", 3),
        ("anti_topoisomerase_i", 3),
        ("anti_rna_polymerase_iii", 3),
    ],
)
def test_each_weight(item, points):
    assert score(item).total == points


@pytest.mark.parametrize(
    ("items", "criterion", "points"),
    [
        (("puffy_fingers", "sclerodactyly"), "skin_thickening_of_fingers", 4),  # higher of
        (("digital_tip_ulcers", "fingertip_pitting_scars"), "fingertip_lesions", 3),  # higher of
        (("pulmonary_arterial_hypertension", "interstitial_lung_disease"), "pah_and_or_ild", 2),
        (("anticentromere", "anti_topoisomerase_i", "anti_rna_polymerase_iii"),
         "ssc_related_autoantibodies", 3),  # maximum 3
    ],
)  # fmt: skip
def test_higher_of_and_maximum_rules(items, criterion, points):
    result = score(*items)
    assert result.breakdown[criterion] == points == result.total


def test_threshold_is_nine():
    eight = score("sclerodactyly", "telangiectasia", "abnormal_nailfold_capillaries")
    assert (eight.total, eight.classified) == (8, False)
    nine = score("raynaud_phenomenon", "sclerodactyly", "abnormal_nailfold_capillaries")
    assert (nine.total, nine.classified) == (9, True)


def test_sufficient_criterion_alone_classifies():
    result = score("skin_thickening_proximal_to_mcp")
    assert result.classified and result.breakdown["skin_thickening_proximal_to_mcp"] == 9


def test_this_patient_scores_15_or_16_depending_on_the_scars():
    common = ("raynaud_phenomenon", "sclerodactyly", "telangiectasia",
              "abnormal_nailfold_capillaries", "interstitial_lung_disease")  # fmt: skip
    assert score(*common, "digital_tip_ulcers").total == 15
    assert score(*common, "fingertip_pitting_scars").total == 16


def test_missing_items_count_as_absent_and_false_counts_nothing():
    assert acr_eular_2013({}).total == 0
    assert acr_eular_2013(dict.fromkeys(ACR_EULAR_ITEMS, False)).total == 0


@pytest.mark.parametrize("bad", [1, 0, "yes", None, 1.0])
def test_acr_eular_refuses_a_value_that_is_not_a_bool(bad):
    with pytest.raises(ValueError, match=rf"'sclerodactyly' has {bad!r}"):
        acr_eular_2013({"sclerodactyly": bad})


def test_acr_eular_refuses_an_unknown_item_naming_it():
    with pytest.raises(ValueError, match=r"unknown item 'calcinosis' \(value True\)"):
        acr_eular_2013({"calcinosis": True})


@given(st.fixed_dictionaries({}, optional=dict.fromkeys(ACR_EULAR_ITEMS, st.booleans())))
def test_total_is_the_sum_of_the_breakdown_and_within_bounds(findings):
    result = acr_eular_2013(findings)
    assert result.total == sum(result.breakdown.values())
    assert 0 <= result.total <= sum(c.cap for c in ACR_EULAR_CRITERIA) == 28
    assert result.classified == (result.total >= 9)
    assert set(result.breakdown) == {c.id for c in ACR_EULAR_CRITERIA}


@given(st.fixed_dictionaries(dict.fromkeys(MRSS_SITES, st.integers(0, 3))))
def test_mrss_stays_within_0_and_51_and_subset_agrees(form):
    total = mrss(form)
    assert 0 <= total <= 51
    assert (cutaneous_subset(form) == "none") == (total == 0)


def test_a_criterion_is_built_from_its_weights_rule_and_cap():
    from clinicase.scores import Criterion, _criterion

    built = _criterion("fingers", "higher_of", 4, puffy_fingers=2, sclerodactyly=4)
    assert built == Criterion("fingers", {"puffy_fingers": 2, "sclerodactyly": 4}, "higher_of", 4)
    assert built.points({"puffy_fingers": True}) == 2
    assert built.points({"puffy_fingers": True, "sclerodactyly": True}) == 4


def test_a_form_that_is_not_a_mapping_is_refused_saying_what_came():
    with pytest.raises(ValueError) as error:
        mrss(["face"])
    assert str(error.value) == "mRSS: expected a mapping of site -> grade, got ['face']"
    with pytest.raises(ValueError) as error:
        acr_eular_2013("sclerodactyly")
    expected = "ACR/EULAR: expected a mapping of item -> True/False, got 'sclerodactyly'"
    assert str(error.value) == expected


def test_missing_sites_are_all_named():
    form = dict.fromkeys(MRSS_SITES[2:], 0)
    with pytest.raises(ValueError) as error:
        mrss(form)
    assert str(error.value) == "mRSS: missing site(s) 'face', 'anterior_chest'; all 17 are needed"
