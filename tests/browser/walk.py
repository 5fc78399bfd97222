"""What a learner does on a Voilà page of the course, step by step, for the browser tests: choose
a language, commit every pause, open every reveal, answer every question (and ask for the whole
feedback after a first wrong answer), use the calculators."""

from __future__ import annotations

import contextlib
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

import clinicase
from clinicase.marking import right_answer
from clinicase.progress import PauseEntry, ProgressStore

CASE = clinicase.load_case()
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
# the options of a question, not its "how sure are you?"
OPTIONS = ".widget-radio:not(.clinicase-confidence) .widget-radio-box"


# Every output of the page that holds a widget shows it (Voilà renders them after the run).
RENDERED = """() => !document.querySelector('#loading') &&
  [...document.querySelectorAll('.jp-OutputArea-output')].every(o => o.textContent.trim() ||
    o.querySelector('.lm-Widget, img, .widget-html, .widget-box'))"""
BROKEN = "text=Error displaying widget"


def wait_ready(page) -> None:
    """Voilà has run every cell and shown every widget. On a loaded machine Voilà may draw an
    output before its widget's model has arrived ("model not found", for good): a learner would
    reload the page, and so does this, once."""
    page.wait_for_selector(".clinicase-language", state="visible")
    page.wait_for_function(RENDERED)
    if page.locator(BROKEN).count():
        page.reload()
        page.wait_for_selector(".clinicase-language", state="visible")
        page.wait_for_function(RENDERED)
    assert not page.locator(BROKEN).count(), "Voilà could not show every widget"


def switch_to(page, lang: str) -> None:
    """Choose `lang` and wait until no view of the course is left in the other language."""
    page.locator(".clinicase-language label", has_text=LANGUAGE_NAMES[lang]).click()
    page.wait_for_function(
        "lang => document.documentElement.lang === lang && ![...document.querySelectorAll("
        "'#rendered_cells [lang]')].some(e => e.lang !== lang && !e.closest('[role=alert]'))",
        arg=lang,
    )


def lesson_of(notebook: str):
    return next(lesson for lesson in CASE.lessons if lesson.notebook == notebook)


def commit_pauses(page) -> None:
    """Every reasoning or management pause committed, then revised; the synthesis written."""
    for pause in page.locator(".clinicase-pause").all():
        pause.locator(".pause-problem textarea").fill("Woman with limited SSc, calcinosis")
        pause.locator(".pause-rank-1 input").fill("Dystrophic calcinosis")
        pause.locator(".pause-rank-2 input").fill("Reflux")
        pause.locator("button.pause-commit").click()
        pause.locator(".pause-revision textarea").fill("Dystrophic calcinosis\nReflux")
        pause.locator(".pause-reflection input").fill("Ask for the calcium and phosphate")
        pause.locator("button.pause-save-revision").click()
        pause.locator("[role=status]").wait_for()
    for synthesis in page.locator(".clinicase-synthesis").all():
        for field in synthesis.locator("textarea").all():
            field.fill("Limited SSc with calcinosis")
        synthesis.locator("button.synthesis-commit").click()
        page.wait_for_selector(".clinicase-synthesis button.synthesis-commit[disabled]")


def reasoned_at_04(home: Path) -> None:
    """The learner whose progress is kept in `home` has committed 04's pause, which the report's
    discussion (revealed in 05, 06 and 07) waits for."""
    entry = PauseEntry(problem="Limited SSc with calcinosis", differential=["Calcinosis"])
    home.mkdir(parents=True, exist_ok=True)
    store = ProgressStore(home / f"progress-{CASE.id}.json", CASE.id, CASE)
    pause = CASE.pause_before("discussion").id
    store.update(lambda progress: progress.pauses.update({pause: entry}))


def open_reveals(page, lang: str = "en") -> None:
    """Every finding revealed, making each prediction a reveal stops at on the way; every
    collapsed part (caveats, sources, figures) opened."""
    for reveal in page.locator(".clinicase-reveal").all():
        done = reveal.locator(".reveal-status", has_text="✔")
        prediction = reveal.locator(".clinicase-prediction")
        while not done.count():
            reveal.locator("button.reveal-all:not([disabled])").click()
            done.or_(prediction).wait_for()
            if prediction.count():
                predict(prediction, lang)
    open_details(page)


def predict(box, lang: str) -> None:
    """A prediction made, the right one, and the box gone once the kernel has taken it."""
    finding = next(c for c in box.get_attribute("class").split() if c.startswith("prediction-"))
    made = CASE.prediction_for(finding.removeprefix("prediction-"))
    if made.kind == "single":
        right = next(option for option in made.options if option.correct)
        box.locator("label", has_text=right.text[lang]).first.click()
    else:
        box.locator("input").fill(made.accepted[lang][0])
    box.locator(f"button.{finding}-submit").click()
    box.wait_for(state="detached")


def open_maps(page) -> None:
    """Every clickable body map drawn: each waits behind a button until the learner opens it."""
    openers = page.eval_on_selector_all(
        "button[class*='region-open-']",
        "buttons => buttons.map(b => [...b.classList].find(c => c.startsWith('region-open-')))",
    )
    for opener in openers:
        page.locator(f"button.{opener}").click()
        page.locator(f".region-canvas-{opener.removeprefix('region-open-')} canvas").last.wait_for()


def open_details(page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def answer(page, question, lang: str = "en") -> None:
    """Answer a question of the bank as a learner might, then read the whole feedback."""
    box = page.locator(f".question-{question.id}")
    if question.kind in ("single", "region"):
        box.locator(f"{OPTIONS} label").first.click()
    elif question.kind == "multiple":
        box.locator(".widget-checkbox input").first.check()
    elif question.kind == "numeric":
        box.locator(f".question-input-{question.id} input").fill(f"{question.answer.value:g}")
    elif question.kind == "text":
        box.locator(f".question-input-{question.id} input").fill(right_answer(question, lang))
    elif question.kind == "longmenu":
        box.locator(f".menu-search-{question.id} input").fill(question.items[0].name[lang])
        box.locator(f"button.menu-add-{question.id}").click()
        box.locator(".menu-remove-0").wait_for()
    box.locator(".clinicase-confidence .widget-radio-box label").first.click()  # how sure
    box.locator(f"button.question-check-{question.id}").click()
    feedback = box.locator(".widget-html.question-feedback .clinicase")
    feedback.wait_for()
    if box.locator(".clinicase.question-feedback.first-try").count():  # a second chance
        box.locator(f"button.question-show-{question.id}").click()  # made with the feedback
        box.locator(".clinicase.question-feedback:not(.first-try)").wait_for()


def answer_all(page, notebook: str, lang: str = "en") -> None:
    lesson = lesson_of(notebook)
    menus = [m for m in CASE.long_menus if page.locator(f".question-{m.id}").count()]
    for question in (*menus, *CASE.questions_for(lesson.id)):
        answer(page, question, lang)


def use_calculators(page) -> None:
    if page.locator(".clinicase-mrss").count():
        page.locator("button.mrss-preset").click()
        page.locator("button.mrss-challenge-limited_7").click()
        page.locator(".clinicase-mrss [role=alert], .clinicase-mrss p").last.wait_for()
    if page.locator(".clinicase-acr-eular").count():
        page.locator(".acr-prediction input").fill("15")
        page.locator("button.acr-predict").click()
        page.locator("button.acr-apply:not([disabled])").click()
        page.locator(".acr-result").get_by_text("15").first.wait_for()


def do_everything(page, notebook: str, lang: str) -> None:
    """The notebook in its last state: nothing left to open, commit or answer."""
    commit_pauses(page)
    use_calculators(page)
    open_reveals(page, lang)  # the questions wait for every finding of the page
    answer_all(page, notebook, lang)
    open_details(page)  # what the answers released
    open_maps(page)
    page.locator(".clinicase.lesson-outro").wait_for()  # the key points, earned


# Text cut short on screen: a control's label or button wider than its box with the overflow
# hidden, or a drop-down whose chosen option is wider than the drop-down ("0 · nor").
CUT_SHORT = """() => {
  const cut = [];
  const pen = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('#rendered_cells *')) {
    if (!el.offsetParent) continue;
    const style = getComputedStyle(el);
    if (el.tagName === 'SELECT') {
      const option = el.options[el.selectedIndex];
      if (!option || el.multiple || el.size > 1) continue;
      pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (pen.measureText(option.text).width > room) cut.push(option.text);
      continue;
    }
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    if (text && clips && el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent.trim());
  }
  return cut;
}"""
# What runs off the side of the screen: how far the page scrolls sideways (a phone must not),
# and the course's blocks whose right edge is past the window (cut off by a widget's box).
SIDEWAYS = """() => { const c = document.querySelector('#rendered_cells');
  const past = [...c.querySelectorAll('.clinicase p, .clinicase li')]
    .filter(e => e.offsetParent && e.getBoundingClientRect().right > innerWidth + 1);
  return [c.scrollWidth - c.clientWidth, past.map(e => e.textContent.trim().slice(0, 60))]; }"""


def sideways_at(page, size: dict) -> tuple[int, list[str]]:
    """SIDEWAYS once the page has reflowed to a new window size. Chromium reports the new width
    at once but the widgets' boxes follow over the next frames, so a busy machine could measure
    the old layout in the new window; it waits (up to 5 s) for a clean reading, and reports the
    last one if none comes."""
    page.set_viewport_size(size)
    clean = f"""() => innerWidth === {size["width"]}
      && (([wide, past]) => wide <= 1 && !past.length)(({SIDEWAYS})())"""
    with contextlib.suppress(PlaywrightTimeout):  # a real overflow: measured and reported below
        page.wait_for_function(clean, polling="raf", timeout=5_000)
    sideways, past = page.evaluate(SIDEWAYS)
    return sideways, past
