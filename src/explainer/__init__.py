"""explainer: the models, data, charts and live panels behind the book.

Flow: ``data/*.csv`` -> :mod:`explainer.data` -> :mod:`explainer.models` ->
:mod:`explainer.figures` (static slider charts) and :mod:`explainer.widgets` (live panels)
-> ``book/*.ipynb``.
"""

__version__ = "0.1.0"
