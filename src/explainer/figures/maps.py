"""Offline maps: turn Natural Earth TopoJSON into a small GeoJSON the book ships, and draw it.

Plotly's geo traces normally fetch their base map (a topojson file) from cdn.plot.ly when the page
is viewed. The book's maps never do: the country shapes travel inside the figure as a GeoJSON
(``go.Choropleth(geojson=...)``), every Plotly base layer (land, ocean, coastlines, countries) is
switched off, and the first trace of the map is a ``Scattergeo`` placed by longitude and latitude,
so plotly.js has no reason to request a topojson file (see :func:`offline_geo_layout`).

The geometry file ``data/geo/europe_50m.geojson`` was made once with the functions below from
``countries-50m.json`` in the npm package ``world-atlas@2.0.2`` (ISC licence; Natural Earth data,
public domain): decode the arcs (:func:`decode_topojson`), simplify each shared arc once so that
neighbours keep a common border (:func:`simplify_line`), clip to a box around Europe
(:func:`clip_ring`) and round to two decimals. ``data/README.md`` gives the provenance.

References
----------
Bostock, M. *TopoJSON Format Specification* (arcs, delta encoding, quantization):
https://github.com/topojson/topojson-specification
Douglas, D. H. and Peucker, T. K. (1973). Algorithms for the reduction of the number of points
required to represent a digitized line or its caricature. *Cartographica* 10(2), 112-122.
Sutherland, I. E. and Hodgman, G. W. (1974). Reentrant polygon clipping. *Communications of the
ACM* 17(1), 32-42.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

Point = tuple[float, float]

#: Longitude and latitude box of the book's Europe map (west, south, east, north).
EUROPE_BOX = (-25.0, 33.0, 62.0, 72.0)


# ---------------------------------------------------------------------------------------------
# TopoJSON decoding
# ---------------------------------------------------------------------------------------------
def decode_arcs(topology: Mapping[str, Any]) -> list[np.ndarray]:
    """Every arc of a TopoJSON topology as an (n, 2) array of longitudes and latitudes.

    A quantized topology (one with a ``transform``) stores each arc's first position as an integer
    and every later position as the difference from the previous one; decoding takes the running
    sum, then scales and translates: ``lon = x * scale[0] + translate[0]``.

    Raises
    ------
    ValueError
        If ``topology`` is not a TopoJSON ``Topology`` with an ``arcs`` list.
    """
    if not isinstance(topology, Mapping) or topology.get("type") != "Topology":
        raise ValueError("topology must be a TopoJSON object with type 'Topology'")
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise ValueError("topology has no 'arcs' list")
    transform = topology.get("transform")
    out = []
    for arc in arcs:
        pts = np.asarray(arc, dtype=float).reshape(-1, 2)
        if transform is not None:
            pts = np.cumsum(pts, axis=0) * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        out.append(pts)
    return out


def ring_from_arcs(indices: Sequence[int], arcs: Sequence[np.ndarray]) -> list[Point]:
    """Join arcs into one ring. A negative index ``~i`` means arc ``i`` reversed; each arc after
    the first starts where the previous one ended, so its first position is dropped."""
    ring: list[Point] = []
    for k, index in enumerate(indices):
        if not -len(arcs) <= index < len(arcs):
            raise ValueError(f"arc index {index} is out of range (the topology has {len(arcs)} arcs)")
        pts = arcs[~index][::-1] if index < 0 else arcs[index]
        seq = [(float(x), float(y)) for x, y in pts]
        ring.extend(seq if k == 0 else seq[1:])
    return ring


def decode_topojson(
    topology: Mapping[str, Any], object_name: str, arcs: Sequence[np.ndarray] | None = None
) -> dict[str, Any]:
    """One object of a topology (e.g. ``"countries"``) as a GeoJSON ``FeatureCollection``.

    Parameters
    ----------
    topology : mapping
        A parsed TopoJSON file.
    object_name : str
        The key under ``topology["objects"]``.
    arcs : sequence of arrays, optional
        Arcs already decoded (and perhaps simplified) by the caller; by default
        :func:`decode_arcs` is used.

    Raises
    ------
    ValueError
        If the object is missing or holds a geometry other than Polygon or MultiPolygon.
    """
    objects = topology.get("objects", {}) if isinstance(topology, Mapping) else {}
    if object_name not in objects:
        raise ValueError(f"object_name {object_name!r} is not in the topology's objects")
    arcs = decode_arcs(topology) if arcs is None else arcs
    features = []
    for geom in objects[object_name]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            polygons = [geom["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geom["arcs"]
        elif kind is None:
            continue  # TopoJSON allows null geometries
        else:
            raise ValueError(f"geometry type {kind!r} is not supported (Polygon or MultiPolygon)")
        coords = [[ring_from_arcs(r, arcs) for r in poly] for poly in polygons]
        features.append(
            {
                "type": "Feature",
                "id": geom.get("id"),
                "properties": dict(geom.get("properties", {})),
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# ---------------------------------------------------------------------------------------------
# Simplifying and clipping
# ---------------------------------------------------------------------------------------------
def simplify_line(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker simplification: keep the end points and every point farther than
    ``tolerance`` (in degrees) from the chord of the points it would replace.

    Raises
    ------
    ValueError
        If ``tolerance`` is negative or ``points`` is not an (n, 2) array.
    """
    pts = np.asarray(points, dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2:
        raise ValueError(f"points must be an (n, 2) array, got shape {pts.shape}")
    if not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative number, got {tolerance!r}")
    n = len(pts)
    if n <= 2:
        return pts.copy()
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        seg = b - a
        inner = pts[i + 1 : j]
        length = float(np.hypot(*seg))
        if length == 0.0:
            dist = np.hypot(*(inner - a).T)
        else:
            dist = np.abs(seg[0] * (inner[:, 1] - a[1]) - seg[1] * (inner[:, 0] - a[0])) / length
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            m = i + 1 + k
            keep[m] = True
            stack.extend([(i, m), (m, j)])
    return pts[keep]


def clip_ring(ring: Sequence[Point], box: Sequence[float] = EUROPE_BOX) -> list[Point]:
    """Clip a closed ring to a longitude-latitude box (Sutherland-Hodgman, one edge at a time).

    Returns the clipped ring, closed (first point repeated at the end), or an empty list if
    nothing of it lies inside the box.
    """
    west, south, east, north = box
    if not (west < east and south < north):
        raise ValueError(f"box must be (west, south, east, north) with west < east and south < north, got {box!r}")
    pts = [tuple(map(float, p)) for p in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    edges = (
        (lambda p: p[0] >= west, lambda p, q: _at_x(p, q, west)),
        (lambda p: p[0] <= east, lambda p, q: _at_x(p, q, east)),
        (lambda p: p[1] >= south, lambda p, q: _at_y(p, q, south)),
        (lambda p: p[1] <= north, lambda p, q: _at_y(p, q, north)),
    )
    for inside, cross in edges:
        if not pts:
            break
        out: list[Point] = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        pts = out
    if len(pts) < 3:
        return []
    return pts + [pts[0]]


def _at_x(p: Point, q: Point, x: float) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _at_y(p: Point, q: Point, y: float) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def unwrap_ring(ring: Sequence[Point]) -> list[Point]:
    """A ring that spans more than 180 degrees of longitude crosses the antimeridian: shift its
    western-hemisphere points east by 360 degrees so that it is continuous. Other rings are
    returned unchanged."""
    lons = [float(p[0]) for p in ring]
    if not lons or max(lons) - min(lons) <= 180.0:
        return [(float(x), float(y)) for x, y in ring]
    return [(float(x) + 360.0 if x < 0 else float(x), float(y)) for x, y in ring]


def ring_area(ring: Sequence[Point]) -> float:
    """Absolute area of a ring in square degrees (the shoelace formula)."""
    pts = np.asarray(ring, dtype=float)
    if len(pts) < 3:
        return 0.0
    x, y = pts[:, 0], pts[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def trim_features(
    collection: Mapping[str, Any],
    names: Mapping[str, str],
    box: Sequence[float] = EUROPE_BOX,
    min_area: float = 0.05,
    digits: int = 2,
) -> dict[str, Any]:
    """Keep the named countries, clipped to ``box``, without small islands, rounded to ``digits``.

    Rings that cross the antimeridian (Russia's mainland reaches Chukotka) are first unwrapped
    with :func:`unwrap_ring`; planar clipping would otherwise turn them into a band across the map.

    Parameters
    ----------
    collection : FeatureCollection
        As returned by :func:`decode_topojson` (with arcs already simplified, if wanted).
    names : mapping
        Natural Earth name -> the name the book uses (e.g. ``"Turkey" -> "Türkiye"``). The book's
        name becomes the feature's ``id`` and its ``name`` property.
    min_area : float
        Polygons smaller than this (square degrees, after clipping) are dropped, except a country's
        largest polygon.
    """
    out = []
    for feature in collection["features"]:
        source_name = feature["properties"].get("name")
        if source_name not in names:
            continue
        polys = []
        for poly in feature["geometry"]["coordinates"]:
            rings = [unwrap_ring(r) for r in poly]
            outer = clip_ring(rings[0], box)
            if not outer:
                continue
            holes = [h for h in (clip_ring(r, box) for r in rings[1:]) if h]
            polys.append([outer, *holes])
        if not polys:
            continue
        areas = [ring_area(p[0]) for p in polys]
        biggest = int(np.argmax(areas))
        polys = [p for k, p in enumerate(polys) if k == biggest or areas[k] >= min_area]
        rounded = [[_round_ring(r, digits) for r in p] for p in polys]
        rounded = [[r for r in p if len(r) >= 4] for p in rounded]
        rounded = [p for p in rounded if p]
        book_name = names[source_name]
        out.append(
            {
                "type": "Feature",
                "id": book_name,
                "properties": {"name": book_name},
                "geometry": {"type": "MultiPolygon", "coordinates": rounded},
            }
        )
    return {"type": "FeatureCollection", "features": out}


def _round_ring(ring: Iterable[Point], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(float(x), digits), round(float(y), digits)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


# ---------------------------------------------------------------------------------------------
# Plotly: a geo subplot that requests nothing
# ---------------------------------------------------------------------------------------------
def offline_geo_layout(box: Sequence[float] = EUROPE_BOX, **extra: Any) -> dict[str, Any]:
    """Layout for a ``geo`` subplot drawn only from the figure's own GeoJSON.

    Every base layer that plotly.js would draw from its CDN topojson is off, and the background
    is a plain colour. (The plotly.js bundled with plotly 7 still asks for a topojson file if the
    *first* trace on the map has a ``locationmode``; the map builder therefore puts a
    ``Scattergeo`` placed by longitude and latitude first. A browser test checks that the page
    makes no request to another host.)
    """
    west, south, east, north = box
    layout = dict(
        showland=False,
        showocean=False,
        showlakes=False,
        showrivers=False,
        showcountries=False,
        showcoastlines=False,
        showsubunits=False,
        showframe=False,
        bgcolor="rgba(173,216,230,0.35)",
        projection=dict(type="conic conformal", parallels=[43, 62], rotation=dict(lon=20)),
        lonaxis=dict(range=[west + 10, east - 6]),
        lataxis=dict(range=[south + 2, north - 1]),
        center=dict(lon=20, lat=53),
    )
    layout.update(extra)
    return layout


def move_polygons(collection: Mapping[str, Any], source: str, target: str, box: Sequence[float]) -> dict[str, Any]:
    """Move every polygon of feature ``source`` whose outer ring lies wholly inside ``box``
    (west, south, east, north) to feature ``target`` (features matched by ``properties.name``).

    The book uses it once: Natural Earth's de facto boundaries (as packaged in world-atlas 2.0.2)
    draw Crimea with Russia; the book draws Ukraine's internationally recognized borders
    (UN General Assembly resolution 68/262, 27 March 2014).

    Raises
    ------
    ValueError
        If either feature is missing or no polygon of ``source`` lies in ``box``.
    """
    west, south, east, north = box
    feats = {f["properties"].get("name"): f for f in collection["features"]}
    for name, label in ((source, "source"), (target, "target")):
        if name not in feats:
            raise ValueError(f"{label} {name!r} is not a feature of the collection")
    keep, moved = [], []
    for poly in feats[source]["geometry"]["coordinates"]:
        pts = np.asarray(poly[0], dtype=float)
        inside = (
            (pts[:, 0] >= west).all()
            and (pts[:, 0] <= east).all()
            and (pts[:, 1] >= south).all()
            and (pts[:, 1] <= north).all()
        )
        (moved if inside else keep).append(poly)
    if not moved:
        raise ValueError(f"no polygon of {source!r} lies inside box {tuple(box)!r}")
    out = {"type": "FeatureCollection", "features": []}
    for f in collection["features"]:
        g = dict(f)
        name = f["properties"].get("name")
        if name == source:
            g["geometry"] = {"type": "MultiPolygon", "coordinates": keep}
        elif name == target:
            g["geometry"] = {"type": "MultiPolygon", "coordinates": list(f["geometry"]["coordinates"]) + moved}
        out["features"].append(g)
    return out


def contains(feature: Mapping[str, Any], lon: float, lat: float) -> bool:
    """Whether the point (lon, lat) lies inside ``feature`` (even-odd ray casting over every ring,
    so holes are respected)."""
    inside = False
    for poly in feature["geometry"]["coordinates"]:
        for ring in poly:
            pts = np.asarray(ring, dtype=float)
            x0, y0 = pts[:-1, 0], pts[:-1, 1]
            x1, y1 = pts[1:, 0], pts[1:, 1]
            crosses = (y0 > lat) != (y1 > lat)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
            inside ^= bool(np.count_nonzero(crosses & (lon < x_at)) % 2)
    return inside
