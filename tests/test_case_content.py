"""The case data says what the case report says, with units, sources and honest caveats."""

from __future__ import annotations

import pytest

import clinicase
from clinicase.loader import _walk

CASE = clinicase.load_case()

# Every fact of the case report (fact sheet §1), by the stage where a clinician meets it.
REPORT_FACTS = {
    "presentation": [
        "patient_profile", "onset_polyarthritis", "onset_raynaud", "subset_limited",
        "dysphagia", "dyspnoea",
    ],
    "examination": [
        "facial_telangiectasia", "sclerodactyly", "mrss", "mouth_opening",
        "digital_ulcer_scars", "subcutaneous_nodules", "nodule_sites",
    ],
    "investigations": [
        "radiograph_calcifications", "esr", "crp", "immunology_negative", "capillaroscopy",
        "endoscopy", "pulmonary_function", "chest_ct", "no_heart_kidney",
    ],
    "management": [
        "calcium_channel_blocker", "nsaid", "prednisone", "methotrexate", "colchicine",
        "treatment_aim",
    ],
    "outcome": ["outcome_joints", "outcome_nodules"],
    "discussion": [
        "claim_prevalence", "claim_usual_sites", "claim_nodule_course", "claim_dystrophic",
        "claim_ctd_association", "claim_universalis", "claim_duration", "claim_rare_in_limited",
        "claim_berger_score", "claim_treatments", "claim_localised_vs_diffuse",
        "claim_colchicine_credit",
    ],
}  # fmt: skip


@pytest.mark.parametrize("stage_id", list(REPORT_FACTS))
def test_every_fact_of_the_report_is_a_finding_of_its_stage(stage_id):
    found = {f.id for f in CASE.stage(stage_id).findings}
    assert set(REPORT_FACTS[stage_id]) <= found


@pytest.mark.parametrize(
    ("finding_id", "value", "unit", "unit_fr"),
    [
        ("esr", 43, "mm/h", "mm/h"),
        ("crp", 1, "mg/L", "mg/L"),
        ("mouth_opening", 1.5, "cm", "cm"),
        ("mrss", 7, "points", "points"),
        ("prednisone", 5, "mg/day", "mg/jour"),
        ("methotrexate", 10, "mg/week", "mg/semaine"),
        ("colchicine", 1, "mg/day", "mg/jour"),
    ],
)
def test_numbers_carry_their_units_in_both_languages(finding_id, value, unit, unit_fr):
    measurement = CASE.finding(finding_id).measurement
    assert measurement.value == value
    assert (measurement.unit.en, measurement.unit.fr) == (unit, unit_fr)


@pytest.mark.parametrize("finding_id", ["esr", "crp", "mouth_opening"])
def test_labs_have_a_reference_range_with_a_source(finding_id):
    rr = CASE.finding(finding_id).measurement.reference_range
    assert rr is not None and rr.refs and "poster" not in rr.refs
    assert rr.unit == CASE.finding(finding_id).measurement.unit


def test_esr_is_above_and_crp_below_their_ranges():
    esr, crp = (CASE.finding(i).measurement for i in ("esr", "crp"))
    assert esr.value > esr.reference_range.high
    assert crp.value < crp.reference_range.high


def test_patient_is_de_identified_and_matches_the_report():
    p = CASE.patient
    assert (p.pseudonym, p.sex, p.age_years, p.disease_duration_years) == (
        "Mme NN",
        "female",
        47,
        20,
    )


def test_calcinosis_sites_are_the_five_regions_of_the_report_read_as_bilateral():
    sites = {s.region: s.laterality for s in CASE.calcinosis_sites}
    assert sites == dict.fromkeys(
        ["shoulder", "elbow", "buttock", "thigh", "knee_medial"], "bilateral"
    )
    assert "plural" in CASE.laterality_reading.en and "pluriel" in CASE.laterality_reading.fr


@pytest.mark.parametrize(
    ("finding_id", "kind"),
    [
        ("immunology_negative", "ambiguous"),  # negative serology: which tests?
        ("dyspnoea", "ambiguous"),  # "stage II" of an unnamed scale
        ("claim_rare_in_limited", "disputed"),  # "very rare in limited SSc"
        ("endoscopy", "disputed"),  # congestive antral gastropathy is not GAVE
        ("claim_colchicine_credit", "confounded"),  # co-treatments
        ("radiograph_calcifications", "missing_data"),  # no calcium/phosphate work-up
        ("claim_berger_score", "unverified"),  # grades not found in any source
        ("digital_ulcer_scars", "ambiguous"),  # 2 or 3 ACR/EULAR points
    ],
)
def test_the_reports_ambiguities_carry_a_teaching_note(finding_id, kind):
    assert kind in {c.kind for c in CASE.caveats_for(finding_id)}


def test_statements_beyond_the_report_cite_a_non_poster_source():
    """An explanation or caveat teaches literature, not the report: it must say where from."""
    for f in CASE.findings:
        if f.explanation:
            assert set(f.refs) - {"poster"}, f.id
    for c in CASE.caveats:
        if c.kind in ("disputed", "unverified", "ambiguous"):
            assert set(c.refs) - {"poster"}, c.id


def test_key_references_are_present_with_identifiers():
    refs = {r.id: r for r in CASE.references}
    assert refs["vandenhoogen2013"].doi == "10.1002/art.38098"  # 2013 ACR/EULAR criteria
    assert refs["khanna2017"].doi == "10.5301/jsrd.5000231"  # mRSS standardisation
    assert refs["traineau2020"].pmid == "31302187"  # calcinosis treatment review
    poster = CASE.source
    assert poster.kind == "case_report" and "Charles Nicolle" in poster.institution
    assert poster.authors[0] == "Saidane O" and len(poster.authors) == 7


def test_every_reference_is_cited_and_every_citation_resolves():
    cited = {ref for _, field, value in _walk(CASE) if field == "refs" for ref in value}
    known = {r.id for r in CASE.references}
    assert cited <= known
    assert known - cited == set(), "references nobody cites"


def test_every_text_exists_in_both_languages_and_is_not_left_untranslated():
    texts = [v for _, _, v in _walk(CASE) if isinstance(v, clinicase.model.Text)]
    assert len(texts) > 150
    untranslated = [t.en for t in texts if t.en == t.fr and len(t.en.split()) > 2]
    assert untranslated == []


def test_case_is_immutable():
    with pytest.raises(ValueError):
        CASE.patient.age_years = 48
    assert isinstance(CASE.stages, tuple) and isinstance(CASE.stage("outcome").findings, tuple)
