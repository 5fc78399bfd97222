"""The score calculators, driven as a learner drives them: set values, read what is shown."""

from __future__ import annotations

import pytest
from casefiles import shown

import clinicase
from clinicase import course
from clinicase.state import state

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")
read = shown


def test_mrss_total_and_subset_follow_each_site():
    calc = course.mrss_calculator()
    assert "Total: 0 / 51" in read(calc.result) and "no skin thickening" in read(calc.result)
    calc.sites["fingers_right"].value = 3
    calc.sites["fingers_left"].value = 3
    assert "Total: 6 / 51" in read(calc.result) and "limited" in read(calc.result)
    calc.sites["upper_arm_left"].value = 1
    assert "Total: 7 / 51" in read(calc.result) and "diffuse" in read(calc.result)


def test_mrss_sites_read_like_a_body_with_the_patients_right_on_the_left():
    """Rows as the stylesheet's grid makes them: each site goes in the column its class names,
    and a site whose column is not after the last one's starts a new row."""
    calc = course.mrss_calculator()
    grid = calc.children[1]
    rows: list[dict[int, str]] = []
    for site in grid.children:
        (column,) = (int(c[-1]) for c in site._dom_classes if c.startswith("mrss-column-"))
        if not rows or column <= max(rows[-1]):
            rows.append({})
        rows[-1][column] = site.description
    assert len(grid.children) == 17 and len(rows) == 8
    assert rows[0] == {2: "Face"}
    assert rows[1] == {1: "Right upper arm", 2: "Anterior chest", 3: "Left upper arm"}
    assert rows[3] == {1: "Back of right hand", 3: "Back of left hand"}
    assert rows[-1] == {1: "Back of right foot", 3: "Back of left foot"}


def test_illustrative_seven_is_labelled_as_an_illustration():
    calc = course.mrss_calculator()
    calc.preset_button.click()
    shown = read(calc.result)
    assert "Total: 7 / 51" in shown and "limited" in shown
    assert "Illustration only: the report gives the total (7), not the sites." in shown
    assert "The fingers alone give at most 6" in shown
    calc.clear_button.click()
    assert "Total: 0 / 51" in read(calc.result) and "Illustration only" not in read(calc.result)


def test_mrss_grades_and_labels_in_french_keep_the_values():
    calc = course.mrss_calculator()
    calc.sites["face"].value = 2
    state.language = "fr"
    assert calc.sites["face"].value == 2 and calc.sites["face"].description == "Visage"
    assert calc.sites["face"].label == "2 · modéré"
    assert "Total : 2 / 51" in read(calc.result)


def test_acr_eular_checklist_applies_the_rules_live():
    calc = course.acr_eular_calculator()
    calc.items["puffy_fingers"].value = True
    calc.items["sclerodactyly"].value = True
    assert "Total: 4 points" in read(calc.result)  # only the higher counts
    calc.items["raynaud_phenomenon"].value = True
    calc.items["telangiectasia"].value = True
    assert "Total: 9 points" in read(calc.result) and "✔ Classified" in read(calc.result)
    calc.items["telangiectasia"].value = False
    assert "Total: 7 points" in read(calc.result) and "✘ Not classified" in read(calc.result)


def test_apply_to_this_patient_shows_both_readings_and_the_unknown():
    calc = course.acr_eular_calculator()
    calc.prediction.value = "12"
    calc.predict_button.click()
    calc.apply_button.click()
    shown = read(calc.result)
    assert "Total: 15 points" in shown and "✔ Classified" in shown
    assert "digital tip ulcers (2 points, total 15)" in shown
    assert "fingertip pitting scars (3 points, total 16)" in shown
    assert "(the sufficient criterion, 9 points) is unknown" in shown
    assert not calc.items["skin_thickening_proximal_to_mcp"].value
    assert not calc.items["anticentromere"].value

    calc.reading.value = "fingertip_pitting_scars"
    assert "Total: 16 points" in read(calc.result)
    assert (
        calc.items["fingertip_pitting_scars"].value and not calc.items["digital_tip_ulcers"].value
    )


def test_three_surest_items_alone_reach_nine():
    calc = course.acr_eular_calculator()
    calc.surest_button.click()
    shown = read(calc.result)
    assert "Total: 9 points" in shown and "✔ Classified" in shown
    assert "Raynaud's phenomenon (3)" in shown and "alone make 9 points" in shown
    assert sum(box.value for box in calc.items.values()) == 3


def test_acr_eular_says_it_classifies_and_when_it_does_not_apply_in_french():
    calc = course.acr_eular_calculator()
    state.language = "fr"
    header = read(calc.children[0])
    assert "ce ne sont pas des critères diagnostiques" in header
    assert "épargne les doigts" in header
    assert calc.items["sclerodactyly"].description.startswith("Sclérodactylie")
    assert calc.apply_button.description == "Appliquer à cette patiente"


def test_apply_opens_only_after_a_whole_number_is_predicted_and_the_prediction_is_kept():
    calc = course.acr_eular_calculator()
    assert calc.apply_button.disabled
    calc.apply_button.click()
    assert not calc.items["raynaud_phenomenon"].value  # nothing applied
    calc.prediction.value = "12,5"
    calc.predict_button.click()
    assert read(calc.prediction_note) == "✋ A total is a whole number from 0 to 28."
    assert calc.apply_button.disabled
    state.language = "fr"
    calc.prediction.value = "douze"
    calc.predict_button.click()
    assert read(calc.prediction_note).startswith("✋")
    calc.prediction.value = "14"
    calc.predict_button.click()
    assert not calc.apply_button.disabled
    assert read(calc.prediction_note).startswith("Votre prédiction : 14.")
    again = course.acr_eular_calculator()  # a restart: the prediction is read back
    assert again.prediction.value == "14" and not again.apply_button.disabled


def test_mrss_challenges_are_checked_with_the_score_and_saved():
    calc = course.mrss_calculator()
    calc.set_site_scores({"fingers_right": 3, "fingers_left": 3, "face": 1})
    calc.challenge_buttons["limited_7"].click()
    calc.challenge_buttons["diffuse_7"].click()
    text = read(calc.challenge_note)
    assert "✔ Check: 7, limited — met (total 7, limited" in text
    assert "✘ Check: 7, diffuse — not met yet (total 7, limited" in text
    calc.set_site_scores({"fingers_right": 3, "fingers_left": 3, "upper_arm_left": 1})
    calc.challenge_buttons["diffuse_7"].click()
    assert "✔ Check: 7, diffuse — met (total 7, diffuse" in read(calc.challenge_note)
    again = course.mrss_calculator()
    assert again.challenges == {"limited_7": True, "diffuse_7": True}
