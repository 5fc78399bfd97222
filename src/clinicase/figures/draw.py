"""The case's figures, drawn by matplotlib from the case data, each with its alt text.

Every drawing function returns a `Plot`: the Figure and a description of what it shows, made from
the same data, in the requested language. `figure_bytes` makes the PNG and SVG files, the same
bytes on every run. No widgets here; no images from outside.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Iterator
from typing import NamedTuple

import matplotlib

matplotlib.use("Agg")  # figures are rendered to files or bytes, never to a window

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, Patch, Polygon

from ..i18n import LANGUAGES, ui
from ..i18n.formatting import items, measurement, percent, series
from ..i18n.names import BODY_MAP_TITLE, BODY_VIEW, MRSS_SITE
from ..model import Case

# Okabe-Ito colours, safe for the common colour-vision deficiencies; each series also has its
# own marker shape, so colour is never the only signal.
CALCINOSIS = {"color": "#D55E00", "marker": "o"}  # vermilion circles
USUAL = {"color": "#0072B2", "marker": "^"}  # blue triangles
SKIN = "#009E73"  # bluish green, hatched
BODY_FILL, BODY_EDGE = "#EEEEEE", "#4D4D4D"

# Body geometry, front view, in a 100 x 210 box; the patient's right is on the viewer's left.
# Limb segments: (start, end, start width, end width).
SEGMENTS = {
    "upper_arm_right": ((32, 164), (24, 134), 10, 8),
    "upper_arm_left": ((68, 164), (76, 134), 10, 8),
    "forearm_right": ((24, 134), (20, 108), 8, 6),
    "forearm_left": ((76, 134), (80, 108), 8, 6),
    "thigh_right": ((42, 100), (41, 58), 16, 11),
    "thigh_left": ((58, 100), (59, 58), 16, 11),
    "leg_right": ((41, 58), (41, 16), 11, 7),
    "leg_left": ((59, 58), (59, 16), 11, 7),
}
ELLIPSES = {  # (centre, width, height)
    "hand_right": ((19.8, 102), 7, 12),
    "hand_left": ((80.2, 102), 7, 12),
    "fingers_right": ((19.4, 92.5), 6, 9),
    "fingers_left": ((80.6, 92.5), 6, 9),
    "foot_right": ((39.5, 9), 8, 12),
    "foot_left": ((60.5, 9), 8, 12),
    "face": ((50, 188), 20, 24),
}
TORSO = {
    "anterior_chest": [(31, 170), (69, 170), (67, 136), (33, 136)],
    "abdomen": [(33, 136), (67, 136), (68, 100), (32, 100)],
}
NECK = [(45, 176), (55, 176), (55, 168), (45, 168)]

# Where each region of the vocabulary is marked: (view, x, y) for the patient's right side,
# in the front view's frame; the left side mirrors it. The back view mirrors the x axis.
ANCHORS = {
    "shoulder": (("front", 31, 163), ("back", 31, 163)),
    "elbow": (("front", 24, 134), ("back", 24, 134)),
    "hand": (("front", 19.5, 102), ("back", 19.5, 102)),
    "finger": (("front", 19, 92),),
    "buttock": (("back", 42, 95),),
    "thigh": (("front", 41.5, 80), ("back", 41.5, 80)),
    "knee_medial": (("front", 45, 58), ("back", 45, 58)),
}


# mRSS sites a calcinosis region lies in, where that is clear (the elbow, shoulder, buttock and
# knee sit between or outside the scored areas).
REGION_SKIN = {
    "hand": {"hand_right", "hand_left"},
    "finger": {"fingers_right", "fingers_left"},
    "thigh": {"thigh_right", "thigh_left"},
}


class Plot(NamedTuple):
    figure: Figure
    alt: str


def _points(region: str, laterality: str, view: str) -> list[tuple[float, float]]:
    """Marker positions of a region on one view, for the sides the data names."""
    sides = {"right": (1,), "left": (-1,), "bilateral": (1, -1), "unspecified": (1, -1)}
    out = []
    for anchor_view, x, y in ANCHORS[region]:
        if anchor_view != view:
            continue
        for side in sides[laterality]:
            front_x = x if side == 1 else 100 - x
            out.append((front_x if view == "front" else 100 - front_x, y))
    return out


def _mirror(points, view):
    return [(x if view == "front" else 100 - x, y) for x, y in points]


def _segment(p0, p1, w0, w1):
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length, dx / length
    return [
        (x0 + nx * w0 / 2, y0 + ny * w0 / 2),
        (x1 + nx * w1 / 2, y1 + ny * w1 / 2),
        (x1 - nx * w1 / 2, y1 - ny * w1 / 2),
        (x0 - nx * w0 / 2, y0 - ny * w0 / 2),
    ]


def _part_patches(view: str, **style) -> dict[str, list]:
    """Every body part (named by its mRSS site) as matplotlib patches on one view."""
    parts: dict[str, list] = {}
    for site, (p0, p1, w0, w1) in SEGMENTS.items():
        parts[site] = [Polygon(_mirror(_segment(p0, p1, w0, w1), view), closed=True, **style)]
    for site, ((x, y), w, h) in ELLIPSES.items():
        parts[site] = [Ellipse((x if view == "front" else 100 - x, y), w, h, **style)]
    for site, points in TORSO.items():
        parts[site] = [Polygon(_mirror(points, view), closed=True, **style)]
    parts["neck"] = [Polygon(_mirror(NECK, view), closed=True, **style)]
    for (x, y), r in (((32, 164), 5), ((68, 164), 5), ((24, 134), 4), ((76, 134), 4)):
        parts["neck"].append(Circle((x if view == "front" else 100 - x, y), r, **style))
    return parts


def _draw_body(ax, view: str, lang: str, thickened: dict[str, int] | None = None) -> None:
    for patches in _part_patches(view, facecolor=BODY_FILL, edgecolor=BODY_EDGE, lw=1).values():
        for patch in patches:
            ax.add_patch(patch)
    if thickened:
        parts = _part_patches(view, facecolor=SKIN, edgecolor=SKIN, alpha=0.45, hatch="///", lw=0.8)
        for site, score in thickened.items():
            if score and not (view == "back" and site in ("face", "fingers_right", "fingers_left")):
                for patch in parts.get(site, []):
                    ax.add_patch(patch)
    right_x, left_x = (10, 90) if view == "front" else (90, 10)
    ax.text(right_x, 200, ui("fig_right", lang), ha="center", fontsize=9, color="#333333")
    ax.text(left_x, 200, ui("fig_left", lang), ha="center", fontsize=9, color="#333333")
    ax.set_title(ui(BODY_VIEW[view], lang), fontsize=10)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 210)
    ax.set_aspect("equal")
    ax.axis("off")


def _mark(ax, points, series, size=9):
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(
            xs, ys, linestyle="none", marker=series["marker"], markersize=size,
            markerfacecolor=series["color"], markeredgecolor="black", markeredgewidth=1,
        )  # fmt: skip


def _legend(fig, handles) -> None:
    for handle in handles:
        handle.set_label(_wrap(handle.get_label(), 75))
    fig.legend(handles=handles, loc="lower center", ncol=1, frameon=False, fontsize=9)


def _marker_handle(series: dict, label: str) -> Line2D:
    return Line2D(
        [], [], linestyle="none", marker=series["marker"], markersize=9,
        markerfacecolor=series["color"], markeredgecolor="black", label=label,
    )  # fmt: skip


def _calcinosis_handle(lang: str) -> Line2D:
    return _marker_handle(CALCINOSIS, ui("fig_legend_calcinosis", lang))


def _new_figure(title: str) -> tuple[Figure, list]:
    fig = Figure(figsize=(6.4, 5.6), dpi=100)
    axes = fig.subplots(1, 2)
    fig.suptitle(title, fontsize=12)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.1, wspace=0.05)
    return fig, list(axes)


def _sites_sentence(case: Case, lang: str) -> str:
    joined = items([s.label[lang].lower() for s in case.calcinosis_sites], lang)
    if {s.laterality for s in case.calcinosis_sites} == {"bilateral"}:
        return ui("fig_sites_both_sides", lang, sites=joined)
    return joined


def body_map(case: Case, view: str = "patient", lang: str = "en") -> Plot:
    """The body map, front and back, with this patient's calcinosis marked. `view`:
    "patient" (her calcinosis only), "usual" (with where calcinosis usually is in systemic
    sclerosis), or "skin" (with an illustrative distribution of her skin thickening)."""
    if view not in ("patient", "usual", "skin"):
        raise ValueError(f"unknown body-map view {view!r}; use 'patient', 'usual' or 'skin'")
    fig, axes = _new_figure(ui(BODY_MAP_TITLE[view], lang))
    site_scores = dict(case.mrss_illustration.grades)
    for ax, side in zip(axes, ("front", "back"), strict=True):
        _draw_body(ax, side, lang, site_scores if view == "skin" else None)
        if view == "usual":
            usual = [p for u in case.usual_sites for p in _points(u.region, "bilateral", side)]
            _mark(ax, usual, USUAL, size=10)
        _mark(ax, [p for s in case.calcinosis_sites for p in _points(s.region, s.laterality, side)],
              CALCINOSIS)  # fmt: skip

    sites = _sites_sentence(case, lang)
    handles = [_calcinosis_handle(lang)]
    if view == "patient":
        alt = ui("fig_alt_patient", lang, sites=sites)
    elif view == "usual":
        usual = [(u.label[lang].lower(), percent(u.percent / 100, lang)) for u in case.usual_sites]
        usual_text = items([f"{name} ({share})" for name, share in usual], lang)
        source = case.reference(case.usual_sites[0].refs[0]).short()
        label = ui("fig_legend_usual", lang, sites=usual_text, source=source)
        handles.append(_marker_handle(USUAL, label))
        alt = ui("fig_alt_usual", lang, usual=usual_text, source=source, sites=sites)
    else:
        thick = {s for s, score in site_scores.items() if score}
        total = sum(site_scores.values())
        handles.append(Patch(facecolor=SKIN, edgecolor=SKIN, alpha=0.45, hatch="///",
                             label=ui("fig_legend_skin", lang, total=total)))  # fmt: skip
        overlap = any(REGION_SKIN.get(s.region, set()) & thick for s in case.calcinosis_sites)
        names = items([_site_name(s, lang) for s in site_scores if s in thick], lang)
        said = ui("fig_some_overlap", lang) if overlap else ui("fig_no_overlap", lang)
        alt = ui("fig_alt_skin", lang, thick=names, total=total, sites=sites, overlap=said)
    _legend(fig, handles)
    return Plot(fig, alt)


def body_outline(lang: str = "en") -> Figure:
    """The front and back silhouettes alone, for the learner to click on."""
    fig, axes = _new_figure(ui("fig_title_click", lang))
    for ax, side in zip(axes, ("front", "back"), strict=True):
        _draw_body(ax, side, lang)
    return fig


def region_at(view: str, x: float, y: float, regions, radius: float = 14) -> str | None:
    """The region among `regions` marked nearest to (x, y) on a view, if one is close enough."""
    best, best_distance = None, radius
    for region in regions:
        for px, py in _points(region, "bilateral", view):
            distance = ((px - x) ** 2 + (py - y) ** 2) ** 0.5
            if distance < best_distance:
                best, best_distance = region, distance
    return best


def _site_name(site: str, lang: str) -> str:
    return ui(MRSS_SITE[site], lang).lower()


def timeline(case: Case, lang: str = "en") -> Plot:
    """The course of the disease, in years from the work-up."""
    fig = Figure(figsize=(7.5, 2.8), dpi=100)
    ax = fig.subplots()
    events = case.timeline
    start, end = min(e.years for e in events), max(e.years for e in events)
    ax.axhline(0, color=BODY_EDGE, lw=2, zorder=1)
    ax.axvspan(start, 0, ymin=0.45, ymax=0.55, color="#BBBBBB", zorder=0)
    for i, event in enumerate(events):
        up = 1 if i % 2 == 0 else -1
        ax.plot(
            [event.years], [0], marker="o", markersize=9, color="#0072B2", mec="black", zorder=3
        )
        ax.annotate(
            _wrap(event.label[lang], 34), (event.years, 0), xytext=(event.years, 0.55 * up),
            ha="center", va="bottom" if up > 0 else "top", fontsize=8.5,
            arrowprops={"arrowstyle": "-", "color": BODY_EDGE, "lw": 0.8},
        )  # fmt: skip
    duration = case.patient.disease_duration_years
    ax.text(start / 2, -0.12, ui("fig_years_of_disease", lang, n=duration), ha="center", va="top",
            fontsize=8.5, color="#333333")  # fmt: skip
    ax.set_xlim(start - 2, end + 3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_yticks([])
    ax.set_xlabel(ui("fig_years_axis", lang), fontsize=9)
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_title(ui("fig_title_timeline", lang), fontsize=11)
    fig.tight_layout()
    steps = series([e.label[lang] for e in events], lang)
    return Plot(fig, ui("fig_alt_timeline", lang, steps=steps))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def labs(case: Case, lang: str = "en") -> Plot:
    """Each laboratory value of the investigations against its reference range."""
    tests = [
        f for f in case.stage("investigations").findings
        if f.measurement and f.measurement.reference_range
    ]  # fmt: skip
    fig = Figure(figsize=(6.4, 1.3 * len(tests) + 0.6), dpi=100)
    axes = fig.subplots(len(tests), 1, squeeze=False)[:, 0]
    for ax, finding in zip(axes, tests, strict=True):
        m, rr = finding.measurement, finding.measurement.reference_range
        low = rr.low if rr.low is not None else 0
        high = rr.high if rr.high is not None else m.value * 1.5
        top = max(m.value, high) * 1.25
        ax.axvspan(low, high, color="#009E73", alpha=0.25, lw=0)
        ax.axvline(high, color="#009E73", lw=1.5, linestyle="--")
        ax.plot([m.value], [0], marker="D", markersize=10, color="#D55E00", mec="black")
        ax.text(m.value, 0.35, measurement(m, lang), ha="center", fontsize=8.5)
        ax.set_xlim(0, top)
        ax.set_ylim(-0.6, 0.8)
        ax.set_yticks([])
        ax.set_title(finding.label[lang], fontsize=10, loc="left")
        ax.set_xlabel(m.unit[lang], fontsize=8.5)
    handles = [
        Patch(facecolor="#009E73", alpha=0.25, label=ui("fig_legend_range", lang)),
        Line2D([], [], linestyle="none", marker="D", markersize=9, color="#D55E00", mec="black",
               label=ui("fig_legend_value", lang)),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=8.5)
    fig.suptitle(ui("fig_title_labs", lang), fontsize=11)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    parts = series(
        [
            ui("fig_lab_outside" if _outside(f.measurement) else "fig_lab_within", lang,
               label=f.label[lang], value=measurement(f.measurement, lang))
            for f in tests
        ],
        lang,
    )  # fmt: skip
    return Plot(fig, ui("fig_alt_labs", lang, parts=parts))


def _outside(m) -> bool:
    rr = m.reference_range
    return (rr.high is not None and m.value > rr.high) or (rr.low is not None and m.value < rr.low)


FIGURES: dict[str, Callable[[Case, str], Plot]] = {
    "body-map-patient": lambda case, lang: body_map(case, "patient", lang),
    "body-map-usual": lambda case, lang: body_map(case, "usual", lang),
    "body-map-skin": lambda case, lang: body_map(case, "skin", lang),
    "timeline": timeline,
    "labs": labs,
}


def figure_bytes(plot: Plot, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, the same on every run, with its alt text inside (PNG text
    chunk and SVG <desc> "Description")."""
    title = plot.figure.texts[0].get_text() if plot.figure.texts else ""
    if fmt == "png":
        metadata = {"Title": title, "Description": plot.alt, "Software": None}
    else:
        metadata = {"Title": title, "Description": plot.alt, "Date": None, "Creator": None}
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "clinicase", "svg.fonttype": "none"}):
        plot.figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def render_all(case: Case) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every figure, language and format."""
    for name, draw in FIGURES.items():
        for lang in LANGUAGES:
            plot = draw(case, lang)
            for fmt in ("png", "svg"):
                yield f"{name}.{lang}.{fmt}", figure_bytes(plot, fmt)
