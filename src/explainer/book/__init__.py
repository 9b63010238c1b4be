"""The book's machinery, kept apart from the runtime that readers import.

The Sphinx extension (offline charts with static controls), the partial plotly.js bundle, the
printable handouts and the citations. Nothing in :mod:`explainer.data`, :mod:`explainer.models`,
:mod:`explainer.figures`, :mod:`explainer.widgets` or :mod:`explainer.theme` imports from here.
"""
