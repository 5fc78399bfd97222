"""The interface key naming each term of the case vocabulary (sites, grades, criteria, kinds…):
written out one by one, so that every key is visible where it is defined."""

from __future__ import annotations

from . import N_

MRSS_SITE = {
    "face": N_("site_face"),
    "anterior_chest": N_("site_anterior_chest"),
    "abdomen": N_("site_abdomen"),
    "fingers_right": N_("site_fingers_right"),
    "fingers_left": N_("site_fingers_left"),
    "hand_right": N_("site_hand_right"),
    "hand_left": N_("site_hand_left"),
    "forearm_right": N_("site_forearm_right"),
    "forearm_left": N_("site_forearm_left"),
    "upper_arm_right": N_("site_upper_arm_right"),
    "upper_arm_left": N_("site_upper_arm_left"),
    "thigh_right": N_("site_thigh_right"),
    "thigh_left": N_("site_thigh_left"),
    "leg_right": N_("site_leg_right"),
    "leg_left": N_("site_leg_left"),
    "foot_right": N_("site_foot_right"),
    "foot_left": N_("site_foot_left"),
}
MRSS_GRADE = (N_("grade_0"), N_("grade_1"), N_("grade_2"), N_("grade_3"))
SUBSET = {
    "none": N_("subset_none"),
    "limited": N_("subset_limited"),
    "diffuse": N_("subset_diffuse"),
}
ACR_EULAR_CRITERION = {
    "skin_thickening_proximal_to_mcp": N_("crit_skin_thickening_proximal_to_mcp"),
    "skin_thickening_of_fingers": N_("crit_skin_thickening_of_fingers"),
    "fingertip_lesions": N_("crit_fingertip_lesions"),
    "telangiectasia": N_("crit_telangiectasia"),
    "abnormal_nailfold_capillaries": N_("crit_abnormal_nailfold_capillaries"),
    "pah_and_or_ild": N_("crit_pah_and_or_ild"),
    "raynaud_phenomenon": N_("crit_raynaud_phenomenon"),
    "ssc_related_autoantibodies": N_("crit_ssc_related_autoantibodies"),
}
ACR_EULAR_ITEM = {
    "skin_thickening_proximal_to_mcp": N_("item_skin_thickening_proximal_to_mcp"),
    "puffy_fingers": N_("item_puffy_fingers"),
    "sclerodactyly": N_("item_sclerodactyly"),
    "digital_tip_ulcers": N_("item_digital_tip_ulcers"),
    "fingertip_pitting_scars": N_("item_fingertip_pitting_scars"),
    "telangiectasia": N_("item_telangiectasia"),
    "abnormal_nailfold_capillaries": N_("item_abnormal_nailfold_capillaries"),
    "pulmonary_arterial_hypertension": N_("item_pulmonary_arterial_hypertension"),
    "interstitial_lung_disease": N_("item_interstitial_lung_disease"),
    "raynaud_phenomenon": N_("item_raynaud_phenomenon"),
    "anticentromere": N_("item_anticentromere"),
    "anti_topoisomerase_i": N_("item_anti_topoisomerase_i"),
    "anti_rna_polymerase_iii": N_("item_anti_rna_polymerase_iii"),
}
CAVEAT_KIND = {
    "missing_data": N_("kind_missing_data"),
    "ambiguous": N_("kind_ambiguous"),
    "disputed": N_("kind_disputed"),
    "confounded": N_("kind_confounded"),
    "unverified": N_("kind_unverified"),
}
SIDE = {
    "bilateral": N_("side_bilateral"),
    "left": N_("side_left"),
    "right": N_("side_right"),
    "unspecified": N_("side_unspecified"),
}
TOPIC = {
    "diagnosis": N_("topic_diagnosis"),
    "scores": N_("topic_scores"),
    "distribution": N_("topic_distribution"),
    "treatment": N_("topic_treatment"),
}
BODY_VIEW = {"front": N_("fig_view_front"), "back": N_("fig_view_back")}
BODY_MAP_TITLE = {
    "patient": N_("fig_title_patient"),
    "usual": N_("fig_title_usual"),
    "skin": N_("fig_title_skin"),
}
LIKELIHOOD = {
    "most_likely": N_("likelihood_most_likely"),
    "cant_miss": N_("likelihood_cant_miss"),
    "less_likely": N_("likelihood_less_likely"),
}
