"""Figure builders: model output -> ``go.Figure``, one module per chapter.

Each builder returns a figure that works in the static HTML with no kernel: where the chart has a
slider, every step's data are precomputed and carried in ``layout.sliders`` (Plotly's own slider,
drawn by plotly.js in the browser). Builders never read files and never run a kernel callback.
"""

from .. import theme

theme.apply()
