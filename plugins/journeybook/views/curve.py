"""The emotional curve as geometry: where each stage's score sits, for an inline SVG.

Mermaid's ``xychart`` cannot annotate a point (no feeling words, no moment-of-truth marker)
and its default line is barely visible, so the curve is a small SVG made at build time and
drawn by ``templates/blocks/curve.html``. The SVG holds only the line and the dots; the words
(stage, feeling, score) are HTML in equal columns under it, so they wrap, stay at the page's
text size at any width and are read by screen readers. For the columns and the dots to line up,
the SVG stretches to the columns' width (``preserveAspectRatio="none"``), each stage has the
same width in user units, and strokes and dots keep their size with ``non-scaling-stroke``.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeybook.views.diagram import CurvePoint

COLUMN = 100
HEIGHT = 100
MARGIN = 12
LOWEST, HIGHEST = 1, 5


def score_y(score: float) -> float:
    return round(MARGIN + (HIGHEST - score) / (HIGHEST - LOWEST) * (HEIGHT - 2 * MARGIN), 1)


@dataclass(frozen=True)
class CurveDot:
    x: float
    y: float
    point: CurvePoint


@dataclass(frozen=True)
class EmotionCurve:
    width: int
    height: int
    line: str
    """SVG ``points`` of the polyline, first stage first."""
    dots: tuple[CurveDot, ...]
    levels: tuple[float, ...]
    """y of each score from the highest to the lowest, for the grid lines."""
    neutral_y: float
    good_y: float
    bad_y: float


def emotion_curve(points: tuple[CurvePoint, ...]) -> EmotionCurve:
    dots = tuple(CurveDot(index * COLUMN + COLUMN / 2, score_y(p.feeling.score), p) for index, p in enumerate(points))
    return EmotionCurve(
        width=max(len(points), 1) * COLUMN,
        height=HEIGHT,
        line=" ".join(f"{dot.x:g},{dot.y:g}" for dot in dots),
        dots=dots,
        levels=tuple(score_y(score) for score in range(HIGHEST, LOWEST - 1, -1)),
        neutral_y=score_y((HIGHEST + LOWEST) / 2),
        good_y=score_y(HIGHEST),
        bad_y=score_y(LOWEST),
    )
