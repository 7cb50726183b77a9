"""The event lexicon: trigger patterns per PLOVER type, word classes and cue words, loaded once
from ``data/events/*.yaml`` plus the user's ``--lexicon`` files and indexed by lemma.

A lexicon file is a YAML mapping with any of the keys ``types``, ``contexts``, ``classes``,
``patterns``, ``cues``, ``mode_words`` and ``context_words`` (see ``docs/events.md``). Files are
merged in order: classes and cue lists are extended, types are updated, patterns are appended.
Every entry is validated on load; an error names the file, the line and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storytrace.errors import DataFileError
from storytrace.records import EVENT_TYPES

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
TOP_KEYS = {"version", "types", "contexts", "classes", "patterns", "cues", "mode_words", "context_words"}
PATTERN_KEYS = {
    "type", "verbs", "nouns", "adjectives", "object", "not_object", "subject", "not_subject", "pp",
    "no_object", "plural", "progressive", "frame", "roles", "reciprocal", "object_role", "owner",
    "recipients", "require", "mode", "context", "predicate", "infinitive", "modal", "negative", "speaker",
    "episodic",
}
TYPE_KEYS = {"quad", "object", "owner", "recipients", "place_recipient", "borrow_subject", "origin_actor",
             "future", "refused", "modes", "context"}
FRAMES = {"intent", "request", "refuse", "threat", "allege", "deny"}
ROLES = {"swap", "from", "accused"}
REQUIRES = {"actor", "recipient", "complement", "event"}
SPECIAL_TERMS = {"ACTOR", "PLACE", "IGO", "EVENT"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(frozen=True)
class Phrase:
    """A word with the words that must depend on it: "call for" = call <- for."""

    head: str
    deps: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join((self.head, *self.deps))


@dataclass(frozen=True)
class Terms:
    """A set of allowed words for an object/subject/complement: phrases, classes, entity labels."""

    words: frozenset[str] = frozenset()  # single lemmas (classes expanded)
    phrases: tuple[Phrase, ...] = ()  # multi-word entries (head + modifiers)
    labels: frozenset[str] = frozenset()  # spaCy entity labels (ENT:MONEY -> MONEY)
    special: frozenset[str] = frozenset()  # ACTOR, PLACE, IGO, EVENT

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.labels or self.special)


@dataclass(frozen=True)
class TypeInfo:
    name: str
    quad: int
    object: str = "recipient"
    owner: str = "recipient"
    recipients: tuple[str, ...] = ()
    place_recipient: bool = False
    borrow_subject: bool = False
    origin_actor: bool = False
    future: str | None = None
    refused: str | None = None
    modes: frozenset[str] = frozenset()
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pattern:
    type: str
    pos: str  # verb | noun | adj
    trigger: Phrase
    source: str  # file:line, for messages
    objects: Terms | None = None
    not_objects: Terms | None = None
    subjects: Terms | None = None
    not_subjects: Terms | None = None
    pp: tuple[tuple[str, Terms], ...] = ()
    no_object: bool = False
    plural: bool = False
    progressive: bool = False
    frame: str | None = None
    roles: str | None = None
    reciprocal: bool = False
    object_role: str | None = None
    owner: str | None = None
    recipients: tuple[str, ...] | None = None
    require: frozenset[str] = frozenset()
    mode: str | None = None
    context: tuple[str, ...] = ()
    predicate: Terms | None = None  # what the object is called: "called the strikes [an act of war]"
    infinitive: frozenset[str] = frozenset()  # "reserves the right [to respond]"
    modal: bool = False  # only said of the future: "would face consequences"
    negative: bool = False  # only negated, the negation part of the act: "will not go unanswered"
    speaker: bool = False  # the act is the saying of it: the speaker acts when nobody else is named
    episodic: bool = False  # no opponent named: only a fight told as happening ("fought", "are fighting")

    @property
    def specificity(self) -> int:
        return (len(self.trigger.deps) * 2 + (2 if self.objects else 0) + (1 if self.subjects else 0)
                + 2 * len(self.pp) + (1 if self.no_object else 0) + (1 if self.frame else 0)
                + (2 if self.progressive else 0) + (3 if self.predicate else 0)
                + (2 if self.infinitive else 0) + (1 if self.modal else 0) + (1 if self.negative else 0))


@dataclass
class Lexicon:
    types: dict[str, TypeInfo] = field(default_factory=dict)
    contexts: set[str] = field(default_factory=set)
    classes: dict[str, set[str]] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    cues: dict[str, set[str]] = field(default_factory=dict)
    mode_words: dict[str, list[tuple[str, Terms]]] = field(default_factory=dict)
    context_words: list[tuple[str, Terms]] = field(default_factory=list)
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjectives: dict[str, list[Pattern]] = field(default_factory=dict)
    _context_index: tuple[dict[str, set[str]], dict[str, list[tuple[str, Phrase]]]] | None = None
    _hashes: set[int] | None = None

    def cue(self, name: str) -> set[str]:
        return self.cues.get(name, set())

    def context_index(self) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, Phrase]]]]:
        """Context words by word, and multi-word context phrases by each of their words."""
        if self._context_index is None:
            words: dict[str, set[str]] = {}
            heads: dict[str, list[tuple[str, Phrase]]] = {}
            for ctx, terms in self.context_words:
                for w in terms.words:
                    words.setdefault(w, set()).add(ctx)
                for ph in terms.phrases:
                    for w in (ph.head, *ph.deps):
                        heads.setdefault(w, []).append((ctx, ph))
            self._context_index = (words, heads)
        return self._context_index

    def trigger_hashes(self) -> set[int]:
        """spaCy string hashes of every trigger word and its inflections, so a document's
        tokens are screened on integer arrays before any Token object is made."""
        if self._hashes is None:
            from spacy.strings import hash_string  # type: ignore[attr-defined]

            words: set[str] = set(self.nouns) | set(self.adjectives)
            for verb in self.verbs:
                words |= {verb, *_inflections(verb)}
            words |= {w.capitalize() for w in words}
            self._hashes = {hash_string(w) for w in words}
        return self._hashes

    def index(self) -> None:
        self._hashes = None
        self.verbs, self.nouns, self.adjectives = {}, {}, {}
        table = {"verb": self.verbs, "noun": self.nouns, "adj": self.adjectives}
        for p in self.patterns:
            table[p.pos].setdefault(p.trigger.head, []).append(p)
        for bucket in table.values():
            for lemma, found in bucket.items():
                bucket[lemma] = sorted(found, key=lambda p: -p.specificity)


def _inflections(verb: str) -> set[str]:
    """Regular inflections of a verb, for words the lemmatizer gets wrong ("staged" -> stag)."""
    stem = verb[:-1] if verb.endswith("e") else verb
    out = {verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "d"}
    if verb.endswith("y"):
        out |= {verb[:-1] + "ied", verb[:-1] + "ies"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":
        out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return out


# ------------------------------------------------------------------ loading

class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping under the key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads on / off / yes / no as booleans; in a word list they are words ("on", "no")
_BOOL = "tag:yaml.org,2002:bool"
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def default_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_lexicon(user_files: Iterable[Path] = ()) -> Lexicon:
    """The built-in lexicon extended by the user's files (validated; indexed by lemma)."""
    raw: list[tuple[Path, dict[str, Any]]] = []
    for path in [*default_files(), *(Path(p) for p in user_files)]:
        raw.append((path, _read(path)))
    lex = Lexicon()
    # types, contexts and classes first: patterns in any file may use those of any other file
    for path, data in raw:
        _merge_types(lex, path, data)
    for path, data in raw:
        for name, words in (data.get("classes") or {}).items():
            if name == "__line__":
                continue
            if not isinstance(words, list):
                raise DataFileError(str(path), f"class {name!r}: expected a list of words",
                                    _line(data.get("classes")))
            lex.classes.setdefault(str(name), set()).update(_norm(w) for w in words)
    for path, data in raw:
        _merge_cues(lex, path, data)
        for n, entry in enumerate(data.get("patterns") or []):
            if not isinstance(entry, dict):
                raise DataFileError(str(path), f"patterns[{n}]: expected a mapping, got {entry!r}")
            lex.patterns.extend(_patterns(lex, path, n, entry))
    if not lex.patterns:
        raise DataFileError(str(DATA_DIR), "the event lexicon has no patterns")
    lex.index()
    return lex


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read the lexicon file: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(str(path), f"not valid YAML: {exc}",
                            mark.line + 1 if mark is not None else None) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError(str(path), "a lexicon file must be a YAML mapping (types:, patterns:, ...)")
    unknown = set(data) - TOP_KEYS - {"__line__"}
    if unknown:
        raise DataFileError(str(path), f"unknown top-level keys {sorted(unknown)}; "
                                       f"expected some of {sorted(TOP_KEYS)}", _line(data))
    return data


def _line(data: Any) -> int | None:
    return data.get("__line__") if isinstance(data, dict) else None


def _norm(word: Any) -> str:
    return str(word).strip().lower()


def _merge_types(lex: Lexicon, path: Path, data: dict[str, Any]) -> None:
    for ctx in data.get("contexts") or []:
        lex.contexts.add(_norm(ctx))
    for name, spec in (data.get("types") or {}).items():
        if name == "__line__":
            continue
        where = f"types.{name}"
        if name not in EVENT_TYPES:
            raise DataFileError(str(path), f"{where}: not a PLOVER type (one of {', '.join(EVENT_TYPES)})",
                                _line(spec))
        if not isinstance(spec, dict):
            raise DataFileError(str(path), f"{where}: expected a mapping", _line(data.get("types")))
        unknown = set(spec) - TYPE_KEYS - {"__line__"}
        if unknown:
            raise DataFileError(str(path), f"{where}: unknown keys {sorted(unknown)}", _line(spec))
        old = lex.types.get(name)
        base = old.__dict__ if old else {"name": name, "quad": 0}
        values = dict(base)
        for key, value in spec.items():
            if key == "__line__":
                continue
            if key in ("recipients", "context"):
                value = tuple(_norm(v) for v in value or [])
            elif key == "modes":
                value = frozenset(_norm(v) for v in value or [])
            elif key in ("future", "refused") and value is not None and value not in EVENT_TYPES:
                raise DataFileError(str(path), f"{where}.{key}: {value!r} is not a PLOVER type", _line(spec))
            elif key in ("object", "owner") and value not in ("recipient", "theme", "actor", "none"):
                raise DataFileError(str(path), f"{where}.{key}: {value!r} is not recipient/theme/actor/none",
                                    _line(spec))
            values[key] = value
        lex.types[name] = TypeInfo(**values)


def _merge_cues(lex: Lexicon, path: Path, data: dict[str, Any]) -> None:
    for name, words in (data.get("cues") or {}).items():
        if name == "__line__":
            continue
        if not isinstance(words, list):
            raise DataFileError(str(path), f"cues.{name}: expected a list of words", _line(data.get("cues")))
        lex.cues.setdefault(str(name), set()).update(_norm(w) for w in words)
    for type_name, modes in (data.get("mode_words") or {}).items():
        if type_name == "__line__":
            continue
        info = lex.types.get(type_name)
        if info is None:
            raise DataFileError(str(path), f"mode_words.{type_name}: unknown event type", _line(modes))
        for mode, words in modes.items():
            if mode == "__line__":
                continue
            if mode not in info.modes:
                raise DataFileError(str(path), f"mode_words.{type_name}.{mode}: not a mode of {type_name} "
                                               f"({', '.join(sorted(info.modes))})", _line(modes))
            lex.mode_words.setdefault(type_name, []).append(
                (mode, _terms(lex, path, f"mode_words.{type_name}.{mode}", words, _line(modes))))
    for ctx, words in (data.get("context_words") or {}).items():
        if ctx == "__line__":
            continue
        if ctx not in lex.contexts:
            raise DataFileError(str(path), f"context_words.{ctx}: not a PLOVER context",
                                _line(data["context_words"]))
        lex.context_words.append((ctx, _terms(lex, path, f"context_words.{ctx}", words,
                                              _line(data["context_words"]))))


def _phrase(text: str, pos: str) -> Phrase:
    words = _norm(text).split()
    if len(words) == 1 and "-" in words[0] and pos == "verb" and not words[0].startswith("-"):
        # "test-fire": spaCy splits it; the verb is the last part, the first depends on it
        parts = words[0].split("-")
        return Phrase(parts[-1], tuple(parts[:-1]))
    if pos == "verb":
        return Phrase(words[0], tuple(words[1:]))
    # "sit-in", "live-fire drill": spaCy splits hyphenated words; the noun is the last part
    parts = [part for w in words for part in w.split("-") if part]
    return Phrase(parts[-1], tuple(parts[:-1]))


def _terms(lex: Lexicon, path: Path, where: str, values: Any, line: int | None) -> Terms:
    if values is None:
        return Terms()
    if not isinstance(values, list):
        raise DataFileError(str(path), f"{where}: expected a list", line)
    words: set[str] = set()
    phrases: list[Phrase] = []
    labels: set[str] = set()
    special: set[str] = set()
    for value in values:
        text = str(value).strip()
        if text.startswith("@"):
            cls = lex.classes.get(text[1:])
            if cls is None:
                raise DataFileError(str(path), f"{where}: unknown class {text!r} (defined classes: "
                                               f"{', '.join(sorted(lex.classes))})", line)
            for w in cls:
                if "-" in w.strip("-"):
                    words.add(w)  # kept whole too, in case the tokenizer did not split it
                (phrases.append(_phrase(w, "noun")) if " " in w or "-" in w.strip("-") else words.add(w))
        elif text.startswith("ENT:"):
            labels.add(text[4:])
        elif text in ENTITY_LABELS:  # "PERSON" is the entity label, as ENT:PERSON
            labels.add(text)
        elif text in SPECIAL_TERMS:
            special.add(text)
        elif " " in text.strip() or "-" in text.strip("-"):
            if " " not in text.strip():
                words.add(_norm(text))
            phrases.append(_phrase(text, "noun"))
        elif text:
            words.add(_norm(text))
    return Terms(frozenset(words), tuple(phrases), frozenset(labels), frozenset(special))


def _patterns(lex: Lexicon, path: Path, n: int, entry: dict[str, Any]) -> list[Pattern]:
    line = entry.get("__line__")
    first = next(iter(entry.get("verbs") or entry.get("nouns") or entry.get("adjectives") or ["?"]))
    where = f"patterns[{n}] ({entry.get('type')} {first!r})"

    def fail(reason: str) -> DataFileError:
        return DataFileError(str(path), f"{where}: {reason}", line)

    unknown = set(entry) - PATTERN_KEYS - {"__line__"}
    if unknown:
        raise fail(f"unknown keys {sorted(unknown)}; allowed: {sorted(PATTERN_KEYS)}")
    type_name = entry.get("type")
    info = lex.types.get(str(type_name))
    if type_name not in EVENT_TYPES or info is None:
        raise fail(f"type {type_name!r} is not a PLOVER type (one of {', '.join(EVENT_TYPES)})")
    mode = entry.get("mode")
    if mode is not None and mode not in info.modes:
        raise fail(f"mode {mode!r} is not a mode of {type_name} ({', '.join(sorted(info.modes)) or 'none'})")
    context = tuple(_norm(c) for c in entry.get("context") or [])
    bad = [c for c in context if c not in lex.contexts]
    if bad:
        raise fail(f"unknown contexts {bad}")
    frame = entry.get("frame")
    if frame is not None and frame not in FRAMES:
        raise fail(f"frame must be one of {sorted(FRAMES)}")
    roles = entry.get("roles")
    if roles is not None and roles not in ROLES:
        raise fail(f"roles must be one of {sorted(ROLES)}")
    require = frozenset(_norm(r) for r in entry.get("require") or [])
    if require - REQUIRES:
        raise fail(f"require may list {sorted(REQUIRES)}, not {sorted(require - REQUIRES)}")
    for key in ("object_role", "owner"):
        if entry.get(key) not in (None, "recipient", "theme", "actor", "none"):
            raise fail(f"{key} must be recipient, theme, actor or none")
    pp_spec = entry.get("pp") or {}
    if not isinstance(pp_spec, dict):
        raise fail("pp must map a preposition to a list of words")
    pp = tuple((_norm(prep), _terms(lex, path, f"{where} pp.{prep}", words, line))
               for prep, words in pp_spec.items() if prep != "__line__")

    def terms(key: str) -> Terms | None:
        return _terms(lex, path, f"{where} {key}", entry[key], line) if key in entry else None

    common: dict[str, Any] = {
        "objects": terms("object"), "not_objects": terms("not_object"), "subjects": terms("subject"),
        "not_subjects": terms("not_subject"), "pp": pp, "no_object": bool(entry.get("no_object")),
        "plural": bool(entry.get("plural")), "progressive": bool(entry.get("progressive")),
        "frame": frame, "roles": roles,
        "reciprocal": bool(entry.get("reciprocal")), "object_role": entry.get("object_role"),
        "owner": entry.get("owner"), "require": require, "mode": mode, "context": context,
        "recipients": tuple(_norm(r) for r in entry["recipients"]) if "recipients" in entry else None,
        "predicate": terms("predicate"),
        "infinitive": frozenset(_norm(w) for w in entry.get("infinitive") or []),
        "modal": bool(entry.get("modal")), "negative": bool(entry.get("negative")),
        "speaker": bool(entry.get("speaker")), "episodic": bool(entry.get("episodic")),
    }
    out = []
    for key, pos in (("verbs", "verb"), ("nouns", "noun"), ("adjectives", "adj")):
        words = entry.get(key) or []
        if not isinstance(words, list):
            raise fail(f"{key} must be a list")
        for word in words:
            if not str(word).strip():
                raise fail(f"empty word in {key}")
            out.append(Pattern(type=str(type_name), pos=pos, trigger=_phrase(str(word), pos),
                               source=f"{path.name}:{line}", **common))
    if not out:
        raise fail("a pattern needs verbs, nouns or adjectives")
    return out


def lexicon(res: Any) -> Lexicon:
    """The lexicon of these resources (built-in + ``res.lexicon_files``), loaded once."""
    files = tuple(getattr(res, "lexicon_files", ()) or ())
    return res.cached(f"events.lexicon:{'|'.join(map(str, files))}",  # type: ignore[no-any-return]
                      lambda: load_lexicon(files))
