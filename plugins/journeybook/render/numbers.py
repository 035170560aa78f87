"""Numbers and dates as a reader of a given language writes them, through Babel (CLDR data).

A Spanish reader writes 71,5 % and 1 sept 2026 where an English one writes 71.5% and
Sep 1, 2026; the page's language (``language`` of a playbook, else the site's) picks the
locale. Values come from authors and measurement files as floats: they are rounded to two
decimals and formatted from their decimal text, so 0.1 + 0.2 never shows as 0.30000000000000004
and a percentage keeps the decimals it has (Babel's percent pattern alone would round 71.5 % to
72 %).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, format_percent

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


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(round(value, 2))) if isinstance(value, float) else Decimal(value)


def format_number(value: float | int | None, unit: str = "", language: str = FALLBACK_LOCALE) -> str:
    """``value`` with at most two decimals, grouped and punctuated for ``language``, the unit beside it.

    ``%`` follows the locale's percent pattern (``71.5%``, ``71,5 %``); any other unit is free
    text the author wrote (``days``, ``EUR``) and follows the number after a space.
    """
    if value is None:
        return MISSING
    locale = locale_of(language)
    number = _decimal(value)
    if unit == "%":
        return format_percent(number / 100, locale=locale, decimal_quantization=False)
    text = format_decimal(number, locale=locale)
    return f"{text} {unit}" if unit else text


def format_day(value: date | None, language: str = FALLBACK_LOCALE) -> str:
    """A date as ``language`` writes it in running text (CLDR's medium form: ``Sep 1, 2026``)."""
    return babel_format_date(value, "medium", locale=locale_of(language)) if value else MISSING
