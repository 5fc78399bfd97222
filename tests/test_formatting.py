"""Numbers are written as Babel writes them, in every language, without loading Babel's locale
data on each page: the decimal format kept with a language's catalog must give the same text."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicase.i18n import LANGUAGES, formatting


def babel(value, locale: str) -> str:
    return format_decimal(value, locale=locale, group_separator=False)


VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.sampled_from([0.0, -0.0, 0.0005, 0.0015, 0.0025, 1.9995, 28.5, 43.0, -1.5, 1e-7]),
)
# CLDR locales with other decimal marks and patterns, as a language added later might have
OTHER_LOCALES = ["de", "de_CH", "sv", "ru", "ar", "fa", "hi", "ja", "pt_BR", "fr_CH"]


@settings(max_examples=400, deadline=None)
@given(value=VALUES, lang=st.sampled_from(LANGUAGES))
def test_a_number_reads_as_babel_writes_it_in_every_course_language(value, lang):
    assert formatting.number(value, lang) == babel(value, lang)


@settings(max_examples=400, deadline=None)
@given(value=VALUES, locale=st.sampled_from(OTHER_LOCALES))
def test_the_kept_decimal_format_of_any_locale_writes_what_babel_writes(value, locale):
    plain = formatting.plain_decimal(locale)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formatting, "decimal_format", lambda lang: plain)
        written = formatting.number(value, locale)
    assert written == babel(value, locale)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_value_with_no_digits_is_written_by_babel(value):
    assert formatting.number(value, "fr") == babel(value, "fr")
