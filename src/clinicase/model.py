"""The typed, immutable model of a teaching case, and the schema of each case-data file.

Every learner-visible text is a `Text` (English and French, both required and non-empty).
The pydantic models here are also what `casedata/schema/*.schema.json` is generated from.
"""

# No `from __future__ import annotations`: pydantic would compile and evaluate each of the ~200
# field annotations from its text, ~13 ms of the first cell of every page.
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .i18n import LANGUAGES
from .scores import ACR_EULAR_ITEMS, MRSS_SITES

# Body regions a calcinosis site may name; the body map (plots) places each one.
REGIONS = ("shoulder", "elbow", "hand", "finger", "buttock", "thigh", "knee_medial")

STAGES = ("presentation", "examination", "investigations", "management", "outcome", "discussion")

# What a point of the report's discussion is about: the notebook that teaches it reveals it.
TOPICS = ("diagnosis", "scores", "distribution", "treatment")


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "text is empty")
    return value


def _in_every_language(value: dict, what: str) -> dict:
    for lang in LANGUAGES:
        if lang not in value:
            raise PydanticCustomError(
                "missing_translation",
                "missing translation: no '{lang}' ({name}) {what}",
                {"lang": lang, "name": _english_name(lang), "what": what},
            )
    return value


def _withheld(info: ValidationInfo) -> bool:
    """Whether the file being validated is a student build, with its answers left out."""
    return bool(info.context and info.context.get("answers_withheld"))


def _vocabulary(what: str, values: tuple[str, ...]):
    """A string type limited to `values`: the schema lists them, and so does the error."""

    def check(value: str) -> str:
        if value not in values:
            raise PydanticCustomError(
                "not_in_vocabulary",
                "{what} '{value}' is not in the vocabulary ({known})",
                {"what": what, "value": value, "known": ", ".join(values)},
            )
        return value

    return Annotated[
        str, Field(strict=True, json_schema_extra={"enum": list(values)}), AfterValidator(check)
    ]


NonEmpty = Annotated[str, Field(strict=True), AfterValidator(_non_empty)]
Id = Annotated[
    str,
    Field(strict=True, pattern=r"^[a-z0-9][a-z0-9_-]*$", description="lower-case identifier"),
]
RefIds = Annotated[
    tuple[Id, ...],
    Field(min_length=1, description="ids of entries in references.yaml backing this statement"),
]
Region = _vocabulary("region", REGIONS)
StageId = _vocabulary("stage", STAGES)
TopicId = _vocabulary("topic", TOPICS)
AcrEularItem = _vocabulary("ACR/EULAR item", ACR_EULAR_ITEMS)
MrssSite = _vocabulary("mRSS site", MRSS_SITES)
# NaN and infinity are refused: an infinite tolerance would make every answer right.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class Model(BaseModel):
    # defer_build: a file model builds its validator when a file is first validated (a case
    # from the cache needs none); a model inside it never builds one of its own
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Texts(Model):
    @model_validator(mode="before")
    @classmethod
    def _every_language(cls, data: object) -> object:
        if isinstance(data, dict):
            for lang in LANGUAGES:
                if lang not in data:
                    raise PydanticCustomError(
                        "missing_translation",
                        "missing translation: no '{lang}' ({name}) text",
                        {"lang": lang, "name": _english_name(lang)},
                    )
        return data

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        return getattr(self, lang)


def _english_name(lang: str) -> str:
    from babel import Locale  # only when a translation is missing

    return Locale.parse(lang).english_name


# A learner-visible text, in every language of the course (one field per language).
Text = create_model(
    "Text",
    __base__=_Texts,
    __module__=__name__,
    __doc__="A learner-visible text, in every language of the course.",
    **{lang: (NonEmpty, ...) for lang in LANGUAGES},
)


def _unit_shorthand(value: object) -> object:
    """A unit written once ("cm") is the same in every language."""
    return {lang: value for lang in LANGUAGES} if isinstance(value, str) else value


# A unit of measurement: one string when it reads the same in every language ("cm", "mg/L"),
# else one per language ({en: mg/day, fr: mg/jour}).
Unit = Annotated[
    Text,
    BeforeValidator(_unit_shorthand),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {lang: {"type": "string"} for lang in LANGUAGES},
                    "required": list(LANGUAGES),
                    "additionalProperties": False,
                },
            ],
            "description": "a unit: one string, or one per language",
        }
    ),
]

# Words a learner may use for the same thing, in each language (matched accent-insensitively).
Terms = Annotated[
    dict[Literal[LANGUAGES], Annotated[tuple[NonEmpty, ...], Field(min_length=1)]],
    Field(description="synonyms in each language, every language required"),
    AfterValidator(lambda terms: _in_every_language(terms, "terms")),
]


class Reference(Model):
    id: Id
    kind: Literal["case_report", "article", "book", "web"]
    authors: tuple[NonEmpty, ...] = ()
    title: NonEmpty
    container: NonEmpty | None = Field(None, description="journal, book, site or event")
    institution: NonEmpty | None = None
    year: Annotated[int, Field(strict=True, ge=1800, le=2100)] | None = None
    volume: NonEmpty | None = None
    pages: NonEmpty | None = None
    doi: Annotated[str, Field(strict=True, pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, Field(strict=True, pattern=r"^\d{1,9}$")] | None = None
    url: Annotated[str, Field(strict=True, pattern=r"^https?://\S+$")] | None = None
    note: Text | None = Field(None, description="what was checked, and what was not")
    title_after: Id | None = Field(
        None,
        description="a reasoning pause whose answer the title gives away: a learner's pages cite"
        " the source without its title until that pause is committed",
    )

    def short(self) -> str:
        """'Valenzuela et al., 2020': enough to recognise a source in a line of text."""
        if self.authors:
            surname = (
                self.authors[0].rsplit(" ", 1)[0] if " " in self.authors[0] else self.authors[0]
            )
            who = surname + (" et al." if len(self.authors) > 1 else "")
        else:
            who = self.container or self.title
        where = self.year or (self.container if self.authors else None)
        return f"{who}, {where}" if where else who

    def citation(self, titled: bool = True) -> str:
        """A one-line citation in Vancouver-like style (without the title if not `titled`)."""
        parts = [", ".join(self.authors)] if self.authors else []
        if titled:
            parts.append(self.title)
        if self.container:
            parts.append(self.container)
        if self.institution:
            parts.append(self.institution)
        where = str(self.year) if self.year else ""
        if self.volume:
            where += f";{self.volume}"
        if self.pages:
            where += f":{self.pages}"
        if where:
            parts.append(where)
        text = ". ".join(p.rstrip(".") for p in parts) + "."
        if self.doi:
            text += f" doi:{self.doi}."
        if self.pmid:
            text += f" PMID {self.pmid}."
        if self.url and not (self.doi or self.pmid):
            text += f" {self.url}"
        return text


class ReferenceRange(Model):
    low: Number | None = None
    high: Number | None = None
    unit: Unit
    basis: Text = Field(description="what the range is and whom it applies to")
    refs: RefIds

    @model_validator(mode="after")
    def _low_below_high(self) -> "ReferenceRange":
        if self.low is not None and self.high is not None and self.low > self.high:
            raise PydanticCustomError(
                "range_order", "the low end {low} is above the high end {high}",
                {"low": f"{self.low:g}", "high": f"{self.high:g}"},
            )  # fmt: skip
        return self


class Measurement(Model):
    value: Number
    unit: Unit
    reference_range: ReferenceRange | None = None


class Finding(Model):
    id: Id
    label: Text = Field(description="a short name, e.g. 'ESR'")
    statement: Text = Field(description="the fact, in the project's own words")
    explanation: Text | None = Field(None, description="why it matters for the reasoning")
    measurement: Measurement | None = None
    topic: TopicId | None = Field(None, description="for discussion points: what they are about")
    refs: RefIds


class Stage(Model):
    id: StageId
    title: Text
    intro: Text
    findings: Annotated[tuple[Finding, ...], Field(min_length=1)]


class TimelineEvent(Model):
    years: Number = Field(description="years from the work-up (negative: before it)")
    label: Text
    findings: Annotated[tuple[Id, ...], Field(min_length=1)]


class Patient(Model):
    pseudonym: NonEmpty
    sex: Literal["female", "male"]
    age_years: Annotated[int, Field(strict=True, ge=0, le=120)]
    disease_duration_years: Annotated[int, Field(strict=True, ge=0, le=120)]
    one_liner: Text = Field(description="the patient as a clinician would introduce her")


class Caveat(Model):
    id: Id
    finding: Id = Field(description="id of the finding this teaching note is attached to")
    kind: Literal["ambiguous", "disputed", "missing_data", "confounded", "unverified"]
    title: Text
    note: Text
    refs: RefIds


class CalcinosisSite(Model):
    region: Region
    laterality: Literal["left", "right", "bilateral", "unspecified"]
    label: Text
    refs: RefIds


LIKELIHOODS = ("most_likely", "cant_miss", "less_likely")


class DifferentialItem(Model):
    diagnosis: Text
    terms: Terms = Field(description="names a learner may give this diagnosis, for matching")
    likelihood: _vocabulary("likelihood", LIKELIHOODS)
    problem: Text | None = Field(
        None, description="the problem of the problem list this diagnosis would explain"
    )
    why: Text
    findings_for: Text = Field(description="her findings that argue for it")
    findings_against: Text = Field(description="her findings, or missing data, that argue against")
    refs: RefIds


class KeyFeature(Model):
    """A finding the expert's problem representation rests on."""

    feature: Text
    terms: Terms = Field(description="words a learner may use for it, for matching")


class ReasoningPause(Model):
    """A stop before a reveal: the learner commits a reasoning, then sees the expert's."""

    id: Id
    unlocks: StageId = Field(description="the stage whose reveal waits for this pause")
    prompt: Text
    problem_representation: Text | None = Field(
        None, description="the expert's one-sentence summary (left out in a student build)"
    )
    key_features: tuple[KeyFeature, ...] = Field(
        (), description="what the problem representation rests on (left out in a student build)"
    )
    differential: Annotated[tuple[DifferentialItem, ...], Field(max_length=10)] = ()

    @model_validator(mode="after")
    def _has_the_experts_reasoning(self, info: ValidationInfo) -> "ReasoningPause":
        if not _withheld(info) and (
            self.problem_representation is None or not self.differential or not self.key_features
        ):
            raise PydanticCustomError(
                "expert_missing",
                "needs the expert's problem_representation, key_features and differential",
            )
        return self


class PlanStatement(Model):
    statement: Text
    refs: RefIds


class PlanProblem(Model):
    """One problem of the expert's problem list, with what the expert would do about it."""

    problem: Text
    terms: Terms = Field(description="words a learner may use for the problem, for matching")
    plan: Annotated[tuple[PlanStatement, ...], Field(min_length=1)]


class ManagementPlan(Model):
    """The expert's problem list and plan, for a pause before the treatment is revealed."""

    id: Id = Field("management_plan", description="its key in the learner's progress")
    lesson: Id = Field(description="id of the lesson (notebook) that asks for the plan")
    unlocks: StageId = Field(description="the stage whose reveal waits for this plan")
    prompt: Text
    problems: tuple[PlanProblem, ...] = Field(
        (), description="the expert's problems and plan (left out in a student build)"
    )

    @model_validator(mode="after")
    def _has_the_experts_plan(self, info: ValidationInfo) -> "ManagementPlan":
        if not _withheld(info) and not self.problems:
            raise PydanticCustomError("expert_missing", "needs the expert's 'problems'")
        return self


class ItemEvidence(Model):
    """What the report supports for one ACR/EULAR item, and the finding it rests on."""

    item: AcrEularItem
    status: Literal["present", "absent", "unknown", "alternative"] = Field(
        description="alternative: one of two readings of the same finding"
    )
    finding: Id


class MrssIllustration(Model):
    grades: dict[MrssSite, Annotated[int, Field(strict=True, ge=0, le=3)]] = Field(
        description="site -> grade; sites left out are 0"
    )
    note: Text
    refs: RefIds


class AssessmentTool(Model):
    """A published way to measure calcinosis."""

    name: Text
    what: Text
    refs: RefIds


class UsualSite(Model):
    """Where calcinosis usually is in the disease, with how often."""

    region: Region
    percent: Annotated[float, Field(strict=True, ge=0, le=100, allow_inf_nan=False)]
    label: Text
    refs: RefIds


QUESTION_KINDS = ("single", "multiple", "numeric", "ranking", "text", "region")


class Option(Model):
    id: Id
    text: Text
    correct: Annotated[bool, Field(strict=True)] | None = Field(
        None, description="single and multiple: whether the option is right (ranking: omit)"
    )
    feedback: Text | None = Field(
        None, description="why this option is right or wrong, or ranks here"
    )


class NumericAnswer(Model):
    value: Number
    tolerance: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] = 0
    unit: Unit


class WrongValue(Model):
    """A wrong answer learners are expected to give, with feedback on the slip behind it."""

    value: Number
    tolerance: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] = 0
    feedback: Text


class AnswerFeedback(Model):
    correct: Text
    incorrect: Text


class AnsweredBy(Model):
    """What in the case answers a question. On the question's page, the explanations and notes
    named here are held back until it is answered, then shown in its feedback; the facts are
    always shown, so a question answered by a fact stays answerable from the text above it."""

    facts: tuple[Id, ...] = Field((), description="findings whose statement answers it")
    findings: tuple[Id, ...] = Field(
        (), description="findings whose explanation (a discussion point: its statement) answers it"
    )
    caveats: tuple[Id, ...] = Field((), description="caveats whose note answers it")


class Question(Model):
    """A question of the bank. Options of a ranking question are listed in the right order."""

    id: Id
    lesson: Id = Field(description="id of the lesson (notebook) the question belongs to")
    kind: _vocabulary("question kind", QUESTION_KINDS)
    stem: Text
    options: tuple[Option, ...] = ()
    answer: NumericAnswer | None = Field(None, description="numeric questions")
    accepted: dict[Literal[LANGUAGES], Annotated[tuple[NonEmpty, ...], Field(min_length=1)]] = (
        Field(
            default_factory=dict,
            description="text questions: the answer first, then its synonyms, per language",
        )
    )
    wrong_values: tuple[WrongValue, ...] = Field(
        (), description="numeric questions: expected wrong answers, each with its own feedback"
    )
    feedback: AnswerFeedback | None = Field(None, description="numeric and text questions")
    explanation: Text | None = None
    core: Annotated[bool, Field(strict=True)] = Field(
        False, description="kept when an instructor runs a short session"
    )
    answered_by: AnsweredBy | None = Field(
        None, description="what in the case answers it ({} when nothing in the case text does)"
    )
    recall: Text | None = Field(
        None,
        description="set when the question deliberately asks to recall a fact shown on its page"
        " (a 'recall of a shown fact', at most 20 % of the bank): why that is the point",
    )
    refs: RefIds

    @model_validator(mode="after")
    def _fits_its_kind(self, info: ValidationInfo) -> "Question":
        def fail(message: str) -> None:
            raise PydanticCustomError("question_kind", "{kind} question: {message}",
                                      {"kind": self.kind, "message": message})  # fmt: skip

        chooses = self.kind in ("single", "multiple", "ranking", "region")
        if chooses and len(self.options) < 2:
            fail("needs at least 2 options")
        if _withheld(info):  # a student build: the key, feedback and explanation are left out
            return self
        if self.explanation is None:
            fail("needs an 'explanation'")
        if any(o.feedback is None for o in self.options):
            fail("every option needs its 'feedback'")
        if not chooses and self.options:
            fail("takes no options")
        if chooses and self.feedback is not None:
            fail("gives feedback per option, not 'feedback'")
        if not chooses and self.feedback is None:
            fail("needs 'feedback' with 'correct' and 'incorrect'")
        right = [o for o in self.options if o.correct]
        if self.kind == "single" and len(right) != 1:
            fail("needs exactly one option with correct: true")
        if self.kind in ("multiple", "region") and not right:
            fail("needs at least one option with correct: true")
        if self.kind == "region" and any(o.id not in REGIONS for o in self.options):
            fail(f"each option id must be a body region ({', '.join(REGIONS)})")
        if self.kind == "ranking" and any(o.correct is not None for o in self.options):
            fail("options are ranked by their order; 'correct' does not apply")
        if self.kind in ("single", "multiple", "region") and any(
            o.correct is None for o in self.options
        ):
            fail("every option needs correct: true or false")
        if (self.kind == "numeric") != (self.answer is not None):
            fail("'answer' is for numeric questions only, and they need one")
        if (self.kind == "text") != bool(self.accepted):
            fail("'accepted' answers are for text questions only, and they need them")
        if self.wrong_values and self.kind != "numeric":
            fail("'wrong_values' are for numeric questions only")
        for wrong in self.wrong_values:
            if abs(wrong.value - self.answer.value) <= self.answer.tolerance + wrong.tolerance:
                fail(f"wrong value {wrong.value:g} overlaps the right answer")
        return self


class Prediction(Model):
    """A question about a finding that the learner answers after reading the finding and before
    its interpretation (its explanation and caveats) appears: predict, then see."""

    finding: Id = Field(description="id of the finding whose interpretation waits for the answer")
    kind: Literal["single", "text"] = Field(description="one option, or a short typed answer")
    prompt: Text
    options: tuple[Option, ...] = Field((), description="single: the options, one correct")
    accepted: dict[Literal[LANGUAGES], Annotated[tuple[NonEmpty, ...], Field(min_length=1)]] = (
        Field(default_factory=dict, description="text: the answer, then its synonyms, per language")
    )
    feedback: AnswerFeedback | None = Field(None, description="text: feedback when right or not")
    refs: RefIds

    @model_validator(mode="after")
    def _fits_its_kind(self, info: ValidationInfo) -> "Prediction":
        def fail(message: str) -> None:
            raise PydanticCustomError("prediction_kind", "{kind} prediction: {message}",
                                      {"kind": self.kind, "message": message})  # fmt: skip

        single = self.kind == "single"
        if single != bool(self.options) or (single and len(self.options) < 2):
            fail("a single prediction needs at least 2 options; a text one takes none")
        if _withheld(info):  # a student build: the key and the feedback are left out
            return self
        if single and (self.accepted or self.feedback is not None):
            fail("gives feedback per option, not 'accepted' or 'feedback'")
        if single and any(o.feedback is None or o.correct is None for o in self.options):
            fail("every option needs 'correct' and 'feedback'")
        if single and sum(bool(o.correct) for o in self.options) != 1:
            fail("needs exactly one option with correct: true")
        if not single and (not self.accepted or self.feedback is None):
            fail("needs 'accepted' answers and 'feedback' with 'correct' and 'incorrect'")
        return self


class MenuItem(Model):
    """A test a learner may order from a long menu, with what it would tell in her case."""

    id: Id
    name: Text
    terms: Terms = Field(description="names a learner may type to find the test")
    answers: Text | None = Field(None, description="what it would answer in her case")
    in_report: Annotated[bool, Field(strict=True)] | None = Field(
        None, description="whether the case report gives its result"
    )
    essential: Annotated[bool, Field(strict=True)] | None = Field(
        None, description="whether an expert would order it for her now"
    )
    refs: RefIds


class LongMenu(Model):
    """A searchable list of tests from which the learner picks a few: a question of kind
    `longmenu`, marked by `clinicase.marking.grade` like the others."""

    id: Id
    kind: Literal["longmenu"] = Field("longmenu", description="always 'longmenu'")
    lesson: Id = Field(description="id of the lesson (notebook) the menu belongs to")
    stem: Text
    pick_max: Annotated[int, Field(strict=True, ge=1, le=10)]
    items: Annotated[tuple[MenuItem, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _has_its_feedback(self, info: ValidationInfo) -> "LongMenu":
        if _withheld(info):
            return self
        for item in self.items:
            if item.answers is None or item.in_report is None or item.essential is None:
                raise PydanticCustomError(
                    "menu_feedback",
                    "test '{item}' needs 'answers', 'in_report' and 'essential'",
                    {"item": item.id},
                )
        return self


class PlanStep(Model):
    lesson: Id
    minutes: Annotated[int, Field(strict=True, ge=1, le=120)]
    prompt: Text


class SessionPlan(Model):
    minutes: Annotated[int, Field(strict=True, ge=10, le=240)]
    steps: Annotated[tuple[PlanStep, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _adds_up(self) -> "SessionPlan":
        total = sum(step.minutes for step in self.steps)
        if total != self.minutes:
            raise PydanticCustomError(
                "plan_total", "the steps add up to {total} minutes, not {minutes}",
                {"total": total, "minutes": self.minutes},
            )  # fmt: skip
        return self


class Misconception(Model):
    claim: Text
    correction: Text
    refs: RefIds


class Section(Model):
    """A heading of a notebook, and what the learner is to do there, shown in their language."""

    id: Id
    heading: Text
    text: Text | None = Field(None, description="the instruction or introduction under it")


class Lesson(Model):
    """The frame of one notebook: what it teaches, what it needs, how long it takes."""

    id: Id
    notebook: Annotated[str, Field(strict=True, pattern=r"^\d\d_[a-z_]+\.ipynb$")]
    title: Text
    objectives: Annotated[tuple[Text, ...], Field(min_length=1)]
    prerequisites: Text
    minutes: Annotated[int, Field(strict=True, ge=1, le=240)]
    pause: Id | None = Field(None, description="id of the reasoning pause that opens the notebook")
    key_points: Annotated[tuple[Text, ...], Field(min_length=1)]
    reveals: tuple[Annotated[str, Field(strict=True, pattern=r"^[a-z_]+(:[a-z_]+)?$")], ...] = (
        Field(
            (),
            description="what the notebook reveals: stage ids, or 'stage:topic' for one topic of "
            "a stage (its progress is counted from these)",
        )
    )
    sections: tuple[Section, ...] = Field(
        (),
        description="the notebook's headings, called by id (course.section); a lesson may also "
        "replace one of the course's standard sections (check_yourself, summary...)",
    )

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# --- one model per case-data file: these are what the JSON Schemas describe -------------------


class CaseFile(Model):
    """case.yaml: the patient and the facts of the case, stage by stage."""

    id: Id
    title: Text
    source: Id = Field(description="reference id of the case report the case comes from")
    patient: Patient
    timeline: Annotated[tuple[TimelineEvent, ...], Field(min_length=1)]
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]


class CaveatsFile(Model):
    """caveats.yaml: honest teaching notes where the case report is ambiguous or disputed."""

    caveats: tuple[Caveat, ...]


class SitesFile(Model):
    """sites.yaml: where the calcinosis is, as structured data for the body map."""

    laterality_reading: Text = Field(description="how laterality was read from the report, and why")
    sites: Annotated[tuple[CalcinosisSite, ...], Field(min_length=1)]
    refs: RefIds
    usual_sites: Annotated[tuple[UsualSite, ...], Field(min_length=1)]


class ReferencesFile(Model):
    """references.yaml: every source a statement of the case relies on."""

    references: Annotated[tuple[Reference, ...], Field(min_length=1)]


class ReasoningFile(Model):
    """reasoning.yaml: the expert's reasoning at each pause."""

    answers_withheld: bool = Field(False, description="true in a student build")
    pauses: Annotated[tuple[ReasoningPause, ...], Field(min_length=1)]
    management_plan: ManagementPlan | None = Field(
        None, description="the expert's plan for a management pause (left out in a student build)"
    )


class ScoresFile(Model):
    """scores.yaml: what the report supports for each score item, for the calculators."""

    acr_eular: Annotated[tuple[ItemEvidence, ...], Field(min_length=1)]
    surest: Annotated[tuple[AcrEularItem, ...], Field(min_length=1)] = Field(
        description="the items the report states most plainly"
    )
    mrss_illustration: MrssIllustration
    calcinosis_tools: Annotated[tuple[AssessmentTool, ...], Field(min_length=1)]


class QuestionsFile(Model):
    """questions.yaml: the question bank, by lesson."""

    answers_withheld: bool = Field(False, description="true in a student build")
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    long_menus: tuple[LongMenu, ...] = Field(
        (), description="questions of kind `longmenu`: tests to pick from a searchable list"
    )
    predictions: tuple[Prediction, ...] = Field(
        (), description="questions on a finding, answered before its interpretation appears"
    )


class InstructorFile(Model):
    """instructor.yaml: session plans and misconceptions, for live sessions."""

    session_plans: Annotated[tuple[SessionPlan, ...], Field(min_length=1)]
    misconceptions: tuple[Misconception, ...] = ()


class LessonsFile(Model):
    """lessons.yaml: objectives, time and key points of each notebook."""

    lessons: Annotated[tuple[Lesson, ...], Field(min_length=1)]


CASE_FILES: dict[str, type[Model]] = {
    "case.yaml": CaseFile,
    "caveats.yaml": CaveatsFile,
    "sites.yaml": SitesFile,
    "references.yaml": ReferencesFile,
    "reasoning.yaml": ReasoningFile,
    "scores.yaml": ScoresFile,
    "questions.yaml": QuestionsFile,
    "instructor.yaml": InstructorFile,
    "lessons.yaml": LessonsFile,
}


# --- the assembled case -------------------------------------------------------------------------


class Case(Model):
    id: Id
    title: Text
    source: Reference
    patient: Patient
    timeline: tuple[TimelineEvent, ...]
    stages: tuple[Stage, ...]
    caveats: tuple[Caveat, ...]
    laterality_reading: Text
    calcinosis_sites: tuple[CalcinosisSite, ...]
    usual_sites: tuple[UsualSite, ...]
    references: tuple[Reference, ...]
    pauses: tuple[ReasoningPause, ...]
    management_plan: ManagementPlan | None = None
    acr_eular_evidence: tuple[ItemEvidence, ...]
    acr_eular_surest: tuple[str, ...]
    mrss_illustration: MrssIllustration
    calcinosis_tools: tuple[AssessmentTool, ...]
    questions: tuple[Question, ...]
    long_menus: tuple[LongMenu, ...] = ()
    predictions: tuple[Prediction, ...] = ()
    answers_withheld: bool = False
    session_plans: tuple[SessionPlan, ...]
    misconceptions: tuple[Misconception, ...]
    lessons: tuple[Lesson, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return LANGUAGES

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for stage in self.stages for f in stage.findings)

    def stage(self, stage_id: str) -> Stage:
        return _by_id(self.stages, stage_id, "stage")

    def finding(self, finding_id: str) -> Finding:
        return _by_id(self.findings, finding_id, "finding")

    def caveats_for(self, finding_id: str) -> tuple[Caveat, ...]:
        return tuple(c for c in self.caveats if c.finding == finding_id)

    def reference(self, ref_id: str) -> Reference:
        return _by_id(self.references, ref_id, "reference")

    def pause(self, pause_id: str) -> ReasoningPause:
        return _by_id(self.pauses, pause_id, "reasoning pause")

    def pause_before(self, stage_id: str) -> ReasoningPause | None:
        return next((p for p in self.pauses if p.unlocks == stage_id), None)

    def pause_after(self, stage_id: str) -> ReasoningPause | None:
        """The pause that ends `stage_id`: its findings' interpretation would answer it, so it
        waits until the pause is committed (issue 10: reasoning before reading)."""
        # The pauses come in the learner's order, each unlocking the stage its successor ends;
        # the first one ends the opening stage.
        ended = [self.stages[0].id] + [p.unlocks for p in self.pauses]
        return self.pauses[ended.index(stage_id)] if stage_id in ended[:-1] else None

    def long_menu(self, menu_id: str) -> LongMenu:
        return _by_id(self.long_menus, menu_id, "long menu")

    def lesson_revealing(self, finding_id: str) -> Lesson | None:
        """The lesson (notebook) that reveals a finding: its stage, or its stage's topic."""
        finding = self.finding(finding_id)
        stage = next(s for s in self.stages if finding in s.findings)
        keys = {stage.id, f"{stage.id}:{finding.topic}"}
        return next((lesson for lesson in self.lessons if keys & set(lesson.reveals)), None)

    def prediction_for(self, finding_id: str) -> Prediction | None:
        return next((p for p in self.predictions if p.finding == finding_id), None)

    def questions_for(self, lesson_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.lesson == lesson_id)

    def question(self, question_id: str) -> Question:
        return _by_id(self.questions, question_id, "question")

    def lesson_with_pause(self, pause_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.pause == pause_id), None)

    def lesson(self, lesson_id: str) -> Lesson:
        return _by_id(self.lessons, lesson_id, "lesson")


def _by_id(items, item_id: str, what: str):
    """The item of `items` with id `item_id`; a KeyError names the ids there are."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {what} {item_id!r}; there are {', '.join(i.id for i in items)}")
