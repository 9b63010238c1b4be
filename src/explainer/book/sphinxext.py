"""The book's Sphinx extension: offline Plotly charts, no dead widgets, a clean console.

What it does, and why:

* **Plotly output, rendered offline.** Notebooks keep Plotly's standard output
  ``application/vnd.plotly.v1+json`` (what JupyterLab draws natively). :class:`PlotlyMimeRenderer`
  is a myst-nb MIME renderer plugin (registered under the ``myst_nb.mime_renderers`` entry point
  in ``pyproject.toml``) that turns that output into a ``<div>`` and a ``Plotly.newPlot`` call.
* **One local plotly.js, only where needed.** A partial bundle of the same plotly.js version the
  installed ``plotly`` package ships, with only the trace types the book uses
  (:mod:`explainer.book.plotly_bundle`, built from the pinned npm package), is copied once into
  ``_static/vendor/`` of the built site, and a page links it only if it holds a chart. Every chart
  page uses the same URL, so a browser caches it.
* **No dead controls.** A live panel's widget view is not rendered in HTML (it would move nothing
  without a kernel); its ``text/html`` fallback, a note with a link to Binder, is shown instead,
  and saved widget state and widget-manager scripts are dropped from the page.
* **No stale outputs.** myst-nb re-executes a notebook only when its text changes, but what a
  notebook prints also depends on ``data/`` and on this package. When either changes,
  :func:`refresh_stale_outputs` clears the execution cache and every notebook is read and
  executed again, so a corrected number in a CSV reaches every page that shows it.
* **A clean console.** sphinx-thebe registers one inline script twice under Sphinx 7.4, which
  makes every page log ``Identifier 'THEBE_JS_URL' has already been declared``; duplicates are
  removed before the page is written.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import plotly
from docutils import nodes

from . import plotly_bundle

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_MIME = "application/vnd.explainer.chart+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"

#: The partial plotly.js bundle (see explainer.book.plotly_bundle), one URL for every chart page.
PLOTLY_JS_NAME = f"vendor/plotly-{plotly_bundle.pinned_version()}-explainer.min.js"
#: The book's own CSS (dark-mode charts) and JS (links to a scenario), shipped in the package.
OWN_STATIC = Path(__file__).parent / "static"
OWN_CSS = "explainer/explainer.css"
OWN_JS = "explainer/explainer.js"
CHART_MARKER = "plotly-graph-div"
BINDER_PLACEHOLDER = "#launch-binder"


def plotly_js_source() -> Path:
    """The plotly.js bundle that ships inside the installed ``plotly`` Python package."""
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js not found in the plotly package at {path}")
    return path


#: The toolbar's buttons, named one by one (not "all but some"), so that a plotly.js upgrade cannot
#: bring back a button that sends a chart to another host. Each is drawn in the browser alone.
TOOLBAR = {
    "cartesian": ["toImage", "zoom2d", "pan2d", "resetScale2d"],
    "geo": ["toImage", "resetGeo"],
    "other": ["toImage"],
}
GEO_TRACES = {"scattergeo", "choropleth"}
CARTESIAN_TRACES = {"scatter", "bar", "heatmap", "contour", "histogram", "box"}


def plot_config(figure: dict[str, Any]) -> dict[str, Any]:
    """The plotly.js config of a chart: responsive, no logo, and only the named toolbar buttons."""
    types = {t.get("type", "scatter") for t in figure.get("data", [])}
    kind = "geo" if types & GEO_TRACES else "cartesian" if types <= CARTESIAN_TRACES else "other"
    return {
        "responsive": True,
        "displaylogo": False,
        "modeBarButtons": [TOOLBAR[kind]],
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }


def content_id(prefix: str, payload: Any) -> str:
    """An element id derived from what the element shows, so that two builds give the same HTML."""
    return f"{prefix}-{hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:10]}"


def chart_html(figure: dict[str, Any], div_id: str, attrs: str = "") -> str:
    """HTML for one chart: a div and the script that draws it with the page's plotly.js."""
    layout = figure.get("layout", {})
    height = layout.get("height")
    payload = {"data": figure.get("data", []), "layout": layout, "config": plot_config(figure)}
    style = f"height:{int(height)}px;" if height else "height:480px;"
    data_json = json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div id="{div_id}" class="{CHART_MARKER}" style="{style} width:100%;"{attrs}></div>'
        f'<script type="application/json" id="{div_id}-spec">{data_json}</script>'
        f"<script>(function(){{var s=JSON.parse(document.getElementById('{div_id}-spec').textContent);"
        f"window.explainerCharts=window.explainerCharts||[];"
        f"window.explainerCharts.push(Plotly.newPlot('{div_id}',s.data,s.layout,s.config));}})();</script>"
    )


def _offered(spec: dict[str, Any]) -> str:
    """One sentence: which values the static page offers, and that Binder offers every value."""
    parts = []
    for c in spec["controls"]:
        labels = c["labels"]
        if c["kind"] == "select" or len(labels) <= 4:
            parts.append(f"{html.escape(c['label'])}: {html.escape(', '.join(labels))}")
        else:
            parts.append(
                f"{html.escape(c['label'])}: {html.escape(labels[0])} to {html.escape(labels[-1])} "
                f"({len(labels)} values)"
            )
    live = spec.get("live_only") or []
    more = "every value in between" + (f", and also these settings: {'; '.join(live)}" if live else "")
    return (
        f'<p class="explainer-offered">This page offers: {"; ".join(parts)}. '
        f'<a class="explainer-binder-link" href="{BINDER_PLACEHOLDER}">Open this chapter in Binder</a> '
        f"for {html.escape(more)}.</p>"
    )


def static_chart_html(spec: dict[str, Any], scenarios_url: str | None) -> str:
    """A chart with its title, native controls, summary sentence and source line.

    The controls are ``<input type="range">`` (with a visible ``<output>``) or ``<select>``; the
    book's script (``explainer.js``) replays the recorded step for their values, fetched from
    ``scenarios_url`` on first use. The summary is announced politely when it changes.
    """
    name = spec["name"]
    esc = html.escape
    controls = []
    for c in spec["controls"]:
        cid = f"{name}-{c['name']}"
        labels_attr = esc(json.dumps(c["labels"]))
        if c["kind"] == "select":
            options = "".join(
                f'<option value="{i}"{" selected" if i == c["active"] else ""}>{esc(lab)}</option>'
                for i, lab in enumerate(c["labels"])
            )
            field = f'<select id="{cid}" data-control="{esc(c["name"])}">{options}</select>'
        else:
            field = (
                f'<input type="range" id="{cid}" data-control="{esc(c["name"])}" min="0" '
                f'max="{len(c["labels"]) - 1}" step="1" value="{c["active"]}" '
                f'aria-valuetext="{esc(c["labels"][c["active"]])}" data-labels="{labels_attr}">'
                f'<output for="{cid}" id="{cid}-value">{esc(c["labels"][c["active"]])}</output>'
            )
        controls.append(f'<div class="explainer-control"><label for="{cid}">{esc(c["label"])}</label>{field}</div>')
    controls_html = (
        (
            f'<div class="explainer-controls" role="group" aria-label="{esc("Scenario: " + spec["title"])}">'
            + "".join(controls)
            + "</div>"
        )
        if controls
        else ""
    )
    attrs = (
        f' role="group" aria-label="{esc("Chart: " + spec["title"])}" aria-describedby="{name}-summary {name}-source"'
    )
    data_url = f' data-scenarios="{esc(scenarios_url)}"' if scenarios_url else ""
    return (
        f'<figure class="explainer-figure" id="fig-{name}" data-chart="{name}"{data_url} '
        f'aria-labelledby="{name}-title">'
        f'<figcaption class="explainer-chart-title" id="{name}-title">{esc(spec["title"])}</figcaption>'
        f"{controls_html}"
        f'<p class="explainer-summary" id="{name}-summary" aria-live="polite">{esc(spec["summary"])}</p>'
        f'<div class="explainer-chart">{chart_html(spec["figure"], name, attrs)}</div>'
        f'<p class="explainer-source" id="{name}-source">{esc(spec["source"])}</p>'
        f"{_offered(spec) if controls else ''}"
        f"</figure>"
    )


#: Where the recorded steps of every chart with controls are written, under the site's root.
SCENARIOS_DIR = "_scenarios"


def _check_traces(renderer: Any, figure: dict[str, Any]) -> None:
    missing = {t.get("type", "scatter") for t in figure.get("data", [])} - set(plotly_bundle.TRACES)
    if missing:
        renderer.logger.warning(
            f"chart uses trace types not in the book's plotly.js bundle: {sorted(missing)}; "
            "add them to explainer.book.plotly_bundle.TRACES",
            subtype="plotly",
        )


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin: a chart's static form (:data:`CHART_MIME`) with its native
    controls, and Plotly's own ``application/vnd.plotly.v1+json`` output as a plain chart."""

    mime_priority_overrides = [
        ("html", CHART_MIME, 3),
        ("html", PLOTLY_MIME, 5),
        ("html", WIDGET_VIEW_MIME, None),  # never render a widget that cannot move
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Draw a chart's static form or a plain Plotly figure; leave every other output to myst-nb."""
        if inline or data.mime_type not in (PLOTLY_MIME, CHART_MIME):
            return None
        content = data.content if isinstance(data.content, dict) else json.loads(data.string)
        if data.mime_type == PLOTLY_MIME:
            _check_traces(renderer, content)
            div = content_id("chart", content)
            return [nodes.raw("", f'<div class="explainer-chart">{chart_html(content, div)}</div>', format="html")]
        _check_traces(renderer, content["figure"])
        url = None
        if content.get("recording"):
            from myst_nb._compat import get_env_app

            env = renderer.renderer.sphinx_env
            app = get_env_app(env)
            fname = f"{content['name']}-{content['digest']}.json"
            target = Path(app.outdir) / SCENARIOS_DIR / fname
            target.parent.mkdir(parents=True, exist_ok=True)
            body = json.dumps(content["recording"], separators=(",", ":"), allow_nan=False).encode()
            if not target.is_file() or target.read_bytes() != body:
                target.write_bytes(body)
            url = "../" * env.docname.count("/") + f"{SCENARIOS_DIR}/{fname}"
        return [nodes.raw("", static_chart_html(content, url), format="html")]


# ---------------------------------------------------------------------------------------------
# Sphinx hooks
# ---------------------------------------------------------------------------------------------
def binder_url(config: Any, docname: str, suffix: str = ".ipynb") -> str | None:
    """The Binder URL that opens ``docname`` in JupyterLab, from the book's launch settings."""
    theme_options = getattr(config, "html_theme_options", {}) or {}
    launch = theme_options.get("launch_buttons", {}) or {}
    repo_url = theme_options.get("repository_url", "") or ""
    binderhub = (launch.get("binderhub_url") or "").rstrip("/")
    if not (binderhub and repo_url.startswith("https://github.com/")):
        return None
    org_repo = repo_url.removeprefix("https://github.com/").strip("/")
    branch = theme_options.get("repository_branch", "main") or "main"
    path = f"{docname}{suffix}"
    return f"{binderhub}/v2/gh/{org_repo}/{branch}?urlpath={quote('lab/tree/' + path, safe='')}"


def _is_widget_script(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    attrs = getattr(script, "attributes", {}) or {}
    body = str(attrs.get("body", "") or "")
    return (
        "html-manager" in filename
        or "embed-amd" in filename
        or "require.min.js" in filename
        or WIDGET_STATE_MIME in str(attrs.get("type", ""))
        or WIDGET_STATE_MIME in body
    )


def _dedupe_scripts(scripts: list[Any]) -> list[Any]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in scripts:
        attrs = getattr(script, "attributes", {}) or {}
        key = (str(getattr(script, "filename", "") or ""), str(attrs.get("body", "") or ""))
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    return kept


#: Chapter pages get a notebook download and a printable handout (see explainer.book.handouts).
CHAPTER_PAGE = re.compile(r"^book/\d\d_[^/]+$")


def downloads_html(pagename: str) -> str:
    """Links to the chapter's notebook and its printable PDF handout, relative to the page."""
    up = "../" * pagename.count("/")
    name = pagename.rsplit("/", 1)[-1]
    return (
        '<p class="explainer-downloads">Take this chapter with you: '
        f'<a href="{up}_sources/{pagename}.ipynb" download>the notebook (.ipynb)</a> to run in '
        f'JupyterLab, or <a href="{up}handouts/{name}.pdf">a printable handout (PDF)</a>.</p>'
    )


def on_config_inited(app: Any, config: Any) -> None:
    """The student edition (``make student``) leaves every exercise solution out."""
    if os.environ.get("EXPLAINER_STUDENT_EDITION") == "1":
        config.hide_solutions = True
        title = str(config.html_title or config.project or "")
        if "student edition" not in title:
            config.html_title = f"{title} (student edition)"


def on_html_page_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Per page: link plotly.js where there is a chart, point the live-panel note at Binder,
    drop widget state and duplicate scripts."""
    body = context.get("body", "") or ""
    if CHART_MARKER in body:
        # Sphinx's public way to add a script to one page: add_js_file from this event
        app.add_js_file(PLOTLY_JS_NAME, priority=400)
        app.add_js_file(OWN_JS, priority=401)
    scripts = [s for s in context.get("script_files", []) if not _is_widget_script(s)]
    context["script_files"] = _dedupe_scripts(scripts)
    if CHAPTER_PAGE.match(pagename):
        context["body"] = downloads_html(pagename) + context.get("body", "")
        body = context["body"]
    if BINDER_PLACEHOLDER in body:
        url = binder_url(app.config, pagename)
        context["body"] = body.replace(f'href="{BINDER_PLACEHOLDER}"', f'href="{url}"' if url else 'href="#"')


#: Where a build records the digest of what its notebooks' outputs were computed from.
INPUTS_STAMP = ".explainer-inputs"


def notebook_inputs_digest(srcdir: str | Path) -> str:
    """A digest of what every notebook's outputs depend on besides the notebook itself: every file
    under ``data/`` and every Python file of this package (models, figures, widgets, loaders)."""
    package = Path(__file__).resolve().parents[1]  # the whole explainer package, not only explainer.book
    files = [(f"data/{f.relative_to(Path(srcdir) / 'data')}", f) for f in sorted((Path(srcdir) / "data").rglob("*"))]
    files += [(f"explainer/{f.relative_to(package)}", f) for f in sorted(package.rglob("*.py"))]
    digest = hashlib.sha256()
    for name, path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp_path(app: Any) -> Path:
    return Path(app.outdir).parent / INPUTS_STAMP


def refresh_stale_outputs(app: Any, config: Any) -> None:
    """At the start of a build: if ``data/`` or the package changed since the last build (or no
    build recorded it), clear the execution cache; :func:`outdated_notebooks` then has every
    notebook read again, so each is executed afresh."""
    app.explainer_inputs = notebook_inputs_digest(app.srcdir)
    stamp = _stamp_path(app)
    app.explainer_inputs_changed = not stamp.is_file() or stamp.read_text().strip() != app.explainer_inputs
    if app.explainer_inputs_changed and stamp.is_file():
        stamp.unlink()  # an interrupted build must not leave a stamp that claims fresh outputs
    cache = getattr(config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache"
    if app.explainer_inputs_changed and Path(cache).is_dir():
        shutil.rmtree(cache)


def outdated_notebooks(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Every notebook, when the inputs changed (see :func:`refresh_stale_outputs`)."""
    if not getattr(app, "explainer_inputs_changed", False):
        return []
    return sorted(d for d in env.found_docs - added - changed if str(env.doc2path(d)).endswith(".ipynb"))


def stamp_inputs(app: Any, exception: Exception | None) -> None:
    """After a build that succeeded: record the digest its outputs were computed from."""
    if exception is None and getattr(app, "explainer_inputs", None):
        _stamp_path(app).write_text(app.explainer_inputs + "\n")


def connect_fresh_outputs(app: Any) -> None:
    """Re-execute every notebook when ``data/`` or the package changed (the three hooks above)."""
    app.connect("config-inited", refresh_stale_outputs)
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("build-finished", stamp_inputs)


def _copy_if_changed(source: Path, target: Path) -> None:
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def copy_static(app: Any) -> None:
    """Copy plotly.js (from the installed plotly package) and the book's own CSS and JS into the
    site's ``_static`` folder. Done on every build, so an incremental build picks up changes."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    _copy_if_changed(plotly_bundle.build(), static / PLOTLY_JS_NAME)
    _copy_if_changed(OWN_STATIC / "explainer.css", static / OWN_CSS)
    _copy_if_changed(OWN_STATIC / "explainer.js", static / OWN_JS)
    # every data file, downloadable from the "Data and sources" page at data/<file>
    data_dir = Path(app.srcdir) / "data"
    for csv in sorted(data_dir.glob("*.csv")):
        _copy_if_changed(csv, Path(app.outdir) / "data" / csv.name)


#: The theme's template loads fontawesome.js (1.5 MB), which only swaps icon fonts for SVGs; the
#: theme's CSS already draws the same icons from its web fonts, so pages do without it.
FONTAWESOME_JS = re.compile(r'\s*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>')
#: The theme's template also loads Sphinx's search scripts and the whole search index (about 125 KB)
#: on every page, for a search-as-you-type box that is off here (``search_as_you_type`` is False,
#: so the theme's script never calls them): the search button leads to the search page, which
#: loads its own. Left out everywhere but there, they no longer delay each page's first chart.
SEARCH_JS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)\.js"></script>')


#: Markup from the theme and the toolchain that axe-core reports as serious or critical, with the
#: fix for each (the pattern, the replacement, and why):
ACCESSIBILITY_FIXES = [
    # sphinxcontrib-bibtex: a role="list" whose children are doc-biblioentry, not listitem (critical)
    (re.compile(r'<div role="list" class="citation-list">'), '<div class="citation-list">'),
    (re.compile(r'<div class="citation" (id="[^"]*") role="doc-biblioentry">'), r'<div class="citation" \1>'),
    # the theme's search button is named "Search" but shows "Search Ctrl+K"
    # (label-content-name-mismatch): its visible text is its name
    (re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="Search"'), r"\1"),
    # myst-nb's "Show code cell source" toggles are named "Toggle hidden content"
    (re.compile(r'<summary aria-label="Toggle hidden content">'), "<summary>"),
    # the sidebar's toggle for a page's sub-pages (the instructor guide's notes) is a <summary>
    # holding only an icon (summary-name)
    (
        re.compile(r'<summary>(<span class="toctree-toggle" role="presentation">)'),
        r'<summary aria-label="Show or hide the pages in this section">\1',
    ),
    # an HTML output that scrolls sideways on a phone (a wide table) must be reachable from the
    # keyboard (scrollable-region-focusable)
    (re.compile(r'<div class="output text_html">'), '<div class="output text_html" tabindex="0">'),
]


def fix_page(text: str, search_page: bool = False) -> str:
    """A written page without the theme's fontawesome.js, without its search scripts unless it is
    the search page (:data:`SEARCH_JS`), and with :data:`ACCESSIBILITY_FIXES`."""
    text = FONTAWESOME_JS.sub("", text)
    if not search_page:
        text = SEARCH_JS.sub("", text)
    for pattern, replacement in ACCESSIBILITY_FIXES:
        text = pattern.sub(replacement, text)
    return text


def drop_heavy_theme_script(app: Any, exception: Exception | None) -> None:
    """Fix every written page after the build: no fontawesome.js, no search scripts but on the
    search page, and the toolchain's markup that axe-core reports made accessible
    (:func:`fix_page`)."""
    if exception is not None or app.builder.format != "html":
        return
    search = Path(app.outdir) / "search.html"
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = fix_page(text, search_page=page == search)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


#: A sphinx-exercise solution block in a notebook's markdown: from its opening fence to the
#: closing fence of the same length.
SOLUTION_BLOCK = re.compile(r"^(`{3,})\{solution\}.*?^\1[ \t]*$\n?", re.M | re.S)


def strip_solutions_from_sources(app: Any, exception: Exception | None) -> None:
    """In the student edition, take the solutions out of the notebooks offered for download
    (``_sources/**/*.ipynb``) too, not only out of the pages."""
    if exception is not None or app.builder.format != "html" or not getattr(app.config, "hide_solutions", False):
        return
    for path in (Path(app.outdir) / "_sources").rglob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lean = SOLUTION_BLOCK.sub("", text)
            if lean != text:
                cell["source"], changed = lean, True
        if changed:
            path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_index_redirect(app: Any, exception: Exception | None) -> None:
    """Write the site's ``index.html``: a redirect to the first page that is also a complete page.

    sphinx-external-toc would write a bare ``<meta http-equiv="Refresh">`` line instead; a browser
    then asks the host's root for ``/favicon.ico``, which is outside the site when it is published
    under a sub-path (a 404 in the console). This one carries the book's own icon inline and its
    title, and offers a plain link for browsers that do not follow the refresh.
    """
    if exception is not None or app.builder.format != "html":
        return
    first = f"{app.config.root_doc}.html"
    # the icon is inlined: a request for it would be cut short by the redirect (net::ERR_ABORTED)
    icon = Path(app.srcdir) / str(app.config.html_favicon or "")
    icon_tag = ""
    if icon.is_file() and icon.suffix == ".svg":
        icon_tag = f'<link rel="icon" href="data:image/svg+xml,{quote(icon.read_text(encoding="utf-8"))}">\n'
    title = html.escape(str(app.config.html_title or app.config.project or "Home"))
    (Path(app.outdir) / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n{icon_tag}"
        f'<meta http-equiv="Refresh" content="0; url={first}">\n'
        f'</head><body><p><a href="{first}">{title}</a></p></body></html>\n',
        encoding="utf-8",
    )


#: A link to a chart scenario on the same page: ``#<chart>.<control>=<label>`` parts joined by "&"
#: (see explainer.js).
SCENARIO_LINK = re.compile(
    r"^[a-z0-9][a-z0-9-]*\.[A-Za-z_][A-Za-z0-9_]*=[^&]*(?:&[a-z0-9][a-z0-9-]*\.[A-Za-z_][A-Za-z0-9_]*=[^&]*)*$"
)


def _scenario_links_transform() -> type:
    """A post-transform that makes MyST links to a chart scenario plain in-page links, before
    MyST's reference resolver looks for a target of that name (and warns that there is none)."""
    from markdown_it.common.normalize_url import normalizeLink
    from sphinx import addnodes
    from sphinx.transforms.post_transforms import SphinxPostTransform
    from sphinx.util.nodes import NodeMatcher

    class ScenarioLinks(SphinxPostTransform):
        default_priority = 5  # MyST's MystReferenceResolver runs at 9

        def run(self, **kwargs: Any) -> None:
            for node in list(self.document.findall(NodeMatcher(addnodes.pending_xref, reftype="myst"))):
                target = str(node.get("reftarget", ""))
                if node.get("refdomain") == "doc" or not SCENARIO_LINK.match(target):
                    continue
                ref = nodes.reference("", "", internal=True, refuri="#" + normalizeLink(target))
                ref += node[0].deepcopy() if node.children else nodes.Text(target)
                node.replace_self(ref)

    return ScenarioLinks


def mathml(latex: str, display: bool = False) -> str:
    """The MathML (drawn by the browser itself, read by screen readers) for a LaTeX formula."""
    from latex2mathml.converter import convert

    return convert(latex.strip(), display="block" if display else "inline")


def _math_to_mathml_transform() -> type:
    """A transform, at reading time, that turns every formula (``$...$`` and ``$$...$$``) into
    MathML. Chromium, Firefox and Safari draw MathML natively, so no page loads MathJax (which
    would come from a CDN); a formula the converter cannot read fails the build, naming it."""
    from sphinx.transforms import SphinxTransform
    from sphinx.util import logging

    logger = logging.getLogger(__name__)

    class MathToMathML(SphinxTransform):
        default_priority = 400

        def apply(self, **kwargs: Any) -> None:
            for node in list(self.document.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))):
                display = isinstance(node, nodes.math_block)
                latex = node.astext()
                try:
                    markup = mathml(latex, display)
                except Exception as error:  # the converter raises its own exception types
                    logger.warning("formula %r cannot be converted to MathML: %s", latex, error, location=node)
                    continue
                raw = nodes.raw("", markup, format="html")
                if display:
                    raw = nodes.container("", raw, classes=["explainer-math"])
                node.replace_self(raw)

    return MathToMathML


def setup(app: Any) -> dict[str, Any]:
    """Register the book's hooks with Sphinx."""
    # the kernels that execute the notebooks inherit this: each live panel's output then carries
    # its chart's static form (explainer.widgets.STATIC_ENV)
    os.environ["EXPLAINER_STATIC_CHARTS"] = "1"
    app.connect("html-page-context", on_html_page_context, priority=900)
    app.connect("builder-inited", copy_static)
    app.connect("config-inited", on_config_inited)
    connect_fresh_outputs(app)
    app.connect("build-finished", drop_heavy_theme_script)
    app.connect("build-finished", write_index_redirect, priority=400)
    app.connect("build-finished", strip_solutions_from_sources)
    app.add_post_transform(_scenario_links_transform())
    app.add_transform(_math_to_mathml_transform())
    app.add_css_file(OWN_CSS)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
