"""Numbers and dates as a reader of a given language writes them, through Babel (CLDR data).

A Spanish reader writes 71,5 % and 1 sept 2026 where an English one writes 71.5% and
Sep 1, 2026; the page's language (``language`` of a playbook, else the site's) picks the
locale. Values come from authors and measurement files as floats, shown with two decimals at
most, so 0.1 + 0.2 never shows as 0.30000000000000004, and a percentage keeps the decimals it
has (Babel's percent pattern alone would round 71.5 % to 72 %). Symbols and the percent
pattern are Babel's (CLDR data), read once per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.numbers import (
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

MISSING = "–"
"""Shown where there is no value (no measurement, no date)."""
FALLBACK_LOCALE = "en"


@lru_cache(maxsize=32)
def locale_of(language: str) -> Locale:
    """The Babel locale for a label-set name (``es``, ``pt-BR``, ``pt_br``); English if CLDR has none."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LOCALE)


@dataclass(frozen=True)
class NumberStyle:
    """How ``language`` writes a number, read once from Babel: symbols and the percent pattern's affixes."""

    decimal: str
    group: str
    minus: str
    percent_prefix: str
    percent_suffix: str
    thousands: bool
    """Groups of three digits throughout (most locales); otherwise Babel formats each number itself."""


@lru_cache(maxsize=32)
def number_style(language: str) -> NumberStyle:
    locale = locale_of(language)
    percent = locale.percent_formats[None]
    return NumberStyle(
        decimal=get_decimal_symbol(locale), group=get_group_symbol(locale), minus=get_minus_sign_symbol(locale),
        percent_prefix=percent.prefix[0], percent_suffix=percent.suffix[0],
        thousands=locale.decimal_formats[None].grouping == (3, 3) and percent.grouping == (3, 3),
    )


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(round(value, 2))) if isinstance(value, float) else Decimal(value)


def _digits(value: float | int, style: NumberStyle) -> str:
    """``value`` (two decimals at most) with the locale's symbols, as Babel's ``#,##0.###`` writes it.

    Babel formats a number in about 40 µs, and a site at a thousand playbooks shows some fifty
    thousand; this is what Babel would write, from the same CLDR symbols, in a fraction of that
    (``tests/test_languages.py`` checks it against Babel).
    """
    text = f"{abs(value):,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{abs(value):,}"
    text = text.translate({ord(","): style.group, ord("."): style.decimal})
    return f"{style.minus}{text}" if value < 0 and text.strip("0.,") else text


def format_number(value: float | int | None, unit: str = "", language: str = FALLBACK_LOCALE) -> str:
    """``value`` with at most two decimals, grouped and punctuated for ``language``, the unit beside it.

    ``%`` follows the locale's percent pattern (``71.5%``, ``71,5 %``); any other unit is free
    text the author wrote (``days``, ``EUR``) and follows the number after a space.
    """
    if value is None:
        return MISSING
    style = number_style(language)
    if not style.thousands:
        return _babel_number(_decimal(value), unit, language)
    if unit == "%":
        return f"{style.percent_prefix}{_digits(value, style)}{style.percent_suffix}"
    text = _digits(value, style)
    return f"{text} {unit}" if unit else text


def _babel_number(number: Decimal, unit: str, language: str) -> str:
    """Babel itself, for locales that group digits otherwise (``hi``: 12,34,567)."""
    locale = locale_of(language)
    if unit == "%":
        return format_percent(number / 100, locale=locale, decimal_quantization=False)
    text = format_decimal(number, locale=locale)
    return f"{text} {unit}" if unit else text


@lru_cache(maxsize=4096)
def format_day(value: date | None, language: str = FALLBACK_LOCALE) -> str:
    """A date as ``language`` writes it in running text (CLDR's medium form: ``Sep 1, 2026``).

    Cached: the same few measurement dates recur on every KPI of a site.
    """
    return babel_format_date(value, "medium", locale=locale_of(language)) if value else MISSING
