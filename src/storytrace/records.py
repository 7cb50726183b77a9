"""The records of the export contract (``spec/EXPORT.md``), as pydantic v2 models.

Every fact carries a :class:`Span` into the document's normalized ``text``. Extra fields
are allowed everywhere (the contract says so) and survive a round trip through the store.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT: Final = "storytrace/1"

ActorKind = Literal["country", "person", "organization", "group", "igo"]
QuoteKind = Literal["direct", "indirect", "mixed"]
ClaimCategory = Literal[
    "troops", "killed", "injured", "arrested", "displaced", "money", "weapons", "people", "other"
]
Approx = Literal["exact", "about", "up_to", "at_least", "more_than", "less_than", "range"]
Stance = Literal["asserted", "reported", "estimated", "believed", "hedged", "denied"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal["asserted", "reported", "hedged", "predicted", "negated", "hypothetical"]
Granularity = Literal[
    "day", "week", "month", "season", "quarter", "year", "decade", "century", "vague"
]
PlaceKind = Literal["city", "region", "country", "landmark", "water", "other"]


class Record(BaseModel):
    """Base of every record: extra fields are kept, assignment is validated."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self

    @classmethod
    def of(cls, start: int, end: int) -> Span:
        return cls(start=start, end=end)


class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not (len(value) == 3 and value.isalpha() and value.isupper()):
            raise ValueError(f"country must be an ISO 3166-1 alpha-3 code, got {value!r}")
        return value


class ActorRef(Record):
    id: str | None = None
    name: str | None = None
    text: str | None = None
    country: str | None = None


class Time(Record):
    text: str
    value: str | None = None
    granularity: Granularity | None = None
    span: Span


class Place(Record):
    text: str
    name: str
    kind: PlaceKind
    country: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonameid: int | None = None
    span: Span


class Quote(Record):
    text: str
    kind: QuoteKind
    speaker: ActorRef | None = None
    cue: str | None = None
    span: Span


class Claim(Record):
    about: str | None = None
    category: ClaimCategory = "other"
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx = "exact"
    source: ActorRef | None = None
    source_text: str | None = None
    stance: Stance = "asserted"
    when: Time | None = None
    span: Span

    @model_validator(mode="after")
    def _bounds(self) -> Claim:
        if self.low is None and self.high is None:
            raise ValueError("a claim needs low or high")
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"claim high {self.high} is below low {self.low}")
        return self


class Size(Record):
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None


class Event(Record):
    type: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actors: list[ActorRef] = Field(default_factory=list)
    recipients: list[ActorRef] = Field(default_factory=list)
    when: Time | None = None
    where: Place | None = None
    status: EventStatus = "asserted"
    reported_by: ActorRef | None = None
    size: Size = Field(default_factory=Size)
    trigger: str | None = None
    span: Span


class Document(Record):
    format: Literal["storytrace/1"] = FORMAT
    id: str = Field(min_length=1)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    text: str
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_inside(self) -> Document:
        n = len(self.text)
        for layer in LAYERS:
            for item in getattr(self, layer):
                for span in _spans_of(item):
                    if span.end > n:
                        raise ValueError(
                            f"{layer} span {span.start}-{span.end} runs past the text ({n} chars)"
                        )
        return self


LAYERS: tuple[str, ...] = ("actors", "quotes", "claims", "events", "times", "places")
LAYER_MODELS: dict[str, type[Record]] = {
    "actors": Actor, "quotes": Quote, "claims": Claim,
    "events": Event, "times": Time, "places": Place,
}


def _spans_of(item: Any) -> list[Span]:
    if isinstance(item, Actor):
        return list(item.mentions)
    span = getattr(item, "span", None)
    return [span] if isinstance(span, Span) else []


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an exported document (``storytrace schema``)."""
    schema = Document.model_json_schema()
    schema["$id"] = "https://storytrace.dev/schema/storytrace-1.json"
    schema["title"] = "storytrace export document (format storytrace/1)"
    return schema
