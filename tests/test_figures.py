"""The figures show what the case data says, carry their alt text, and figures/ is current."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys

import matplotlib.image
import pytest
from casefiles import ROOT
from matplotlib.colors import to_hex

import clinicase
from clinicase.figures import draw
from clinicase.figures.draw import figure_bytes, render_all
from clinicase.figures.stored import case_fingerprint

CASE = clinicase.load_case()


def marked_regions(plot: draw.Plot, series: dict) -> set[tuple[str, str]]:
    """(view, region) of every marker of one series actually drawn on the figure."""
    found = set()
    for ax, view in zip(plot.figure.axes, ("front", "back"), strict=True):
        for line in ax.get_lines():
            if line.get_marker() != series["marker"]:
                continue
            assert to_hex(line.get_markerfacecolor()) == series["color"].lower()
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True):
                matches = [
                    region
                    for region in draw.ANCHORS
                    if (x, y) in draw._points(region, "bilateral", view)
                ]
                assert len(matches) == 1, (view, x, y)
                found.add((view, matches[0]))
    return found


def test_patient_map_marks_exactly_the_case_sites_on_both_sides():
    plot = draw.body_map(CASE, "patient")
    regions = {region for _, region in marked_regions(plot, draw.CALCINOSIS)}
    assert regions == {s.region for s in CASE.calcinosis_sites}
    assert ("back", "buttock") in marked_regions(plot, draw.CALCINOSIS)
    n_markers = sum(len(line.get_xdata()) for ax in plot.figure.axes for line in ax.get_lines())
    expected = sum(
        len(draw._points(s.region, s.laterality, v))
        for s in CASE.calcinosis_sites
        for v in ("front", "back")
    )
    assert n_markers == expected


def test_usual_map_shows_both_series_with_shapes_and_a_legend():
    plot = draw.body_map(CASE, "usual", "en")
    usual = {region for _, region in marked_regions(plot, draw.USUAL)}
    assert usual == {u.region for u in CASE.usual_sites} == {"hand", "finger"}
    legend = " ".join(text.get_text() for text in plot.figure.legends[0].get_texts())
    assert "Calcinosis in this patient (circles)" in legend
    assert "(triangles)" in legend and "70" in legend and "Valenzuela" in legend


def test_skin_map_shades_the_illustrative_sites_and_says_they_are_illustrative():
    plot = draw.body_map(CASE, "skin", "en")
    legend = " ".join(text.get_text() for text in plot.figure.legends[0].get_texts())
    assert "Calcinosis in this patient" in legend and "illustrative" in legend.replace("\n", " ")
    hatched = [p for ax in plot.figure.axes for p in ax.patches if p.get_hatch()]
    front_sites = [s for s, g in CASE.mrss_illustration.grades.items() if g]
    assert len(hatched) >= len(front_sites)
    assert "None of her calcinosis sites lies in the thickened skin." in plot.alt


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("view", ["patient", "usual", "skin"])
def test_alt_text_lists_every_site_in_the_language(view, lang):
    alt = draw.body_map(CASE, view, lang).alt
    for site in CASE.calcinosis_sites:
        assert site.label[lang].lower() in alt
    assert ("both sides" if lang == "en" else "des deux côtés") in alt


def test_timeline_and_labs_alt_text_follow_the_data():
    timeline = draw.timeline(CASE, "fr").alt
    assert all(event.label.fr in timeline for event in CASE.timeline)
    labs = draw.labs(CASE, "en").alt
    assert "ESR) 43 mm/h (reference: ≤ 28.5 mm/h), outside the reference" in labs
    assert "CRP) 1 mg/L (reference: ≤ 5 mg/L), within the reference" in labs


def test_files_carry_their_alt_text():
    plot = draw.body_map(CASE, "patient", "fr")
    png = figure_bytes(plot, "png")
    from PIL import Image

    assert Image.open(io.BytesIO(png)).info["Description"] == plot.alt
    svg = figure_bytes(plot, "svg").decode()
    described = re.search(r"<dc:description>(.*?)</dc:description>", svg, re.S).group(1)
    assert html.unescape(described) == plot.alt


@pytest.mark.slow
def test_figures_are_deterministic_and_the_committed_ones_are_current():
    first = dict(render_all(CASE))
    second = dict(render_all(CASE))
    assert first == second, "same bytes on every run"
    manifest = json.loads((ROOT / "figures" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {CASE.id: case_fingerprint(ROOT / "casedata" / CASE.id)}
    committed = {p.name for p in (ROOT / "figures").glob("*.*") if p.suffix in (".png", ".svg")}
    assert committed == set(first), "run `python -m clinicase figures`"
    for name, data in first.items():
        on_disk = (ROOT / "figures" / name).read_bytes()
        if name.endswith(".svg"):
            assert on_disk == data, f"{name} is out of date: run `python -m clinicase figures`"
        else:  # compare pixels, so that a different PNG encoder alone does not fail the test
            ours = matplotlib.image.imread(io.BytesIO(data), format="png")
            theirs = matplotlib.image.imread(io.BytesIO(on_disk), format="png")
            assert ours.shape == theirs.shape and abs(ours - theirs).max() < 0.02, name


def test_readme_shows_the_body_map():
    assert "figures/body-map-usual.en.png" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_notebooks_show_the_stored_figures_without_loading_matplotlib_while_current():
    code = (
        "import sys; from clinicase import course; view = course.body_map('skin'); "
        "print('matplotlib' in sys.modules, 'alt=\"Body map' in view.value)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_figures_are_drawn_when_the_case_data_differs(course_on_copy):
    from casefiles import edit_yaml

    from clinicase import course

    edit_yaml(
        course_on_copy, "sites.yaml", lambda d: d["sites"][0]["label"].update(en="Shoulder tips")
    )
    view = course.body_map("patient")
    assert "shoulder tips" in html.unescape(view.value)
