"""The actor dictionary: states, organizations, government bodies, people and their offices,
titles and sector nouns, loaded from ``data/actors/*.yaml`` (plus the user's ``--actors``
files) and compiled once per process into token indexes.

Every entry is validated on load; a mistake raises :class:`DataFileError` naming the file,
the line and the entry. The format is documented in ``docs/actors.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storytrace.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
# PLOVER sector codes (spec/plover, "Sector Codes")
SECTORS = frozenset((
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"))
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ACTOR_ID = re.compile(r"^(?:[A-Z]{3}|(?:person|org|igo):[a-z0-9][a-z0-9-]*)$")

# Words of states' names that say nothing of which state ("Russian Federation", "Czech Republic").
_GENERIC_NAME_WORDS = frozenset({"states", "kingdom", "republic", "federation", "confederation", "islands",
                                 "island", "isles", "emirates", "union", "territory", "territories", "coast",
                                 "city", "state", "see", "north", "south", "east", "west", "principality",
                                 "sultanate", "commonwealth"})

# Kinds of dictionary names (what a matched name stands for).
STATE = "state"  # "North Korea", "DPRK"
DEMONYM = "demonym"  # "North Korean"
PEOPLE = "people"  # "North Koreans", "Britons"
CAPITAL = "capital"  # "Pyongyang": a metonym, or a place
SEAT = "seat"  # "the Kremlin", "Downing Street"
BODY = "body"  # "State Department"; generic ones ("Foreign Ministry") have no target
ORG = "org"  # IGOs, media, groups, parties
PERSON = "person"  # a full name
SHORT = "short"  # a person's distinctive surname ("Putin")
GROUP = "group"  # "the West": a generic actor, never exported
BLOCK = "block"  # "Korean Peninsula": not an actor, blocks shorter names inside it
PLACE_KINDS = frozenset({STATE, CAPITAL, SEAT, BODY})


# Letters NFKD does not decompose into an ASCII base letter.
_ASCII = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th"})


def slug(name: str) -> str:
    """ASCII slug of a name: "Choe Son Hui" -> "choe-son-hui", "İbrahim Kalın" -> "ibrahim-kalin"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def norm_token(text: str) -> str:
    """Token text as the indexes store it (curly apostrophes straightened)."""
    return text.replace("\u2019", "'") if "\u2019" in text else text


def fold(text: str) -> str:
    """ASCII-folded form of a name ("Erdoğan" -> "Erdogan"), to add as a spelling variant."""
    return unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode()


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Office:
    role: str
    start: date | None
    end: date | None  # exclusive; None = still in office
    where: str  # ISO3 or igo:/org: id

    def holds(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass
class ActorRecord:
    """A canonical actor as the export shows it."""

    id: str
    name: str
    kind: str  # country | person | organization | group | igo
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    offices: tuple[Office, ...] = ()

    def office_on(self, on: date | None) -> Office | None:
        if on is None or not self.offices:
            return None
        held = [o for o in self.offices if o.holds(on)]
        return held[0] if held else None


@dataclass(frozen=True)
class Entry:
    """What a dictionary name stands for."""

    kind: str  # STATE, DEMONYM, ... (above)
    target: str | None = None  # actor id; None for generic bodies and groups
    sector: str | None = None
    role: str | None = None
    default: str | None = None  # generic bodies: the actor when the context names no state
    name: str | None = None  # generic groups: the name they are shown with
    needs: tuple[str, ...] = ()  # contextual names: valid only where one of these states is named


@dataclass(frozen=True)
class Title:
    role: str
    sector: str | None = "GOV"
    gender: str | None = None
    person: bool = True  # an office with a holder to look up
    means: tuple[tuple[str, str], ...] = ()  # (ISO3, role): the office this title is in that state
    foreign: bool = False  # its holder serves abroad or in an IGO: the story's state says nothing
    one_holder: bool = False  # one person holds it in a state at a time (a cabinet seat, a crown)

    def role_in(self, where: str | None) -> str:
        """The office the title names in a state: "foreign secretary" is the foreign minister
        in Britain and a senior civil servant in India."""
        for code, role in self.means:
            if code == where:
                return role
        return self.role


@dataclass(frozen=True)
class Anaphor:
    """What "the agency", "the group", "the court" can refer to: an earlier actor whose name or
    role has one of ``words``, or whose kind, sector or id is listed."""

    words: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NounSense:
    sector: str | None
    domestic: bool


Index = dict[str, list[tuple[tuple[str, ...], Any]]]


@dataclass
class ActorDictionary:
    records: dict[str, ActorRecord] = field(default_factory=dict)
    names: Index = field(default_factory=dict)  # case-sensitive, by first token
    titles: Index = field(default_factory=dict)  # lower-case, by first token
    nouns: dict[tuple[str, ...], NounSense] = field(default_factory=dict)  # lower-case phrases
    noun_heads: frozenset[str] = frozenset()  # last tokens of the noun phrases
    agentive: set[str] = field(default_factory=set)  # "US support": the modifier acts
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cues.yaml word lists
    honorifics: dict[str, str | None] = field(default_factory=dict)  # "Mr" -> "m", "Dr" -> None
    anaphors: dict[str, Anaphor] = field(default_factory=dict)  # "agency" -> what "the agency" may be
    first_names: dict[str, str] = field(default_factory=dict)  # "Maria" -> "f" (unambiguous given names)
    state_bodies: dict[str, list[Entry]] = field(default_factory=dict)  # ISO3 -> its named bodies
    offices: dict[tuple[str, str], list[tuple[Office, str]]] = field(default_factory=dict)
    max_noun_len: int = 1
    # the last word of state names and demonyms -> the states it may name ("Korean" -> KOR, PRK)
    state_words: dict[str, frozenset[str]] = field(default_factory=dict)

    # ------------------------------------------------------------ lookups
    def record(self, actor_id: str) -> ActorRecord | None:
        return self.records.get(actor_id)

    def body_of(self, country: str, sector: str, role: str) -> Entry | None:
        """The one named body of a state with this sector and role ("South Korea's intelligence
        agency" is its National Intelligence Service), if there is exactly one."""
        found = [e for e in self.state_bodies.get(country, ()) if e.sector == sector and e.role == role]
        return found[0] if len(found) == 1 else None

    def holder(self, where: str, role: str, on: date | None) -> ActorRecord | None:
        """The one person holding ``role`` for ``where`` (ISO3 or IGO id) on the date."""
        if on is None:
            return None
        found = {pid for office, pid in self.offices.get((where, role), ()) if office.holds(on)}
        if len(found) != 1:
            return None
        return self.records.get(next(iter(found)))

    def match(self, index: Index, texts: list[str], i: int) -> tuple[int, Any] | None:
        """The longest name of ``index`` starting at token ``i``: (end, value)."""
        cands = index.get(texts[i])
        if not cands:
            return None
        n = len(texts)
        for toks, value in cands:  # longest first
            k = len(toks)
            if i + k <= n and (k == 1 or tuple(texts[i:i + k]) == toks):
                return i + k, value
        return None


# --------------------------------------------------------------------------- YAML with lines

class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that records the line of every mapping under the key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # a SafeLoader subclass
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}", line) from exc


# --------------------------------------------------------------------------- schemas

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_sector(value: str | None) -> str | None:
    if value is not None and value not in SECTORS:
        raise ValueError(f"unknown PLOVER sector {value!r} (use one of {', '.join(sorted(SECTORS))})")
    return value


def _check_country(value: str | None) -> str | None:
    if value is not None and not _ISO3.match(value):
        raise ValueError(f"country must be an ISO 3166-1 alpha-3 code such as PRK, got {value!r}")
    return value


class StateSpec(_Model):
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)
    contextual: list[str] = Field(default_factory=list)
    contextual_with: list[str] = Field(default_factory=list)
    wikidata: str | None = None

    @field_validator("contextual_with")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            _check_country(code)
        return value


class OrgSpec(_Model):
    id: str
    name: str
    kind: Literal["igo", "organization", "group"]
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = None

    _sector = field_validator("sector")(_check_sector)
    _country = field_validator("country")(_check_country)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not re.match(r"^(?:org|igo):[a-z0-9][a-z0-9-]*$", value):
            raise ValueError(f"id must look like org:<slug> or igo:<slug>, got {value!r}")
        return value


class BodySpec(_Model):
    names: list[str] = Field(min_length=1)
    country: str | None = None
    sector: str
    role: str
    default: str | None = None

    _sector = field_validator("sector")(_check_sector)
    _country = field_validator("country")(_check_country)


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        raise ValueError(f"dates are YYYY-MM-DD (or YYYY-MM, YYYY), got {text!r}")
    return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


class PersonSpec(_Model):
    name: str
    id: str | None = None
    aliases: list[str] = Field(default_factory=list)
    short: list[str] = Field(default_factory=list)
    gender: Literal["m", "f"] | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    offices: list[list[Any]] = Field(default_factory=list)

    _sector = field_validator("sector")(_check_sector)
    _country = field_validator("country")(_check_country)

    @field_validator("offices")
    @classmethod
    def _offices(cls, value: list[list[Any]]) -> list[list[Any]]:
        for office in value:
            if not 2 <= len(office) <= 4 or not isinstance(office[0], str):
                raise ValueError(f"an office is [role, from, to] or [role, from, to, where], got {office!r}")
            start = _parse_date(office[1])
            end = _parse_date(office[2]) if len(office) > 2 else None
            if start and end and end < start:
                raise ValueError(f"office {office[0]!r} ends before it starts")
            if len(office) == 4 and not _ACTOR_ID.match(str(office[3])):
                raise ValueError(f"office place must be an ISO3 code or igo:/org: id, got {office[3]!r}")
        return value


class TitleSpec(_Model):
    role: str
    forms: list[str] = Field(min_length=1)
    sector: str | None = "GOV"
    gender: Literal["m", "f"] | None = None
    person: bool = True
    means: dict[str, str] = Field(default_factory=dict)
    foreign: bool = False
    one_holder: bool = False

    _sector = field_validator("sector")(_check_sector)

    @field_validator("means")
    @classmethod
    def _means(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value:
            _check_country(code)
        return value


class AnaphorSpec(_Model):
    nouns: list[str] = Field(min_length=1)
    words: list[str] = Field(default_factory=list)
    kinds: list[Literal["country", "person", "organization", "group", "igo"]] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    ids: list[str] = Field(default_factory=list)

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, value: list[str]) -> list[str]:
        for code in value:
            _check_sector(code)
        return value

    @field_validator("ids")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        for actor_id in value:
            if not _ACTOR_ID.match(actor_id):
                raise ValueError(f"ids must be ISO3 codes or igo:/org:/person: ids, got {actor_id!r}")
        return value


class NounGroupSpec(_Model):
    sector: str | None
    domestic: bool = False
    nouns: list[str] = Field(min_length=1)

    _sector = field_validator("sector")(_check_sector)


class GroupSpec(_Model):
    name: str
    forms: list[str] = Field(min_length=1)


def _validated(model: type[_Model], raw: Any, path: Path, what: str) -> Any:
    if not isinstance(raw, dict):
        raise DataFileError(str(path), f"{what}: expected a mapping, got {type(raw).__name__}")
    line = raw.pop("__line__", None)
    try:
        return model.model_validate(_strip_lines(raw))
    except ValidationError as exc:
        label = raw.get("name") or raw.get("id") or (raw.get("names") or [None])[0] or raw.get("role") or what
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}" for err in exc.errors())
        raise DataFileError(str(path), f"{what} {label!r}: {problems}", line) from None


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _entries(raw: Any, path: Path, what: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DataFileError(str(path), f"{what}: expected a list of entries")
    return raw


# --------------------------------------------------------------------------- building

@dataclass
class _Builder:
    tokenize: Callable[[str], tuple[str, ...]]
    d: ActorDictionary = field(default_factory=ActorDictionary)
    _names: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    _titles: dict[tuple[str, ...], Title] = field(default_factory=dict)

    # names: a later definition of the same tokens wins (user files come last)
    def name(self, text: str, entry: Entry, *, variants: bool = True) -> None:
        forms = {text, fold(text)} if variants else {text}
        for form in forms:
            toks = self.tokenize(form)
            if toks:
                self._names[toks] = entry

    def add_record(self, record: ActorRecord) -> None:
        self.d.records[record.id] = record

    def state(self, code: str, spec: StateSpec, base_names: Iterable[str], canonical: str) -> None:
        record = self.d.records.get(code)
        if record is None:
            record = ActorRecord(code, spec.name or canonical, "country", country=code,
                                 wikidata=spec.wikidata)
            self.add_record(record)
        else:
            record.name = spec.name or record.name
            record.wikidata = spec.wikidata or record.wikidata
        for text in [*base_names, *spec.aliases]:
            self.name(text, Entry(STATE, code))
            if text.startswith("the "):
                self.name(text[4:], Entry(STATE, code))
        for people in spec.people:
            self.name(people, Entry(PEOPLE, code))
        for dem in spec.demonyms:  # an adjective that is also the people's name stays an adjective
            self.name(dem, Entry(DEMONYM, code))
            if dem[-1] in "nio" and not dem.endswith("ese"):
                self.name(dem + "s", Entry(PEOPLE, code))
        for cap in spec.capitals:
            self.name(cap, Entry(CAPITAL, code, "GOV"))
        for seat in spec.seats:
            self.name(seat, Entry(SEAT, code, "GOV", "presidency"))
        needs = tuple(spec.contextual_with or [code])
        for text in spec.contextual:
            self.name(text, Entry(STATE, code, needs=needs))
            if text.startswith("the "):
                self.name("The " + text[4:], Entry(STATE, code, needs=needs))

    def org(self, spec: OrgSpec) -> None:
        self.add_record(ActorRecord(spec.id, spec.name, spec.kind, spec.country, spec.sector, spec.role,
                                    spec.wikidata))
        for text in [spec.name, *spec.aliases]:
            self.name(text, Entry(ORG, spec.id, spec.sector))
            if text.startswith(("The ", "the ")):
                self.name(text[4:], Entry(ORG, spec.id, spec.sector))

    def body(self, spec: BodySpec) -> None:
        # a body of one state is also exported as an organization, under its first name
        entry = Entry(BODY, spec.country, spec.sector, spec.role, spec.default,
                      name=spec.names[0] if spec.country else None)
        for text in spec.names:
            self.name(text, entry)
            if spec.country is None and text[:1].isupper():
                self.name(text.lower(), entry, variants=False)

    def person(self, spec: PersonSpec) -> None:
        pid = spec.id or f"person:{slug(spec.name)}"
        offices = []
        for office in spec.offices:
            where = str(office[3]) if len(office) == 4 else spec.country
            if where is None:
                continue
            start = _parse_date(office[1])
            end = _parse_date(office[2]) if len(office) > 2 else None
            offices.append(Office(office[0], start, end, where))
        record = ActorRecord(pid, spec.name, "person", spec.country, spec.sector or "GOV", spec.role,
                             spec.wikidata, spec.gender, tuple(offices))
        self.add_record(record)
        for text in [spec.name, *spec.aliases]:
            self.name(text, Entry(PERSON, pid))
        for text in spec.short:
            self.name(text, Entry(SHORT, pid))

    def title(self, spec: TitleSpec) -> None:
        value = Title(spec.role, spec.sector, spec.gender, spec.person, tuple(spec.means.items()),
                      spec.foreign, spec.one_holder)
        for form in spec.forms:
            toks = tuple(t.lower() for t in self.tokenize(form))
            if toks:
                self._titles[toks] = value

    def finish(self) -> ActorDictionary:
        d = self.d
        for toks, entry in self._names.items():
            d.names.setdefault(toks[0], []).append((toks, entry))
        for toks, title in self._titles.items():
            d.titles.setdefault(toks[0], []).append((toks, title))
        for index in (d.names, d.titles):
            for cands in index.values():
                cands.sort(key=lambda c: -len(c[0]))
        for rec in d.records.values():
            for office in rec.offices:
                d.offices.setdefault((office.where, office.role), []).append((office, rec.id))
        for entry in {e for _toks, e in self._names.items() if e.kind == BODY and e.target and e.name}:
            d.state_bodies.setdefault(entry.target or "", []).append(entry)
        d.noun_heads = frozenset(toks[-1] for toks in d.nouns)
        d.max_noun_len = max((len(t) for t in d.nouns), default=1)
        words: dict[str, set[str]] = {}
        for toks, entry in self._names.items():
            last = toks[-1]
            if entry.kind in (STATE, DEMONYM) and entry.target and last.istitle() and last.isalpha() \
                    and last.lower() not in _GENERIC_NAME_WORDS:
                words.setdefault(last, set()).add(entry.target)
        d.state_words = {w: frozenset(codes) for w, codes in words.items()}
        return d


def _pycountry_names() -> dict[str, tuple[str, list[str]]]:
    """ISO3 -> (canonical short name, usable names) from pycountry."""
    import pycountry

    out: dict[str, tuple[str, list[str]]] = {}
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        usable = [n for n in names if n and "," not in n and "(" not in n]
        canonical = getattr(c, "common_name", None) or c.name
        out[c.alpha_3] = (canonical, list(dict.fromkeys(usable)))
    return out


SECTIONS = ("states", "orgs", "bodies", "people", "titles", "honorifics", "nouns", "agentive", "groups",
            "anaphors", "first_names", "nonactors", "cues")
BUILTIN_FILES = ("states.yaml", "orgs.yaml", "bodies.yaml", "people.yaml", "titles.yaml", "nouns.yaml",
                 "first_names.yaml", "nonactors.yaml", "cues.yaml")
CUE_LISTS = ("locative_preps", "motion_words", "place_nouns", "topic_nouns", "name_particles",
             "facility_words", "company_words", "org_words", "ranks", "former", "person_nouns",
             "domestic_orgs", "international_words", "market_names", "market_words", "visit_words",
             "event_nouns", "name_articles", "posted_nouns", "credit_openers", "credit_labels",
             "credit_phrases", "credit_agencies", "credit_only")


def load_sections(b: _Builder, data: Any, path: Path) -> None:
    """Load one file: a mapping whose sections are those of SECTIONS (any subset)."""
    if not isinstance(data, dict):
        raise DataFileError(str(path), "expected a mapping with sections such as people:, orgs:, bodies:")
    data = {k: v for k, v in data.items() if k != "__line__"}
    unknown = sorted(str(k) for k in set(data) - set(SECTIONS))
    if unknown:
        raise DataFileError(str(path), f"unknown section(s) {', '.join(unknown)}; use {', '.join(SECTIONS)}")
    states = data.get("states")
    if states is not None:
        if not isinstance(states, dict):
            raise DataFileError(str(path), "states: expected a mapping of ISO3 code -> entry")
        pyc = _pycountry_names()
        for code, raw in states.items():
            if code == "__line__":
                continue
            line = raw.get("__line__") if isinstance(raw, dict) else None
            if not isinstance(code, str) or not _ISO3.match(code):
                raise DataFileError(str(path), f"states: {code!r} is not an ISO 3166-1 alpha-3 code", line)
            spec = _validated(StateSpec, raw if raw is not None else {}, path, f"state {code}")
            if code not in pyc and code not in b.d.records and not spec.name:
                raise DataFileError(str(path), f"state {code}: not an ISO 3166-1 code; give it a name", line)
            canonical, names = pyc.get(code, (spec.name or code, []))
            b.state(code, spec, names, canonical)
    for raw in _entries(data.get("orgs"), path, "orgs"):
        b.org(_validated(OrgSpec, raw, path, "org"))
    for raw in _entries(data.get("bodies"), path, "bodies"):
        b.body(_validated(BodySpec, raw, path, "body"))
    for raw in _entries(data.get("people"), path, "people"):
        b.person(_validated(PersonSpec, raw, path, "person"))
    for raw in _entries(data.get("titles"), path, "titles"):
        b.title(_validated(TitleSpec, raw, path, "title"))
    hon = data.get("honorifics")
    if hon is not None:
        if not isinstance(hon, dict):
            raise DataFileError(str(path), "honorifics: expected a mapping m: [...], f: [...], none: [...]")
        for key, words in _strip_lines(hon).items():
            gender = None if key == "none" else key
            if gender not in (None, "m", "f") or not isinstance(words, list):
                raise DataFileError(str(path), f"honorifics: bad entry {key!r} (use m:, f: or none: lists)")
            for w in words:
                b.d.honorifics[str(w)] = gender
    for raw in _entries(data.get("nouns"), path, "nouns"):
        spec = _validated(NounGroupSpec, raw, path, "nouns")
        for noun in spec.nouns:
            b.d.nouns[tuple(noun.lower().split())] = NounSense(spec.sector, spec.domestic)
    cues = _strip_lines(data.get("cues"))
    if cues is not None:
        if not isinstance(cues, dict):
            raise DataFileError(str(path), f"cues: expected a mapping of lists ({', '.join(CUE_LISTS)})")
        for name, words in cues.items():
            if name not in CUE_LISTS:
                raise DataFileError(str(path), f"cues: unknown list {name!r} (known: {', '.join(CUE_LISTS)})")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DataFileError(str(path), f"cues.{name}: expected a list of words")
            b.d.cues[name] = b.d.cues.get(name, frozenset()) | {w.lower() for w in words}
    agentive = _strip_lines(data.get("agentive"))
    if agentive is not None:
        if not isinstance(agentive, list) or not all(isinstance(w, str) for w in agentive):
            raise DataFileError(str(path), "agentive: expected a list of nouns")
        b.d.agentive.update(w.lower() for w in agentive)
    for raw in _entries(data.get("anaphors"), path, "anaphors"):
        aspec = _validated(AnaphorSpec, raw, path, "anaphor")
        value = Anaphor(frozenset(w.lower() for w in aspec.words), frozenset(aspec.kinds),
                        frozenset(aspec.sectors), frozenset(aspec.ids))
        for noun in aspec.nouns:
            b.d.anaphors[noun.lower()] = value
    names = data.get("first_names")
    if names is not None:
        if not isinstance(names, dict):
            raise DataFileError(str(path), "first_names: expected a mapping m: [...], f: [...]")
        for key, words in _strip_lines(names).items():
            if key not in ("m", "f") or not isinstance(words, list) \
                    or not all(isinstance(w, str) for w in words):
                raise DataFileError(str(path), f"first_names: bad entry {key!r} (use m: and f: lists)")
            for w in words:
                b.d.first_names[w] = key
                b.d.first_names[fold(w)] = key
    for raw in _entries(data.get("groups"), path, "groups"):
        gspec = _validated(GroupSpec, raw, path, "group")
        for form in gspec.forms:
            b.name(form, Entry(GROUP, None, name=gspec.name))
    nonactors = _strip_lines(data.get("nonactors"))
    if nonactors is not None:
        items = nonactors if isinstance(nonactors, list) else [
            x for v in nonactors.values() for x in (v or [])]
        for text in items:
            if not isinstance(text, str):
                raise DataFileError(str(path), f"nonactors: expected names (strings), got {text!r}")
            b.name(text, Entry(BLOCK), variants=False)


def load_dictionary(extra_files: Iterable[Path] = (), *,
                    tokenize: Callable[[str], tuple[str, ...]] | None = None) -> ActorDictionary:
    """Build the dictionary from the built-in data files and the user's files (which come
    last, so their entries win over built-in ones with the same id or name).

    ``tokenize`` splits a name into tokens exactly as the spaCy pipeline does (default: a
    close regular-expression approximation)."""
    b = _Builder(tokenize or simple_tokenize)
    for code, (canonical, _names) in _pycountry_names().items():
        b.add_record(ActorRecord(code, canonical, "country", country=code))
    for name in BUILTIN_FILES:
        path = DATA_DIR / name
        load_sections(b, read_yaml(path), path)
    missing = [name for name in CUE_LISTS if name not in b.d.cues]
    if missing:
        raise DataFileError(str(DATA_DIR / "cues.yaml"), f"missing cue lists: {', '.join(missing)}")
    for path in extra_files:
        load_sections(b, read_yaml(Path(path)), Path(path))
    return b.finish()


_SIMPLE = re.compile(r"'s\b|\u2019s\b|[A-Za-z]\.(?:[A-Za-z]\.)+|\w+(?:['\u2019]\w+)*\.?|[^\w\s]")


def simple_tokenize(text: str) -> tuple[str, ...]:
    """A tokenizer close to spaCy's for names (used when no pipeline is at hand)."""
    return tuple(norm_token(t) for t in _SIMPLE.findall(text))
