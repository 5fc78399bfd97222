"""What a learner sees in the notebook views, driven as a learner drives them (no browser)."""

from __future__ import annotations

import inspect
import re
from html import unescape

import pytest
from casefiles import edit_yaml

import clinicase
from clinicase import course, html
from clinicase.i18n import formatting, ui
from clinicase.model import Finding, Text
from clinicase.state import state

CASE = clinicase.load_case()


@pytest.fixture(autouse=True)
def english_first(fresh_learner):
    """Each test's learner starts afresh, in English, in a folder of their own."""
    yield


def text_of(view) -> str:
    """The text a learner reads: tags dropped, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", view.value))


def test_language_switch_turns_every_view_to_french():
    switch = course.language_switch()
    patient, intro = course.patient_at_presentation(), course.lesson_intro("start")
    first = CASE.stage("presentation").findings[0]
    assert first.statement.en in text_of(patient) and 'lang="en"' in patient.value
    assert "Learning objectives" in text_of(intro.children[0])

    switch.value = "fr"  # the learner clicks "Français"

    assert first.statement.fr in text_of(patient) and 'lang="fr"' in patient.value
    assert first.statement.en not in text_of(patient)
    assert "Objectifs d'apprentissage" in text_of(intro.children[0])
    assert "Durée\u00a0: 10 minutes" in text_of(intro.children[0])


def test_views_created_after_the_switch_start_in_the_chosen_language():
    course.language_switch().value = "fr"
    assert "Source du cas" in text_of(course.case_source())
    assert "Comment utiliser ces carnets" in text_of(course.how_to_use())


def test_switch_has_text_labels_in_both_languages():
    """Radio buttons: the choice shows by a checked mark, not by colour alone."""
    switch = course.language_switch()
    assert [label for label, _ in switch.options] == ["English", "Français"]
    assert "Language" in switch.description and "Langue" in switch.description


def test_source_view_cites_the_poster_authors_and_department():
    shown = text_of(course.case_source())
    assert "Saidane O" in shown and "Zouari R" in shown
    assert "Service de Rhumatologie, Hôpital Charles Nicolle, Tunis" in shown
    assert "CC BY 4.0" in shown


@pytest.mark.usefixtures("fresh_learner")
def test_outro_links_the_next_notebook_and_the_last_says_so():
    outro = course.lesson_outro("start")  # no question in 00: open from the start
    assert '<a href="01_presentation.ipynb">' in outro.content.value
    assert "Open 01_presentation.ipynb: 1. Presentation" in text_of(outro.content)
    last = course.lesson_outro("review")
    assert "Locked: first write and commit your own synthesis" in text_of(last)
    course.my_synthesis().commit_button.click()  # incomplete: still locked
    assert "last notebook published so far" not in text_of(last)
    state.instructor = True
    try:
        assert "last notebook published so far" in text_of(last)
    finally:
        state.instructor = False


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "1.5 cm (reference: ≥ 3 cm)"), ("fr", "1,5 cm (référence\u00a0: ≥ 3 cm)")],
)
def test_measurements_use_the_decimal_mark_of_the_language(lang, expected):
    assert formatting.measurement(CASE.finding("mouth_opening").measurement, lang) == expected


def test_case_text_is_escaped_never_run_as_html():
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    finding = Finding(
        id="x", label=Text(en=evil, fr=evil), statement=Text(en="s", fr="s"), refs=("poster",)
    )
    shown = html.finding(finding, "en")
    assert "<script>" not in shown and "<img" not in shown
    assert evil in unescape(shown)


def test_broken_case_data_shows_a_bilingual_message_not_a_traceback(course_on_copy):
    edit_yaml(course_on_copy, "case.yaml", lambda d: d["patient"].pop("age_years"))
    view = course.patient_at_presentation()
    shown = text_of(view)
    assert "The case data could not be loaded" in shown
    assert "Les données du cas n'ont pas pu être chargées" in shown
    assert "patient.age_years: missing field 'age_years'" in shown
    assert 'role="alert"' in view.value


def test_berger_score_is_not_defined_and_published_tools_are_shown_instead():
    tools = text_of(course.calcinosis_tools())
    for tool in CASE.calcinosis_tools:
        assert tool.name.en in tools
    assert "Chung L, Valenzuela A, Fiorentino D" in tools  # the SCTC score's source
    berger = [c for c in CASE.caveats_for("claim_berger_score")]
    assert berger and all(c.kind == "unverified" for c in berger)
    assert "teaches no grades" in berger[0].note.en


def test_instructor_guide_views_hold_the_plans_key_and_misconceptions():
    plans = [text_of(view) for view in course.session_plans().children]
    assert "A 60-minute session" in plans[0] and "A 90-minute session" in plans[1]
    assert "05_scores.ipynb" in plans[0]
    key = text_of(course.answer_key())
    for question in CASE.questions:
        assert question.stem.en in key
    assert "Expected answer: 28.5 mm/h" in key and "Expected answer: sclerodactyly" in key
    assert key.count("★ Core (short session)") == sum(q.core for q in CASE.questions) > 0
    expert = text_of(course.expert_reasoning())
    assert all(p.problem_representation.en in expert for p in CASE.pauses)
    wrong = text_of(course.misconceptions())
    assert "✘ A low total skin score means limited disease." in wrong


def test_session_plans_add_up(case_copy):
    edit_yaml(
        case_copy, "instructor.yaml", lambda d: d["session_plans"][0]["steps"][0].update(minutes=9)
    )
    with pytest.raises(clinicase.CaseDataError, match="add up to 61 minutes, not 60"):
        clinicase.load_case_dir(case_copy)


def test_running_a_cell_again_replaces_its_view_and_the_old_one_stops_following():
    first, other = course.patient_at_presentation(), course.lesson_outro("scores")
    again = course.patient_at_presentation()
    assert first.comm is None and again.comm is not None, "the first view is closed"
    assert other.comm is not None, "another call's view stays"
    state.language = "fr"
    assert 'lang="fr"' in again.value and 'lang="fr"' in other.status.value
    assert 'lang="en"' in first.value


@pytest.mark.parametrize("name", course.__all__)
def test_shift_tab_shows_the_call_as_the_learner_makes_it(name):
    """IPython's Shift-Tab shows `inspect.signature`: no `case` the learner must not pass."""
    parameters = inspect.signature(getattr(course, name)).parameters
    assert "case" not in parameters
    assert parameters["case_id"].kind is inspect.Parameter.KEYWORD_ONLY


def test_a_call_signature_names_its_parameters_and_what_it_returns():
    signature = str(inspect.signature(course.reveal_stage))
    assert signature.startswith(
        "(stage_id: str, topic: str | None = None, *, figure: str | None = None, "
        "under: str | None = None, case_id: str | None = None)"
    )
    # with under=, the box holding the heading and the reveal
    assert signature.endswith(
        "-> clinicase.widgets.reveal.StageReveal | clinicase.widgets.views.VBox"
    )


def test_the_stylesheet_goes_to_the_page_once_and_no_view_has_inline_styles():
    from clinicase.widgets import views

    for holder in views._stylesheet_holder:
        holder.close()
    first, second = course.how_to_use(), course.open_questions()
    assert first.value.startswith("<style>") and ".clinicase .caveat" in first.value
    assert "<style>" not in second.value
    shown = [course.show_findings(*(f.id for f in CASE.findings)), course.my_reasoning()]
    assert all('style="' not in view.value for view in (first, second, *shown))
    first.close()
    assert course.references().value.startswith("<style>")  # the next view carries it again


def test_a_figure_that_would_give_a_stage_away_waits_until_the_stage_is_revealed():
    """The timeline ends with the six-month outcome: on the outcome's reveal, it appears once
    every outcome finding is revealed, in the learner's language, and not before."""
    from clinicase.figures import figure_html
    from clinicase.widgets.reading import reading

    course.opening("management")
    view = course.reveal_stage("outcome", figure="timeline")
    assert view.figure is None  # no model for it yet, and nothing given away
    view.next_button.click()
    assert view.figure is None
    view.all_button.click()
    figure = view.figure
    assert figure.value == figure_html(CASE, "timeline", "en")
    state.language = "fr"
    assert figure.value == figure_html(CASE, "timeline", "fr")
    assert reading(view, "fr").endswith(figure_html(CASE, "timeline", "fr"))  # a static page
    again = course.reveal_stage("outcome", figure="timeline")  # a restarted kernel: still there
    assert again.figure.value == figure.value


def test_a_figure_the_course_does_not_have_is_said_not_raised():
    text = text_of(course.reveal_stage("outcome", figure="nope"))
    assert "no figure 'nope'" in text
    # the notebook's call is at fault, not the case data, and the learner is told so in both
    for lang in ("en", "fr"):
        assert ui("notebook_error_title", lang) in text
        assert ui("data_error_title", lang) not in text


def test_a_language_choice_is_saved_before_any_view_shows_it():
    """A learner who switches and closes the tab at once finds the choice on the next page: the
    views follow the language only once it is on disk."""
    from clinicase.progress import store_for

    switch = course.language_switch()
    on_disk = []

    def view_follows(_) -> None:
        on_disk.append(store_for(CASE).read().language)

    state.observe(view_follows, names="language")
    try:
        switch.value = "fr"
    finally:
        state.unobserve(view_follows, names="language")
    assert on_disk == ["fr"]
