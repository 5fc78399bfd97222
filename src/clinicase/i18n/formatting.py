"""Numbers, percentages, lists and punctuation written each language's way (Babel's CLDR data),
for the HTML views, the figures and the report alike."""

from __future__ import annotations

import math
from decimal import Decimal

from . import decimal_format, ui


def number(value: float, lang: str) -> str:
    """43, 28.5 in English; 28,5 in French. No grouping: these are clinical values, not money.

    What Babel's format_decimal writes (tests/test_formatting.py checks it), from the decimal
    mark and fraction digits kept with the language's catalog: most pages show a number, and
    loading Babel's locale data would cost each ~30 ms."""
    plain = decimal_format(lang)
    if plain is None or not math.isfinite(value):  # a pattern, or a value, left to Babel
        from babel.numbers import format_decimal

        return format_decimal(value, locale=lang, group_separator=False)
    fewest, most = plain["fraction"]
    exact = Decimal(str(value))
    rounded = abs(exact).normalize().quantize(Decimal(1).scaleb(-most))  # half to even, as Babel
    whole, _, digits = f"{rounded:f}".partition(".")
    digits = digits.ljust(fewest, "0")
    digits = digits[:fewest] + digits[fewest:].rstrip("0")
    sign = "-" if exact.is_signed() else ""
    return sign + whole + (plain["decimal"] + digits if digits else "")


def plain_decimal(lang: str) -> dict | None:
    """The decimal mark and the fewest and most fraction digits of `lang`'s decimal pattern
    (CLDR, through Babel); None when the pattern holds more than digits and a mark."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, parse_pattern

    locale = Locale.parse(lang)
    pattern = parse_pattern(locale.decimal_formats[None])
    parts = (pattern.prefix, pattern.suffix, pattern.scale, pattern.exp_prec)
    if parts != (("", "-"), ("", ""), 0, None) or "@" in pattern.pattern:
        return None
    return {"decimal": get_decimal_symbol(locale), "fraction": list(pattern.frac_prec)}


def percent(fraction: float, lang: str) -> str:
    """0.125 as '12.5%' in English, '12,5 %' in French (with a no-break space); at most one
    decimal (two thirds: '66.7%')."""
    from babel.numbers import format_percent

    return format_percent(round(fraction, 3), locale=lang, decimal_quantization=False)


def items(texts: list[str], lang: str) -> str:
    """'a, b and c' in English, 'a, b et c' in French."""
    from babel.lists import format_list

    return format_list(list(texts), locale=lang)


def series(texts: list[str], lang: str) -> str:
    """Items that may hold commas themselves, separated by semicolons ('a; b' / 'a ; b')."""
    return ui("series_separator", lang).join(texts)


def colon(lang: str) -> str:
    """The colon after a label: French sets a no-break space before it."""
    return ui("colon", lang)


def measurement(m, lang: str) -> str:
    """'43 mm/h (reference: ≤ 28.5 mm/h)', with the decimal mark of the language."""
    text = f"{number(m.value, lang)} {m.unit[lang]}"
    rr = m.reference_range
    if rr:
        if rr.low is not None and rr.high is not None:
            bounds = f"{number(rr.low, lang)}–{number(rr.high, lang)}"
        elif rr.high is not None:
            bounds = f"≤ {number(rr.high, lang)}"
        else:
            bounds = f"≥ {number(rr.low, lang)}"
        text += f" ({ui('reference_range', lang)}{colon(lang)} {bounds} {rr.unit[lang]})"
    return text
