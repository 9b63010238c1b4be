"""The article's argument as a whole: a map of premises, and what the reader's credences imply.

Korybko's column (December 2025) argues that a "NATO-Russia Non-Aggression Pact" (his label,
NRNAP) is achievable, but "only if [the political will] exist[s] on both sides", with the United
States as broker, a Poland–Belarus "core" deal, agreements on the peripheral fronts to follow, and
no NATO member blocking or reversing the talks. This module writes that chain as a small directed
graph, an *argument map*:

* **premises** (leaves) carry the reader's credence, a probability in [0, 1] that the premise is
  true;
* **intermediate conclusions** combine their parents with an **AND** gate (all must hold) or an
  **OR** gate (at least one must hold);
* the **conclusion**, "a NATO–Russia non-aggression pact is achievable", is an AND of its parents.

Under the stated assumption that the premises are **independent**, the probability of every node
is computed *exactly* by enumerating all 2^n truth assignments of the n premises (n = 10 here:
1,024 assignments), so the result stays exact even where one premise feeds several nodes. The
probability of the conclusion is multilinear in each premise's credence, so the "swing" of a
premise, P(conclusion | premise true) − P(conclusion | premise false), is exactly how much the
conclusion moves per unit of that credence: the tornado chart sorts premises by it.

What the model leaves out: dependence between premises (a war that ends on Russia's terms raises
or lowers several at once), degrees of success (a partial core deal), timing, and any route to a
pact that the article does not describe. The map is this book's reading of the article; the
author gives no probabilities, and the book's illustrative profiles are labelled as such.

References
----------
Korybko, A. (2025). "What's The Likelihood Of A NATO-Russian Non-Aggression Pact?", reposted by
Naked Capitalism, December 2025:
https://www.nakedcapitalism.com/2025/12/whats-the-likelihood-of-a-nato-russian-non-aggression-pact.html
Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems: Networks of Plausible
Inference*. Morgan Kaufmann (networks of binary propositions; exact inference):
https://shop.elsevier.com/books/probabilistic-reasoning-in-intelligent-systems/pearl/978-0-08-051489-5
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from . import _validate as check

Gate = Literal["AND", "OR"]
Role = Literal["premise", "intermediate", "conclusion"]


@dataclass(frozen=True)
class Node:
    """One statement of the argument map.

    ``parents`` are the nodes it depends on (empty for a premise); ``gate`` says how they combine;
    ``claims`` are the ids of the ledger rows (data/claims.csv) that state or bear on it;
    ``chapter`` is the page that examines it (a docname such as ``02_us_drawdown``).
    """

    key: str
    label: str
    statement: str
    role: Role
    chapter: str
    claims: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    gate: Gate = "AND"


NODES: tuple[Node, ...] = (
    # --- premises -----------------------------------------------------------------------------
    Node(
        "russia_will",
        "Moscow would sign",
        "Russia would sign a binding, mutual non-aggression commitment with NATO (Putin's offer "
        "of 27 November 2025 is meant, and would stay on the table).",
        "premise",
        "argument_map",
        ("C14", "C16"),
    ),
    Node(
        "us_broker",
        "Washington would broker",
        "The United States wants to broker a NATO–Russia pact and keeps at it (the 28-point "
        "draft's non-aggression clause and US-mediated dialogue).",
        "premise",
        "argument_map",
        ("C18",),
    ),
    Node(
        "war_ends",
        "The war ends first",
        'The war in Ukraine ends first: the article places the new architecture "after the end '
        'of the Ukraine conflict".',
        "premise",
        "argument_map",
        ("C28",),
    ),
    Node(
        "drawdown",
        "US draws down in CEE",
        "The US reduces its forces in Central and Eastern Europe further, partly and without abandoning Article 5.",
        "premise",
        "02_us_drawdown",
        ("C19", "C20", "C21"),
    ),
    Node(
        "europe_accommodates",
        "Allies seek a deal, not arms",
        "A smaller US presence makes European allies seek a deal with Russia rather than rearm "
        "(bandwagoning rather than balancing).",
        "premise",
        "02_us_drawdown",
        ("C23", "C24", "C26"),
    ),
    Node(
        "us_pressure",
        "US pressure brings allies along",
        "US pressure brings reluctant European allies to accept a US-brokered pact.",
        "premise",
        "02_us_drawdown",
        ("C27", "C28"),
    ),
    Node(
        "poland_limits",
        "Poland accepts limits",
        "Poland accepts agreed limits on its forces and on foreign troops on its soil.",
        "premise",
        "03_poland",
        ("C31", "C35"),
    ),
    Node(
        "russia_withdraws",
        "Russia pulls weapons from Belarus",
        "Russia withdraws some or all of its tactical nuclear weapons and Oreshnik missiles from Belarus.",
        "premise",
        "04_core_deal",
        ("C33", "C34", "C35"),
    ),
    Node(
        "periphery_follows",
        "The periphery follows",
        "A central deal leads to agreements on the Arctic–Baltic and Black Sea–South Caucasus fronts.",
        "premise",
        "05_periphery",
        ("C29", "C37"),
    ),
    Node(
        "no_veto",
        "No ally blocks or reverses",
        "No NATO member blocks the pact in the North Atlantic Council or reverses it later "
        "(consensus gives each of the 32 allies a veto).",
        "premise",
        "05_periphery",
        ("C39", "C07"),
    ),
    # --- intermediate conclusions -------------------------------------------------------------
    Node(
        "will_both_sides",
        "Political will on both sides",
        "Political will exists on both sides: Moscow would sign and Washington would broker "
        "(the article's own condition).",
        "intermediate",
        "argument_map",
        ("C16",),
        ("russia_will", "us_broker"),
        "AND",
    ),
    Node(
        "drawdown_path",
        "Drawdown softens allies",
        "The US drawdown makes European allies more willing to deal.",
        "intermediate",
        "02_us_drawdown",
        ("C20", "C23"),
        ("drawdown", "europe_accommodates"),
        "AND",
    ),
    Node(
        "europe_on_board",
        "European allies come to the table",
        "European allies accept talks: either the drawdown softens them, or US pressure brings them along.",
        "intermediate",
        "02_us_drawdown",
        ("C26", "C28"),
        ("drawdown_path", "us_pressure"),
        "OR",
    ),
    Node(
        "core_deal",
        "Poland–Belarus core deal",
        "A Poland–Belarus core deal: limits on Poland for Russian weapons out of Belarus.",
        "intermediate",
        "04_core_deal",
        ("C35", "C36"),
        ("poland_limits", "russia_withdraws"),
        "AND",
    ),
    Node(
        "all_fronts",
        "Agreements on all three fronts",
        "Agreements cover the central front and the peripheral fronts.",
        "intermediate",
        "05_periphery",
        ("C37",),
        ("core_deal", "periphery_follows"),
        "AND",
    ),
    # --- conclusion -----------------------------------------------------------------------------
    Node(
        "pact",
        "A NATO–Russia pact is achievable",
        "A NATO–Russia non-aggression pact is achievable.",
        "conclusion",
        "argument_map",
        ("C16", "C13"),
        ("will_both_sides", "europe_on_board", "all_fronts", "no_veto", "war_ends"),
        "AND",
    ),
)

#: The premises, in the order of every credence vector in this module.
PREMISES: tuple[str, ...] = tuple(n.key for n in NODES if n.role == "premise")
CONCLUSION = "pact"
_BY_KEY = {n.key: n for n in NODES}


@dataclass(frozen=True)
class Profile:
    """A labelled set of credences, one per premise. Illustrative, not anyone's stated numbers."""

    name: str
    description: str
    credences: Mapping[str, float] = field(default_factory=dict)


PROFILES: tuple[Profile, ...] = (
    Profile(
        "Hopeful (close to the article's reading)",
        "Each premise more likely than not, as the column's confident steps suggest. "
        "Illustrative: the author gives no numbers.",
        dict(
            russia_will=0.8,
            us_broker=0.75,
            war_ends=0.7,
            drawdown=0.8,
            europe_accommodates=0.6,
            us_pressure=0.6,
            poland_limits=0.6,
            russia_withdraws=0.65,
            periphery_follows=0.7,
            no_veto=0.6,
        ),
    ),
    Profile("Even odds", "Every premise at 0.5: a reader with no view either way.", {k: 0.5 for k in PREMISES}),
    Profile(
        "Sceptical (close to the blog editor's answer)",
        'Most premises unlikely, in the spirit of the editor\'s answer ("there is nothing"). Illustrative.',
        dict(
            russia_will=0.4,
            us_broker=0.5,
            war_ends=0.4,
            drawdown=0.6,
            europe_accommodates=0.15,
            us_pressure=0.25,
            poland_limits=0.1,
            russia_withdraws=0.2,
            periphery_follows=0.3,
            no_veto=0.2,
        ),
    ),
)


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on: the first illustrative profile."""

    profile: int = 0

    def __post_init__(self) -> None:
        if check.count(self.profile, "profile") >= len(PROFILES):
            raise ValueError(f"profile must be in [0, {len(PROFILES) - 1}], got {self.profile}")

    @property
    def credences(self) -> dict[str, float]:
        """The chosen profile's credence in each premise."""
        return dict(PROFILES[self.profile].credences)


DEFAULTS = Defaults()


# ---------------------------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------------------------
def node(key: str) -> Node:
    """The node called ``key``.

    Raises
    ------
    ValueError
        If no node has that key.
    """
    if key not in _BY_KEY:
        raise ValueError(f"key must be one of the map's nodes ({', '.join(_BY_KEY)}), got {key!r}")
    return _BY_KEY[key]


def _node_tuple(nodes: Sequence[Node]) -> tuple[Node, ...]:
    """``nodes`` as a tuple after checking that it is a non-empty sequence of :class:`Node`."""
    if (
        isinstance(nodes, (str, bytes))
        or not isinstance(nodes, Sequence)
        or not nodes
        or not all(isinstance(n, Node) for n in nodes)
    ):
        raise ValueError(f"nodes must be a non-empty sequence of argument.Node, got {nodes!r}"[:300])
    return tuple(nodes)


def validate_map(nodes: Sequence[Node] = NODES) -> tuple[str, ...]:
    """Check that ``nodes`` form a valid argument map and return them in topological order.

    A valid map has unique keys, parents that exist, premises without parents, non-premises with
    at least one parent, gates in {AND, OR}, no cycle, and exactly one conclusion that every node
    leads to.

    Raises
    ------
    ValueError
        Naming the first problem found.
    """
    nodes = _node_tuple(nodes)
    keys = [n.key for n in nodes]
    if len(set(keys)) != len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"nodes must have unique keys; {dup!r} appears twice")
    by_key = {n.key: n for n in nodes}
    for n in nodes:
        if n.gate not in ("AND", "OR"):
            raise ValueError(f"gate of node {n.key!r} must be 'AND' or 'OR', got {n.gate!r}")
        if n.role == "premise" and n.parents:
            raise ValueError(f"premise {n.key!r} must have no parents, got {n.parents}")
        if n.role != "premise" and not n.parents:
            raise ValueError(f"node {n.key!r} ({n.role}) must have at least one parent")
        for p in n.parents:
            if p not in by_key:
                raise ValueError(f"parent {p!r} of node {n.key!r} is not a node of the map")
    conclusions = [n.key for n in nodes if n.role == "conclusion"]
    if len(conclusions) != 1:
        raise ValueError(f"the map must have exactly one conclusion, got {conclusions}")
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(k: str) -> None:
        if state.get(k) == 2:
            return
        if state.get(k) == 1:
            raise ValueError(f"the map has a cycle through node {k!r}")
        state[k] = 1
        for p in by_key[k].parents:
            visit(p)
        state[k] = 2
        order.append(k)

    for k in keys:
        visit(k)
    reached = set()
    stack = [conclusions[0]]
    while stack:
        k = stack.pop()
        if k not in reached:
            reached.add(k)
            stack.extend(by_key[k].parents)
    unused = [k for k in keys if k not in reached]
    if unused:
        raise ValueError(f"every node must lead to the conclusion; {unused[0]!r} does not")
    return tuple(order)


def depths(nodes: Sequence[Node] = NODES) -> dict[str, int]:
    """Layer of each node: 0 for premises, else 1 + the deepest parent (longest path)."""
    order = validate_map(nodes)
    by_key = {n.key: n for n in nodes}
    depth: dict[str, int] = {}
    for k in order:
        ps = by_key[k].parents
        depth[k] = 0 if not ps else 1 + max(depth[p] for p in ps)
    return depth


# ---------------------------------------------------------------------------------------------
# Probabilities
# ---------------------------------------------------------------------------------------------
def credence_vector(credences: Mapping[str, float] | Sequence[float], premises: Sequence[str] = PREMISES) -> np.ndarray:
    """The credences as an array in the order of ``premises``, validated.

    Parameters
    ----------
    credences : mapping premise -> probability, or a sequence in the order of ``premises``
        The reader's credence in each premise.

    Raises
    ------
    ValueError
        If a premise is missing or unknown, a value is outside [0, 1], or the length is wrong.
    """
    if (
        isinstance(premises, (str, bytes))
        or not isinstance(premises, Sequence)
        or not premises
        or not all(isinstance(k, str) for k in premises)
    ):
        raise ValueError(f"premises must be a non-empty sequence of premise keys, got {premises!r}")
    if isinstance(credences, Mapping):
        unknown = [k for k in credences if k not in premises]
        if unknown:
            raise ValueError(f"credences names an unknown premise {unknown[0]!r}; premises are {', '.join(premises)}")
        missing = [k for k in premises if k not in credences]
        if missing:
            raise ValueError(f"credences is missing premise {missing[0]!r}")
        return np.array([check.probability(credences[k], f"credences[{k!r}]") for k in premises])
    arr = check.probabilities(credences, "credences")
    if arr.size != len(premises):
        raise ValueError(f"credences must have one value per premise ({len(premises)}), got {arr.size}")
    return arr


def _truth_table(n: int) -> np.ndarray:
    """All 2**n assignments of n binary premises, shape (2**n, n), as booleans."""
    return np.array(list(itertools.product((False, True), repeat=n)), dtype=bool).reshape(-1, n)


@functools.lru_cache(maxsize=16)
def _structure(nodes: tuple[Node, ...]) -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray, np.ndarray]:
    """Validated map, cached: (premises, node order, truth table of premises, truth of every node
    in every assignment as a boolean matrix of shape (2**n, number of nodes))."""
    order = validate_map(nodes)
    by_key = {n.key: n for n in nodes}
    premises = tuple(n.key for n in nodes if n.role == "premise")
    table = _truth_table(len(premises))
    truth: dict[str, np.ndarray] = {k: table[:, i] for i, k in enumerate(premises)}
    for k in order:
        n = by_key[k]
        if n.role == "premise":
            continue
        cols = np.column_stack([truth[q] for q in n.parents])
        truth[k] = cols.all(axis=1) if n.gate == "AND" else cols.any(axis=1)
    matrix = np.column_stack([truth[k] for k in order]).astype(float)
    return premises, order, table, matrix


def node_probabilities(
    credences: Mapping[str, float] | Sequence[float], nodes: Sequence[Node] = NODES
) -> dict[str, float]:
    """Probability that each node holds, premises independent, computed exactly.

    Every one of the 2**n truth assignments of the n premises gets the probability
    prod(p_i if true else 1 - p_i); each node's truth follows from its gate (AND: all parents
    true; OR: at least one true); a node's probability is the total weight of the assignments in
    which it is true.

    Parameters
    ----------
    credences : mapping or sequence of float in [0, 1]
        The credence in each premise (see :func:`credence_vector`).
    nodes : sequence of Node
        The map (default: the article's map, :data:`NODES`).

    Returns
    -------
    dict
        Node key -> probability. For premises, the credence itself.

    Raises
    ------
    ValueError
        If the map is invalid or the credences are.

    Examples
    --------
    With two premises of credence 0.5 under an AND gate the conclusion has probability 0.25;
    under an OR gate, 0.75.
    """
    premises, order, table, matrix = _structure(_node_tuple(nodes))
    p = credence_vector(credences, premises)
    weights = np.prod(np.where(table, p, 1.0 - p), axis=1)
    probs = weights @ matrix
    return {k: float(min(1.0, max(0.0, v))) for k, v in zip(order, probs)}


def conclusion_probability(credences: Mapping[str, float] | Sequence[float], nodes: Sequence[Node] = NODES) -> float:
    """Probability of the map's conclusion (see :func:`node_probabilities`)."""
    probs = node_probabilities(credences, nodes)
    (final,) = [n.key for n in nodes if n.role == "conclusion"]
    return probs[final]


@dataclass(frozen=True)
class Swing:
    """How much one premise moves the conclusion."""

    premise: str
    if_false: float
    if_true: float
    current: float

    @property
    def width(self) -> float:
        """P(conclusion | premise true) − P(conclusion | premise false): since the conclusion's
        probability is linear in each credence, also its slope in that credence."""
        return self.if_true - self.if_false


def swings(credences: Mapping[str, float] | Sequence[float], nodes: Sequence[Node] = NODES) -> list[Swing]:
    """For each premise, the conclusion's probability with that premise false and true, the others
    at the reader's credences; sorted by width, largest first (the tornado chart's order; ties
    keep the map's order).

    Raises
    ------
    ValueError
        If the map or the credences are invalid.
    """
    premises, order, table, matrix = _structure(_node_tuple(nodes))
    p = credence_vector(credences, premises)
    (final,) = [n.key for n in nodes if n.role == "conclusion"]
    holds = matrix[:, order.index(final)]  # the conclusion's truth in every assignment
    # weight of each assignment with premise i left out: the product of the other premises'
    # factors, from running products from the left and from the right (one pass for all i)
    factors = np.where(table, p, 1.0 - p)
    ones = np.ones((factors.shape[0], 1))
    left = np.cumprod(np.hstack([ones, factors[:, :-1]]), axis=1)
    right = np.cumprod(np.hstack([ones, factors[:, :0:-1]]), axis=1)[:, ::-1]
    others = left * right * holds[:, None]
    if_true = np.clip((others * table).sum(axis=0), 0.0, 1.0)
    if_false = np.clip((others * ~table).sum(axis=0), 0.0, 1.0)
    current = conclusion_probability(p, nodes)
    out = [Swing(k, float(if_false[i]), float(if_true[i]), current) for i, k in enumerate(premises)]
    order = sorted(range(len(out)), key=lambda j: (-round(out[j].width, 12), j))
    return [out[j] for j in order]


def profile(name_or_index: str | int) -> Profile:
    """One of the illustrative :data:`PROFILES`, by name or index.

    Raises
    ------
    ValueError
        If there is no such profile.
    """
    if isinstance(name_or_index, (int, np.integer)) and not isinstance(name_or_index, bool):
        if not 0 <= int(name_or_index) < len(PROFILES):
            raise ValueError(f"name_or_index must be in [0, {len(PROFILES) - 1}], got {name_or_index}")
        return PROFILES[int(name_or_index)]
    for prof in PROFILES:
        if prof.name == name_or_index:
            return prof
    raise ValueError(
        f"name_or_index must name a profile ({'; '.join(p.name for p in PROFILES)}), got {name_or_index!r}"
    )


def comonotone_probability(credences: Mapping[str, float] | Sequence[float], nodes: Sequence[Node] = NODES) -> float:
    """Probability of the conclusion if the premises are *perfectly positively dependent*.

    The opposite extreme to independence: one common draw U, uniform on [0, 1], decides every
    premise, and premise i holds when U < p_i (so each keeps its credence, and a less likely
    premise holds only when every likelier one does). The truth of every node is then a step
    function of U; the result is the total length of the intervals of U where the conclusion
    holds, computed exactly from the sorted credences. For a map of AND gates only it equals the
    smallest credence (the upper Fréchet bound).

    Raises
    ------
    ValueError
        If the map or the credences are invalid.

    References
    ----------
    Nelsen, R. B. (2006). *An Introduction to Copulas*, 2nd ed., Springer (comonotonicity and
    the Fréchet–Hoeffding bounds).
    """
    premises, order, _, _ = _structure(_node_tuple(nodes))
    by_key = {n.key: n for n in nodes}
    p = credence_vector(credences, premises)
    (final,) = [n.key for n in nodes if n.role == "conclusion"]
    cuts = np.unique(np.concatenate([[0.0, 1.0], p]))
    total = 0.0
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        u = 0.5 * (lo + hi)
        truth = {k: bool(u < p[i]) for i, k in enumerate(premises)}
        for k in order:
            n = by_key[k]
            if n.role != "premise":
                vals = [truth[q] for q in n.parents]
                truth[k] = all(vals) if n.gate == "AND" else any(vals)
        if truth[final]:
            total += hi - lo
    return float(total)
