"""Who a speaker phrase refers to: names and titles through the actor layer, pronouns ("she
said", "he added") and relative pronouns ("..., who said") to the person they stand for,
definite role nouns ("the president said") to the last person introduced with that title.

Pronouns are resolved by salience rather than by distance: the subject of the nearest
earlier sentence with a compatible subject (a person for he/she, a group or state for
they/it), skipping words inside quotation marks, which belong to someone else's voice. The
gender of a person is learned from honorifics (Mr., Ms.) and from pronouns already
resolved to them, so "she" does not pick the man who was named last.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from storytrace.nlp.quotes_frames import SUBJECTS, speaker_span
from storytrace.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.nlp.mentions import Mention

FEMALE = {"she", "her", "hers", "herself"}
MALE = {"he", "him", "his", "himself"}
PERSON = FEMALE | MALE
GROUP = {"they", "them", "their", "it", "its", "itself", "themselves"}
RELATIVE = {"who", "which", "that", "whom"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                    "miss": "f", "madam": "f", "lady": "f", "lord": "m"}
LOOKBACK_SENTENCES = 6
LOOKBACK_TOKENS = 600


class SpeakerResolver:
    """Resolves speaker heads of one document (memoized; gender learned on the way)."""

    def __init__(self, ad: AnalyzedDoc, quoted: set[int]):
        self.ad = ad
        self.doc = ad.doc
        self.actors = ad.actors
        self.quoted = quoted  # token indices inside quotation marks
        self.gender: dict[str, str] = {}
        self._pronouns: dict[int, Mention | None] = {}

    # ------------------------------------------------------------------ public
    def ref(self, head_i: int, full: bool = True, span: tuple[int, int] | None = None
            ) -> tuple[ActorRef, tuple[int, int]]:
        """The ActorRef of the speaker phrase headed by token ``head_i``, and its token span: the
        whole phrase as written, or (``full`` False) without its relative clauses and participles;
        ``span`` gives the phrase when the parse cannot (headlines)."""
        head = self.doc[head_i]
        start, end = span or speaker_span(self.doc, head, full)
        text = self.doc[start:end].text
        mention = self.mention(head)
        if mention is not None:
            return mention.ref(text), (start, end)
        named = self.antecedent_of_relative(head) or head
        return ActorRef(id=None, name=self._core(named), text=text, country=None), (start, end)

    @staticmethod
    def antecedent_of_relative(head: Token) -> Token | None:
        """The noun a relative pronoun stands for ("Marc Morial, who said ..." -> Morial)."""
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            return head.head.head
        return None

    def mention(self, head: Token) -> Mention | None:
        word = head.lower_
        antecedent = self.antecedent_of_relative(head)
        if antecedent is not None and head.dep_ in SUBJECTS:
            return self.mention(antecedent)
        generic = self.generic(head)
        if generic is not None:
            return generic
        if word in PERSON or word in GROUP:
            return self.pronoun(head)
        if self.actors is None:
            return None
        found = self.actors.phrase(head)
        m = found[0] if found else None
        if head.pos_ == "NOUN" and (m is None or not m.is_person):
            titled = self.titled_person(head)
            if titled is not None:
                return titled
        return m

    def generic(self, head: Token) -> Mention | None:
        """"it said", "the agency said", "its report said": the organization or state meant,
        resolved as claims resolve their sources (``attribution.source_actor``), so that a quote
        and the figures in it name the same source."""
        from storytrace.nlp.attribution import source_actor
        from storytrace.nlp.claims_lexicon import claim_lexicon

        lex = claim_lexicon(self.ad)
        if lex.elsewhere_is("document", head):  # "its report said", "the group's statement said"
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is None:
                return None
            head = poss
        if head.lower_ not in ("it", "its") and head.lemma_.lower() not in lex.sources["body"]:
            return None
        bodies = self.ad.res.cached("claims.bodies", lambda: frozenset(lex.sources["body"]))
        return source_actor(self.ad, head, bodies)

    # ------------------------------------------------------------------ pronouns
    def pronoun(self, tok: Token, depth: int = 0) -> Mention | None:
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        self._pronouns[tok.i] = None  # guards against cycles
        found = self._salient(tok, depth)
        if found is None and self.actors is not None:
            found = self.actors.antecedent(tok)
            if found is not None and not self._compatible(found, tok.lower_):
                found = None
        if found is not None and tok.lower_ in PERSON:
            self.gender.setdefault(self._key(found), "f" if tok.lower_ in FEMALE else "m")
        self._pronouns[tok.i] = found
        return found

    def _salient(self, tok: Token, depth: int) -> Mention | None:
        if self.actors is None or depth > 3:
            return None
        ad = self.ad
        here = ad.sent_index(tok)
        for s in range(here, max(-1, here - LOOKBACK_SENTENCES), -1):
            sent = ad.sents[s]
            if tok.i - sent.start > LOOKBACK_TOKENS:
                break
            subjects = [t for t in sent if t.dep_ in SUBJECTS and t.i < tok.i and t.i not in self.quoted]
            # the main clause subject first, then the others in text order
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            for subj in subjects:
                m = self._subject_mention(subj, depth)
                if m is not None and self._compatible(m, tok.lower_):
                    return m
        return None

    def _subject_mention(self, subj: Token, depth: int) -> Mention | None:
        word = subj.lower_
        if word in PERSON or word in GROUP:
            return self.pronoun(subj, depth + 1)
        if word in RELATIVE or self.actors is None:
            return None
        found = self.actors.phrase(subj)
        if found and (found[0].is_person or subj.pos_ != "NOUN"):
            return found[0]
        if subj.pos_ != "NOUN":
            return None
        # "a port official": a person of an organization, not the organization
        return self.titled_person(subj) or self._unnamed_person(subj) or (found[0] if found else None)

    def _unnamed_person(self, subj: Token) -> Mention | None:
        """"a port official told reporters. He said ...": a person the article does not name, as
        a mention of its own (named by the noun) so that "he" can stand for them."""
        if subj.tag_ != "NN" or subj.lemma_.lower() not in self._person_nouns:
            return None
        from storytrace.nlp.mentions import Mention

        doc = self.doc
        start = subj.left_edge.i
        while start < subj.i and doc[start].dep_ in ("det", "predet"):
            start += 1
        name = self._core(subj) or subj.text
        return Mention(doc[start].idx, subj.idx + len(subj), start, subj.i + 1, doc[start:subj.i + 1].text,
                       None, name, "person")

    @cached_property
    def _person_nouns(self) -> frozenset[str]:
        """Nouns for people (the actor layer's list: official, researcher, spokesman, ...)."""
        from storytrace.nlp.actors import dictionary

        try:
            words = dictionary(self.ad.res).cues.get("person_nouns", ())
        except Exception:  # the actor data is the actor layer's to validate
            words = ()
        return frozenset(w.lower() for w in words)

    def _compatible(self, m: Mention, pronoun: str) -> bool:
        if pronoun in PERSON:
            if not m.is_person:
                return False
            want = "f" if pronoun in FEMALE else "m"
            known = m.gender or self.gender.get(self._key(m)) or self._honorific(m)
            return known in (None, want)
        if pronoun in GROUP:
            return not m.is_person
        return True

    def _honorific(self, m: Mention) -> str | None:
        if m.tok_start > 0:
            return HONORIFIC_GENDER.get(self.doc[m.tok_start - 1].lower_)
        return None

    @staticmethod
    def _key(m: Mention) -> str:
        return m.actor_id or m.name

    # ------------------------------------------------------------------ titles
    def titled_person(self, head: Token) -> Mention | None:
        """"the president" -> the last person introduced with the title "president"."""
        if self.actors is None:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        title = head.lemma_.lower()
        for m in self.actors.before(head.i, persons=True, limit_tokens=LOOKBACK_TOKENS):
            if m.role and title in m.role.lower().split():
                return m
            lo = max(0, m.tok_start - 4)
            near = [t for t in self.doc[lo:m.tok_end]]
            near += [c for t in self.doc[m.tok_start:m.tok_end] for c in t.children if c.dep_ == "appos"]
            if self.doc[m.tok_end - 1].dep_ == "appos":
                near.append(self.doc[m.tok_end - 1].head)
            if any(t.lemma_.lower() == title for t in near):
                return m
        return None

    def _core(self, head: Token) -> str | None:
        """A short name for an unresolved speaker: the head noun with its compounds."""
        if head.pos_ == "PRON" or head.lower_ in RELATIVE:
            return None
        doc, left = head.doc, head.i
        while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod") \
                and left <= doc[left - 1].head.i <= head.i:
            left -= 1
        return doc[left:head.i + 1].text
