"""The PLOVER codebook and the event-pattern dictionary, loaded from data files.

- ``plover_codebook.yaml``: the 16 event types (quad, base score, modes with their
  scores, CAMEO root), CAMEO roots with Goldstein values, the CAMEO→PLOVER and
  ACLED→PLOVER tables, and the contexts with their cue words.
- ``event_patterns*.yaml``: verb and noun lemmas mapped to a PLOVER type and mode,
  with argument constraints (required preposition, particle or object lemma) and an
  id that events carry as their ``rule``. Wrapper verbs (``say``, ``plan``,
  ``threaten``, ``refuse`` …) carry ``governs`` and change the event below them.

User files with the same shape extend both (``user_files``): a file with a top-level
``patterns`` key adds patterns; one with ``types``/``contexts`` keys overrides codebook
entries. Every entry is validated; errors are :class:`KnowledgeError` naming file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.errors import KnowledgeError
from dateline.knowledge.files import LINE, FileStamp, data_path, file_stamps, read_yaml

CODEBOOK_FILE = "plover_codebook.yaml"
PATTERN_FILES = ("event_patterns_verbs.yaml", "event_patterns_nouns.yaml")
POS = frozenset({"verb", "noun"})
GOVERNS = frozenset(
    {"speech", "future", "hypothetical", "negate", "agree", "threaten", "request", "reject",
     "attempt", "light", "historical", "nonevent"}
)
PATTERN_KEYS = frozenset(
    {"id", "lemmas", "pos", "event", "mode", "particle", "prep", "object", "recipient",
     "governs", "reciprocal", "context", "confidence", "passive_only", "__line__"}
)
@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type with its quad class, scores and CAMEO root."""

    name: str
    quad: int
    score: float
    cameo: str
    modes: Mapping[str, float]
    mode_cameo: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Codebook:
    """The PLOVER codebook plus the CAMEO/ACLED conversion tables."""

    version: str
    types: Mapping[str, EventType]
    goldstein: Mapping[str, float]
    cameo_map: Mapping[str, str | None]
    acled_map: Mapping[str, str | None]
    contexts: Mapping[str, tuple[str, ...]]
    type_contexts: Mapping[str, tuple[str, ...]]
    merged: Mapping[str, str]  # type -> the label some gold sets merge it into (YIELD)
    merged_quads: Mapping[str, int]  # merged label -> its quad class
    groups: Mapping[str, frozenset[str]]  # named groups of types the coder's rules use
    cues: Mapping[str, tuple[str, ...]]  # cue word or phrase -> contexts

    def merged_label(self, label: str) -> str:
        """The label as the gold sets that merge types give it (RETREAT -> YIELD)."""
        return self.merged.get(label, label)

    def quad_of(self, label: str | None) -> int | None:
        """The quad class of a type or merged label (None for anything else)."""
        if label is None:
            return None
        kind = self.types.get(label)
        return kind.quad if kind is not None else self.merged_quads.get(label)

    def cooperative(self, label: str) -> bool:
        """A type or merged label of verbal or material cooperation (quad 1 or 2)."""
        return self.quad_of(label) in (1, 2)

    def score(self, event: str, mode: str | None) -> float:
        """The PLOVER score: the mode's value where the manual gives one, else the base."""
        kind = self.types[event]
        return kind.modes.get(mode, kind.score) if mode else kind.score

    def cameo_root(self, event: str, mode: str | None) -> str:
        """The CAMEO root code an event exports to."""
        kind = self.types[event]
        return kind.mode_cameo.get(mode, kind.cameo) if mode else kind.cameo

    def cameo_to_plover(self, code: str) -> str | None:
        """PLOVER type of a CAMEO code by the longest matching prefix (None: dropped)."""
        digits = "".join(ch for ch in str(code) if ch.isdigit())
        if len(digits) in (2, 3) and int(digits[:2]) > 20:
            digits = "0" + digits  # ICEWS drops the leading zero: 42 -> 042
        for size in range(len(digits), 1, -1):
            if digits[:size] in self.cameo_map:
                return self.cameo_map[digits[:size]]
        return None

    def acled_to_plover(self, label: str) -> str | None:
        """PLOVER type of an ACLED event or sub-event type (None: no equivalent)."""
        return self.acled_map.get(label.strip().lower())


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lemma → PLOVER rule, with the constraints that make it fire."""

    id: str
    lemma: str
    pos: str
    event: str | None
    mode: str | None = None
    particle: str | None = None
    prep: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    governs: str | None = None
    reciprocal: bool = False
    passive_only: bool = False
    context: tuple[str, ...] = ()
    confidence: float = 0.8
    origin: str = ""

    @property
    def specificity(self) -> int:
        """How many constraints must hold; more specific patterns are tried first."""
        anything = self.object == ("*",)  # "any object" ranks below named objects
        return (bool(self.particle) + bool(self.prep) + (bool(self.object) and not anything)
                + self.passive_only)


@dataclass(frozen=True, slots=True)
class PatternIndex:
    """Patterns by ``(pos, lemma)``, most specific first: one dict lookup per token."""

    by_lemma: Mapping[tuple[str, str], tuple[Pattern, ...]]

    def get(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((pos, lemma), ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())


def _require(cond: bool, path: Path, line: int | None, message: str) -> None:
    if not cond:
        raise KnowledgeError(str(path), line, message)


# ---------------------------------------------------------------- codebook


def _event_type(name: str, raw: Mapping[str, Any], path: Path) -> EventType:
    line = raw.get(LINE)
    _require(raw.get("quad") in (1, 2, 3, 4), path, line, f"{name}: quad must be 1-4")
    _require(isinstance(raw.get("score"), int | float), path, line, f"{name}: score missing")
    _require(isinstance(raw.get("cameo"), str), path, line, f"{name}: cameo root missing")
    modes = {str(k): float(v) for k, v in (raw.get("modes") or {}).items() if k != LINE}
    mode_cameo = {str(k): str(v) for k, v in (raw.get("mode_cameo") or {}).items() if k != LINE}
    return EventType(name, int(raw["quad"]), float(raw["score"]), raw["cameo"], modes, mode_cameo)


def _strip(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    return {str(k): v for k, v in (mapping or {}).items() if k != LINE}


def _codebook_parts(raw: Mapping[str, Any], path: Path) -> dict[str, Any]:
    types = {n: _event_type(n, v, path) for n, v in _strip(raw.get("types")).items()}
    roots = _strip(raw.get("cameo_roots"))
    return {
        "types": types,
        "goldstein": {k: float(v["goldstein"]) for k, v in roots.items()},
        "cameo_map": _strip(raw.get("cameo_to_plover")),
        "acled_map": {k.lower(): v for k, v in _strip(raw.get("acled_to_plover")).items()},
        "contexts": {k: tuple(v) for k, v in _strip(raw.get("contexts")).items()},
        "type_contexts": {k: tuple(v) for k, v in _strip(raw.get("type_contexts")).items()},
        **_merged_parts(_strip(raw.get("merged_types")), path),
        "groups": {k: frozenset(v) for k, v in _strip(raw.get("type_groups")).items()},
    }


def _merged_parts(merged: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """``merged`` (type -> label) and ``merged_quads`` (label -> quad) of ``merged_types``."""
    for label, spec in merged.items():
        line = spec.get(LINE) if isinstance(spec, Mapping) else None
        _require(isinstance(spec, Mapping) and isinstance(spec.get("types"), list), path, line,
                 f"{label}: merged_types entries need a list of types")  # fmt: skip
        _require(spec.get("quad") in (1, 2, 3, 4), path, line, f"{label}: quad must be 1-4")
    return {
        "merged": {t: label for label, spec in merged.items() for t in spec["types"]},
        "merged_quads": {label: int(spec["quad"]) for label, spec in merged.items()},
    }


def _check_codebook(parts: Mapping[str, Any], path: Path) -> None:
    types = parts["types"]
    _require(len(types) == 16, path, None, f"expected 16 event types, found {len(types)}")
    for name, kind in types.items():
        _require(kind.cameo in parts["goldstein"], path, None, f"{name}: unknown CAMEO root")
    for code, event in parts["cameo_map"].items():
        _require(event is None or event in types, path, None, f"CAMEO {code}: unknown {event}")
    for label, event in parts["acled_map"].items():
        _require(event is None or event in types, path, None, f"ACLED {label}: unknown {event}")
    for event, label in parts["merged"].items():
        _require(event in types and label not in types, path, None,
                 f"merged_types {label}: {event} must be a type and {label} not one")  # fmt: skip
    for name, members in parts["groups"].items():
        unknown = sorted(members - set(types))
        _require(not unknown, path, None, f"type_groups {name}: unknown {', '.join(unknown)}")


@lru_cache(maxsize=8)
def _load_codebook(user_files: tuple[str, ...], stamps: tuple[FileStamp, ...]) -> Codebook:
    """Cached per file list and the files' stamps (an edited user file is read again)."""
    path = data_path(CODEBOOK_FILE)
    raw = read_yaml(path)
    version = str(raw.get("version", ""))
    parts = _codebook_parts(raw, path)
    for user in (Path(p) for p in user_files if _is_yaml(Path(p))):
        extra = read_yaml(user)
        if isinstance(extra, dict) and ("types" in extra or "contexts" in extra):
            for key, value in _codebook_parts(extra, user).items():
                parts[key] = {**parts[key], **value}
    _check_codebook(parts, path)
    return Codebook(version=version, cues=cue_index(parts["contexts"]), **parts)


def cue_index(contexts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Invert contexts → cue words into cue word → contexts."""
    index: dict[str, tuple[str, ...]] = {}
    for context, cues in contexts.items():
        for cue in cues:
            index[cue.lower()] = (*index.get(cue.lower(), ()), context)
    return index


def load_codebook(user_files: Sequence[str | Path] = ()) -> Codebook:
    """The shipped codebook, extended by the codebook sections of user files."""
    files = tuple(str(p) for p in user_files)
    return _load_codebook(files, file_stamps(files))


# ---------------------------------------------------------------- patterns


def _str_tuple(raw: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str):
        value = (value,)
    ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    _require(ok, path, raw.get(LINE), f"{key} must be a string or a list of strings")
    return tuple(str(v).lower() for v in value)


def _check_entry(raw: Any, path: Path, codebook: Codebook) -> None:
    _require(isinstance(raw, dict), path, None, "each pattern must be a mapping")
    line = raw.get(LINE)
    unknown = set(raw) - PATTERN_KEYS
    _require(not unknown, path, line, f"unknown keys {sorted(unknown)}")
    _require(isinstance(raw.get("id"), str), path, line, "pattern needs a string id")
    _require(raw.get("pos") in POS, path, line, f"pos must be one of {sorted(POS)}")
    event, mode = raw.get("event"), raw.get("mode")
    _require(event is not None or raw.get("governs"), path, line, "needs event or governs")
    _require(event is None or event in codebook.types, path, line, f"unknown event {event!r}")
    modes = codebook.types[event].modes if event else {}
    _require(mode is None or mode in modes, path, line, f"mode {mode!r} not a mode of {event}")
    governs = raw.get("governs")
    _require(governs is None or governs in GOVERNS, path, line, f"unknown governs {governs!r}")
    conf = raw.get("confidence", 0.8)
    _require(isinstance(conf, int | float) and 0 < conf <= 1, path, line, "confidence in (0, 1]")


def _patterns_of(raw: Mapping[str, Any], path: Path, codebook: Codebook) -> list[Pattern]:
    _check_entry(raw, path, codebook)
    lemmas = _str_tuple(raw, "lemmas", path)
    _require(bool(lemmas), path, raw.get(LINE), "lemmas must not be empty")
    out = []
    for lemma in lemmas:
        head, _, particle = lemma.partition(" ")
        out.append(Pattern(
            id=raw["id"], lemma=head, pos=raw["pos"], event=raw.get("event"),
            mode=raw.get("mode"), particle=particle or raw.get("particle"),
            prep=_str_tuple(raw, "prep", path), object=_str_tuple(raw, "object", path),
            recipient=_str_tuple(raw, "recipient", path), governs=raw.get("governs"),
            reciprocal=bool(raw.get("reciprocal", False)),
            passive_only=bool(raw.get("passive_only", False)),
            context=_str_tuple(raw, "context", path),
            confidence=float(raw.get("confidence", 0.8)), origin=f"{path.name}:{raw.get(LINE)}",
        ))
    return out


def read_patterns(path: Path, codebook: Codebook) -> list[Pattern]:
    """All patterns of one file (a mapping with a ``patterns`` list)."""
    raw = read_yaml(path)
    _require(isinstance(raw, dict), path, 1, "expected a mapping with a 'patterns' list")
    entries = raw.get("patterns") or []
    _require(isinstance(entries, list), path, raw.get(LINE), "'patterns' must be a list")
    return [p for entry in entries for p in _patterns_of(entry, path, codebook)]


def build_index(patterns: Iterable[Pattern]) -> PatternIndex:
    """Index patterns by ``(pos, lemma)``: most specific first, then in given order."""
    grouped: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        grouped.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in grouped.items()}
    return PatternIndex(ordered)


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _is_pattern_file(path: Path) -> bool:
    if not _is_yaml(path):
        return False
    raw = read_yaml(path)
    return isinstance(raw, dict) and "patterns" in raw


@lru_cache(maxsize=8)
def _load_patterns(user_files: tuple[str, ...], stamps: tuple[FileStamp, ...]) -> PatternIndex:
    codebook = _load_codebook(user_files, stamps)
    paths = [Path(p) for p in user_files if _is_pattern_file(Path(p))]  # user files win ties
    paths += [data_path(name) for name in PATTERN_FILES]
    return build_index(p for path in paths for p in read_patterns(path, codebook))


def load_patterns(user_files: Sequence[str | Path] = ()) -> PatternIndex:
    """The shipped verb and noun patterns, extended by user pattern files."""
    files = tuple(str(p) for p in user_files)
    return _load_patterns(files, file_stamps(files))


@dataclass(frozen=True, slots=True)
class EventKnowledge:
    """Everything the event coder reads: the codebook and the pattern index."""

    codebook: Codebook
    patterns: PatternIndex


def load_event_knowledge(user_files: Sequence[str | Path] = ()) -> EventKnowledge:
    """Codebook and patterns, shipped plus user files (cached per file list and stamps)."""
    return EventKnowledge(load_codebook(user_files), load_patterns(user_files))
