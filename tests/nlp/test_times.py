"""The times layer: our own sentences, each with the expressions and TIMEX3 values it must
give (and those it must not). The default publication date, 1 November 2024, is a Friday
in ISO week 44."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storytrace.nlp import times
from storytrace.nlp import timex_calendar as cal
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.resources import Resources
from storytrace.nlp.timex_lexicon import LexiconError, load_lexicon

PUB = "2024-11-01"


@pytest.fixture(scope="module")
def run(nlp, resources: Resources):  # type: ignore[no-untyped-def]
    """run(text, published) -> [(text, value)] of the times layer alone."""

    def go(text: str, published: str | None = PUB) -> list[tuple[str, str | None]]:
        pub = date.fromisoformat(published) if published else None
        ad = AnalyzedDoc(doc=nlp(text), doc_id="t", published=pub, res=resources)
        return [(t.text, t.value) for t in times.extract(ad)]

    return go


def check(got: list[tuple[str, str | None]], want: list[tuple[str, str | None]]) -> None:
    assert got == want


# ------------------------------------------------------------------------- explicit dates

@pytest.mark.parametrize("text, want", [
    ("The ceasefire began on 1 November 2024 at dawn.", [("1 November 2024", "2024-11-01")]),
    ("The ceasefire began on November 1, 2024, at dawn.", [("November 1, 2024", "2024-11-01")]),
    ("Talks opened on Nov. 1 in Geneva.", [("Nov. 1", "2024-11-01")]),
    ("The decree is dated 11/01/2024.", [("11/01/2024", "2024-11-01")]),
    ("The decree is dated 2024-11-01.", [("2024-11-01", "2024-11-01")]),
    ("The decree is dated 28/10/2024.", [("28/10/2024", "2024-10-28")]),
    ("The treaty was signed on the 3rd of March 1999.", [("the 3rd of March 1999", "1999-03-03")]),
    ("Voting ends on Monday, Nov. 4.", [("Monday, Nov. 4", "2024-11-04")]),
    ("The offensive stalled in mid-March.", [("mid-March", "2024-03")]),
    ("The plant closed in September 2019.", [("September 2019", "2019-09")]),
    ("Fighting resumed on Dec. 20, weeks before the election.", [("Dec. 20", "2023-12-20")]),
    ("A hearing has been set for November 12.", [("November 12", "2024-11-12")]),
])
def test_explicit_dates(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


def test_date_with_clock_time(run) -> None:  # type: ignore[no-untyped-def]
    check(run("The polls closed at 18:00 UTC on 15 December 2009."),
          [("18:00 UTC", "2009-12-15T18:00Z"), ("15 December 2009", "2009-12-15")])
    check(run("The missiles struck at 6:40 a.m. local time on Tuesday."),
          [("6:40 a.m. local time on Tuesday", "2024-10-29T06:40")])
    check(run("The session resumes at 9:30 p.m. (GMT +3) tonight."),
          [("9:30 p.m. (GMT +3) tonight", "2024-11-01T21:30+03:00")])
    check(run("Voting ends at noon Sunday."), [("noon Sunday", "2024-11-03T12:00")])


# ------------------------------------------------------------------------- weekdays and tense

@pytest.mark.parametrize("text, want", [
    ("The envoy said in Vienna Friday that the alliance would hold.",
     [("Friday", "2024-11-01")]),
    ("The envoy said Thursday that no troops had crossed.", [("Thursday", "2024-10-31")]),
    ("The two delegations met on Tuesday.", [("Tuesday", "2024-10-29")]),
    ("The two delegations will meet on Tuesday.", [("Tuesday", "2024-11-05")]),
    ("Parliament is expected to vote on Sunday.", [("Sunday", "2024-11-03")]),
    ("Schools remain closed until Monday.", [("Monday", "2024-11-04")]),
    ("Markets to reopen Wednesday after the holiday", [("Wednesday", "2024-11-06")]),
    ("The talks collapsed last Friday.", [("last Friday", "2024-10-25")]),
    ("The talks resume next Monday.", [("next Monday", "2024-11-04")]),
    ("Shelling began early Thursday morning.", [("early Thursday morning", "2024-10-31TMO")]),
    ("Two men were killed in artillery shelling on Tuesday evening, medics said.",
     [("Tuesday evening", "2024-10-29TEV")]),  # the gerund takes the tense of "were killed"
    ("Chelsea play Arsenal on Sunday.", [("Sunday", "2024-11-03")]),  # present: the nearest Sunday
    ("Leaders unveil the plan Wednesday", [("Wednesday", "2024-10-30")]),  # headline present
    ("The council will meet on Tuesday and vote on Wednesday.",
     [("Tuesday", "2024-11-05"), ("Wednesday", "2024-11-06")]),  # the conjunct shares "will"
    ("Rallies were held this past Sunday.", [("this past Sunday", "2024-10-27")]),
])
def test_weekdays_follow_tense(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


@pytest.mark.parametrize("text, want", [
    ("The strike was announced today.", [("today", "2024-11-01")]),
    ("I value today's frank talks.", [("today", "2024-11-01")]),
    ("The convoy left yesterday.", [("yesterday", "2024-10-31")]),
    ("The convoy leaves tomorrow.", [("tomorrow", "2024-11-02")]),
    ("The president speaks tonight.", [("tonight", "2024-11-01TNI")]),
    ("Drones hit the port last night.", [("last night", "2024-10-31TNI")]),
    ("The minister arrived this morning.", [("this morning", "2024-11-01TMO")]),
    ("The deal was signed the day before yesterday.", [("the day before yesterday", "2024-10-30")]),
])
def test_days_relative_to_publication(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


# ------------------------------------------------------------------------- months, weeks, years

@pytest.mark.parametrize("text, want", [
    ("The talks collapsed in April.", [("April", "2024-04")]),
    ("The talks will resume in April.", [("April", "2025-04")]),
    ("Troops were first seen in December.", [("December", "2023-12")]),
    ("The mission plans to return in March.", [("March", "2025-03")]),
    ("The mission had visited in March.", [("March", "2024-03")]),
    ("Exports fell last September.", [("last September", "2024-09")]),
    ("The law takes effect in January of next year.", [("January", "2025-01"), ("next year", "2025")]),
    ("Exports fell in March and April 2019.", [("March", "2019-03"), ("April 2019", "2019-04")]),
    ("Imports climbed from March to August this year.",
     [("March", "2024-03"), ("August", "2024-08"), ("this year", "2024")]),
    ("Work began in May 2019 and was over by October of that year.",
     [("May 2019", "2019-05"), ("October", "2019-10"), ("that year", "2019")]),
    ("Prices rose last week.", [("last week", "2024-W43")]),
    ("Talks continue next week.", [("next week", "2024-W45")]),
    ("Protests are planned this weekend.", [("this weekend", "2024-W44-WE")]),
    ("Ten people died over the weekend.", [("the weekend", "2024-W43-WE")]),
    ("The budget is due next month.", [("next month", "2024-12")]),
    ("Inflation eased this year.", [("this year", "2024")]),
    ("Inflation soared last year.", [("last year", "2023")]),
    ("More troops were sent earlier this year.", [("earlier this year", "2024")]),
    ("A second round is planned later this month.", [("later this month", "2024-11")]),
    ("Debt peaked near the end of last year.", [("the end of last year", "2023")]),
    ("Prices rose late last year.", [("late last year", "2023")]),
    ("Growth should return early next year.", [("early next year", "2025")]),
    ("Profits for the last year beat forecasts.", [("the last year", "2023")]),
])
def test_months_weeks_years(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


@pytest.mark.parametrize("text, published, want", [
    ("The pact was signed this summer.", PUB, [("this summer", "2024-SU")]),
    ("Troops were sent the previous autumn.", "2025-06-05", [("the previous autumn", "2024-FA")]),
    ("The front froze last winter.", PUB, [("last winter", "2023-WI")]),
    ("A new offensive is expected next spring.", PUB, [("next spring", "2025-SP")]),
    ("The dam was finished in the spring of 2023.", PUB, [("the spring of 2023", "2023-SP")]),
    ("Harvests failed in the fall.", PUB, [("the fall", "2024-FA")]),
    ("Profits fell in the third quarter.", PUB, [("the third quarter", "2024-Q3")]),
    ("Sales will recover in the first quarter.", PUB, [("the first quarter", "2025-Q1")]),
    ("Output peaked in Q2 2023.", PUB, [("Q2 2023", "2023-Q2")]),
    ("Deliveries slip to the first half of 2025.", PUB, [("the first half of 2025", "2025-H1")]),
    ("Losses in the last quarter were large.", PUB, [("the last quarter", "2024-Q3")]),
    ("The bank will report profits for the third quarter.", PUB, [("the third quarter", "2024-Q3")]),
    ("The bank will report profits for the fourth quarter.", "2025-01-20", [("the fourth quarter", "2024-Q4")]),
    ("Sales will recover in the second quarter.", PUB, [("the second quarter", "2025-Q2")]),
    ("The plant lost money in the fourth quarter.", "2006-08-19", [("the fourth quarter", "2005-Q4")]),
    ("The carmaker unveiled job cuts, leading to plant closures during the fourth quarter.", "2006-08-19",
     [("the fourth quarter", "2006-Q4")]),  # the gerund's consequence is not in the past
])
def test_seasons_and_quarters(run, text: str, published: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, published), want)


@pytest.mark.parametrize("text, want", [
    ("Kim Il Sung travelled to Moscow in 1949.", [("1949", "1949")]),
    ("Inflation was worse in the 1990s.", [("the 1990s", "199")]),
    ("Rents were lower in the '80s.", [("the '80s", "198")]),
    ("Prices peaked in the late 70s.", [("the late 70s", "197")]),
    ("The border was drawn in the 20th century.", [("the 20th century", "19")]),
    ("It is the worst drought this century.", [("this century", "20")]),
    ("The fleet was built in '82.", [("'82", "1982")]),
    ("Growth will slow by 2030, officials said.", [("2030", "2030")]),
    ("The 2011 budget was never passed.", [("2011", "2011")]),
])
def test_years_decades_centuries(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


def test_year_range_keeps_both_ends(nlp, resources: Resources) -> None:  # type: ignore[no-untyped-def]
    ad = AnalyzedDoc(doc=nlp("The armistice ended the 1950-53 war on the peninsula."), doc_id="t",
                     published=date(2024, 11, 1), res=resources)
    (t,) = times.extract(ad)
    assert (t.text, t.value, t.granularity) == ("1950-53", None, "year")
    assert t.model_dump()["begin"] == "1950" and t.model_dump()["end"] == "1953"


@pytest.mark.parametrize("text, want", [
    ("Officials recently admitted the losses.", [("recently", "PAST_REF")]),
    ("Attacks have grown in recent weeks.", [("in recent weeks", "PAST_REF")]),
    ("Troops could be sent in the coming days.", [("in the coming days", "FUTURE_REF")]),
    ("The army will soon withdraw.", [("soon", "FUTURE_REF")]),
    ("The port is currently closed.", [("currently", "PRESENT_REF")]),
    ("The leaders now aim to rebuild trust.", [("now", "PRESENT_REF")]),
    ("Such mistakes were made in the past.", [("in the past", "PAST_REF")]),
])
def test_vague_references(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


# ------------------------------------------------------------------------- anchored expressions

@pytest.mark.parametrize("text, want", [
    ("The envoy resigned two weeks ago.", [("two weeks ago", "2024-10-18")]),
    ("The plant closed a year ago.", [("a year ago", "2023")]),
    ("Twenty-two years ago, the plant opened.", [("Twenty-two years ago", "2002")]),
    ("Prices peaked a few days ago.", [("a few days ago", "PAST_REF")]),
    ("The army entered the town on Monday. Three days later, it withdrew.",
     [("Monday", "2024-10-28"), ("Three days later", "2024-10-31")]),
    ("The talks began on 3 March 2022 and collapsed the following day.",
     [("3 March 2022", "2022-03-03"), ("the following day", "2022-03-04")]),
    ("Riots broke out a day after the October 5 vote.",
     [("a day after", "2024-10-06"), ("October 5", "2024-10-05")]),
    ("Revenue in the third quarter beat the same period last year by 5%.",
     [("the third quarter", "2024-Q3"), ("the same period last year", "2023-Q3")]),
    ("The index ended the day 2% lower.", [("the day", "2024-11-01")]),
    ("Gunmen attacked on Oct. 7, 2023. The Oct. 7 raid shocked the country.",
     [("Oct. 7, 2023", "2023-10-07"), ("Oct. 7", "2023-10-07")]),  # the year given before
    ("The port was shelled the previous night.", [("the previous night", "2024-10-31TNI")]),
    ("Officials said on 28 October that prices had doubled since the start of the month.",
     [("28 October", "2024-10-28"), ("the start of the month", "2024-10")]),
])
def test_anchored(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


def test_later_than_planned_is_the_date_named(run) -> None:  # type: ignore[no-untyped-def]
    check(run("The convoy reached the port on November 14, two days later than expected.", "2024-11-16"),
          [("November 14", "2024-11-14"), ("two days later", "2024-11-14")])


def test_anchor_that_is_an_event_is_not_a_time(run) -> None:  # type: ignore[no-untyped-def]
    check(run("She spoke a day after the missile test."), [])


def test_later_without_a_named_day_stays_unresolved(run) -> None:  # type: ignore[no-untyped-def]
    check(run("The hostages were freed after 471 days. A week later, talks began."), [("A week later", None)])


# ------------------------------------------------------------------------- direction of bare dates

@pytest.mark.parametrize("text, published, want", [
    # a verb of deferring looks ahead after "until"/"to" even in the past tense; a state verb does not
    ("The curfew was extended until July 29.", "2025-01-15", [("July 29", "2025-07-29")]),
    ("The court adjourned the trial until July 29.", "2025-01-15", [("July 29", "2025-07-29")]),
    ("The vote was postponed to February 3.", "2025-01-15", [("February 3", "2025-02-03")]),
    ("Talks were planned for January 30.", "2025-01-15", [("January 30", "2025-01-30")]),
    ("The vote was set for Friday.", "2025-01-15", [("Friday", "2025-01-17")]),  # either side: nearest
    ("The port closed out the year by hosting talks from Dec. 30 to Jan. 2.", "2025-01-15",
     [("Dec. 30", "2024-12-30"), ("Jan. 2", "2025-01-02")]),  # "to" of a range, not of "closed"
    ("The front was quiet this past winter.", "2022-07-25", [("this past winter", "2021-WI")]),
    ("She served as envoy until July 29.", "2025-01-15", [("July 29", "2024-07-29")]),
    ("The envoys met on January 20.", "2025-01-15", [("January 20", "2024-01-20")]),  # past: never ahead
    ("Officials want a deal by Friday.", "2025-01-15", [("Friday", "2025-01-17")]),
    ("The airport is shut since Monday.", "2025-01-15", [("Monday", "2025-01-13")]),
    ("Fighting has raged since March.", "2025-01-15", [("March", "2024-03")]),
    # months: the tense of the clause around an infinitive that ranks ("the third to be ...")
    ("The mayor was detained in January.", "2025-04-10", [("January", "2025-01")]),
    ("He is the third reporter to be detained in January.", "2025-04-10", [("January", "2025-01")]),
    ("She was the first to be detained in January.", "2025-04-10", [("January", "2025-01")]),
    ("She is believed to have left the country in January.", "2024-11-01", [("January", "2024-01")]),
    ("A plan to hold elections in May was dropped.", "2025-04-10", [("May", "2025-05")]),
    # across the year boundary, both ways
    ("The envoys will meet on January 4.", "2024-12-28", [("January 4", "2025-01-04")]),
    ("The envoys met on January 2.", "2024-12-28", [("January 2", "2024-01-02")]),
    ("The envoys met on December 28.", "2025-01-03", [("December 28", "2024-12-28")]),
    ("The talks resume on January 6.", "2025-01-03", [("January 6", "2025-01-06")]),
    ("The parliament will sit in January.", "2024-12-28", [("January", "2025-01")]),
    ("The embassy reopens in February.", "2024-12-20", [("February", "2025-02")]),
    ("The embassy closed in December.", "2025-01-03", [("December", "2024-12")]),
    ("Budget talks in February", "2024-12-28", [("February", "2025-02")]),  # no verb: the nearest
    ("Budget talks in October", "2024-12-28", [("October", "2024-10")]),
])
def test_direction_of_bare_dates(run, text: str, published: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, published), want)


@pytest.mark.parametrize("text, published, want", [
    # a gerund after a preposition: "since" looks back; otherwise the verb the preposition hangs on
    ("Prices have doubled since shutting the border on March 3.", "2025-01-15", [("March 3", "2024-03-03")]),
    ("The ministry said in publishing the figures on Monday that exports fell.", PUB,
     [("Monday", "2024-10-28")]),
    ("The rebels withdrew after losing the town in February.", PUB, [("February", "2024-02")]),
    ("The ministers will sign the accord after meeting on Monday.", PUB, [("Monday", "2024-11-04")]),
    ("Exports rose sharply after reopening the port in December.", "2025-01-15", [("December", "2024-12")]),
    # a paragraph without a full stop glued to the next one by the parser: the verb of the
    # expression's own paragraph decides ("announced", not "will lend")
    ("The bank will lend Moldova money with a total of about one billion dollars\n\nIn late August, the "
     "governor said in a letter that the loan would be paid in stages.", "2024-09-10",
     [("late August", "2024-08")]),
    # a single line break is a wrapped line, not a paragraph: the parse is followed
    ("The minister will travel to Kyiv on\nMonday, aides said.", PUB, [("Monday", "2024-11-04")]),
    ("Aid convoy reaches the city\n\nA convoy arrived in the besieged city on Monday.", PUB,
     [("Monday", "2024-10-28")]),
])
def test_tense_of_gerunds_and_paragraphs(run, text: str, published: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, published), want)


def test_tokens_are_compared_by_index(nlp) -> None:  # type: ignore[no-untyped-def]
    """spaCy makes a new Token on each access: the root's head is itself only by index."""
    from storytrace.nlp.timex_tense import clause_of, governing_verb

    doc = nlp("Markets to reopen Friday")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.head is not root and root.head.i == root.i
    assert clause_of(doc[3]).tense == "future"
    assert governing_verb(nlp("Talks in May")[2]) is None  # no verb: stops at the root


# ------------------------------------------------------------------------- TimeML conventions

@pytest.mark.parametrize("text, published, want", [
    # parts of the day: a weekday's, the day named last, the publication day's
    ("Shares jumped on Tuesday morning.", "2010-03-03", [("Tuesday morning", "2010-03-02TMO")]),
    ("The bank reported results on Tuesday. Its shares slipped in morning trading.", "2010-03-03",
     [("Tuesday", "2010-03-02"), ("morning", "2010-03-02TMO")]),
    ("The minister flew in on Friday and met the envoy in the evening.", PUB,
     [("Friday", "2024-11-01"), ("the evening", "2024-11-01TEV")]),
    ("Sirens sounded early in the morning.", PUB, [("early in the morning", "2024-11-01TMO")]),
    ("The port was hit in the morning of 28 October.", PUB,
     [("the morning", "2024-10-28TMO"), ("28 October", "2024-10-28")]),
    ("Explosions were heard on the night of Tuesday.", PUB,
     [("the night", "2024-10-29TNI"), ("Tuesday", "2024-10-29")]),
    ("The minister speaks this evening.", PUB, [("this evening", "2024-11-01TEV")]),
    ("Crowds gathered tonight.", PUB, [("tonight", "2024-11-01TNI")]),
    # later and soon: ahead of a clause that looks ahead
    ("The panel will decide later.", PUB, [("later", "FUTURE_REF")]),
    ("Details are released later on.", PUB, [("later on", "FUTURE_REF")]),
    ("The army will soon withdraw.", PUB, [("soon", "FUTURE_REF")]),
    # the entire year, the past decade, in recent ... history
    ("Losses hit $2bn in the third quarter of 2023 and $5bn for the entire year.", PUB,
     [("the third quarter of 2023", "2023-Q3"), ("the entire year", "2023")]),
    ("Floods have hit the valley twice in the past decade.", "2011-01-17", [("the past decade", "200")]),
    ("The strike was the longest in recent British history.", PUB, [("in recent British history", "PAST_REF")]),
    ("Borders have shifted from 1991 to the present day.", PUB,
     [("1991", "1991"), ("the present day", "PRESENT_REF")]),
    # bare seasons by tense
    ("Farmers sowed late, but spring brings hope.", "2009-04-01", [("spring", "2009-SP")]),
    ("Winter is coming, the minister warned.", "2022-10-01", [("Winter", "2022-WI")]),
    ("Finance ministers gathered for their autumn meetings in Lima.", "2008-10-13", [("autumn", "2008-FA")]),
    ("Troops are massing for the spring offensive.", "2023-02-26", [("the spring", "2023-SP")]),
    ("Work on the dam starts in spring.", "2024-11-01", [("spring", "2025-SP")]),
    ("Work on the dam started in spring.", "2024-11-01", [("spring", "2024-SP")]),
    # named days
    ("Traders recalled Black Monday.", "2007-10-20", [("Black Monday", "1987-10-19")]),
    ("Shops open on Christmas Day.", PUB, [("Christmas Day", "2024-12-25")]),
    ("Markets were shut on New Year's Day.", "2025-01-03", [("New Year's Day", "2025-01-01")]),
    ("Fireworks lit the sky on the Fourth of July.", "2024-07-06", [("Fourth of July", "2024-07-04")]),
    ("Pilgrims arrived before Easter.", "2024-04-05", [("Easter", "2024-03-31")]),
    ("The truce holds until Easter.", "2024-11-01", [("Easter", "2025-04-20")]),
    ("Talks stalled on Good Friday.", "2023-04-12", [("Good Friday", "2023-04-07")]),
    ("Retailers cut prices on Black Friday.", "2024-12-02", [("Black Friday", "2024-11-29")]),
    # the week of the story, "that time", runs of days
    ("Shares slid this week.", "2008-10-09", [("this week", "2008-W41")]),  # ISO week of a Thursday
    ("Votes are counted this week.", "2024-11-03", [("this week", "2024-W44")]),  # a Sunday ends its week
    ("The ceasefire expires on June 10. Aid convoys must leave the zone by that time.", "2011-05-29",
     [("June 10", "2011-06-10"), ("that time", "2011-06-10")]),
    ("Exchanges stayed shut for a third consecutive day.", "2008-09-17",
     [("a third consecutive day", "2008-09-17")]),
    ("The index has gained for the fourth week in a row.", "2009-04-04",
     [("the fourth week in a row", "2009-W14")]),
    ("Output rose for a third straight year.", PUB, [("a third straight year", "2024")]),
])
def test_timeml_conventions(run, text: str, published: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, published), want)


@pytest.mark.parametrize("text, published, want", [
    # adjectives of time are left out (our convention; see docs/times.md)
    ("The current crisis deepened.", PUB, []),
    ("The recent attacks shocked the town.", PUB, []),
    ("The ongoing war has displaced millions.", PUB, []),
    ("The present government fell.", PUB, []),
    # "later" of a past narrative counts from the story's events, not from now
    ("He later told reporters the talks had failed.", PUB, []),
    ("The report came three days later than planned.", PUB, [("three days later", None)]),
    ("Aid arrived, with donors later pledging more.", PUB, []),
    ("The vote is no later than Friday.", PUB, [("Friday", "2024-11-01")]),
    ("Pay now, settle later.", PUB, [("now", "PRESENT_REF")]),
    ("The ferry leaves later on Tuesday.", PUB, [("Tuesday", "2024-10-29")]),
    # parts of the day that are habits or names
    ("The president spoke in the evening address.", PUB, []),
    ("Bats hunt at night.", PUB, []),
    ("Prices rose in afternoon tea rooms.", PUB, []),
    ("The story ran in the morning papers.", PUB, []),
    ("The morning of the attack was calm.", PUB, []),
    # seasons that are not times
    ("The city stood on the edge of the fall.", PUB, []),
    ("The fall in prices hurt farmers.", PUB, []),
    ("Summer said the deal was fair.", PUB, []),
    ("The winter fuel allowance was cut.", PUB, []),
    ("Officials predict this fall from the current level.", PUB, []),
    ("Aid for the long term unemployed was cut.", PUB, []),
    ("The future owner of the port is unknown.", PUB, []),
    # holidays as modifiers, names with numbers
    ("Shops count on the Christmas and New Year shopping rush.", PUB, []),
    ("The Easter Island statues drew crowds.", PUB, []),
    ("The Russell 2000 index fell 3%.", PUB, []),
    ("Independence Day celebrations were cancelled.", PUB, []),  # whose? left out
    # "that time" with no date named nearby, "the past week" (a duration)
    ("At that time, nobody believed him.", PUB, []),
    ("Prices doubled over the past decade.", PUB, []),
    ("Prices doubled in the past week.", PUB, []),
])
def test_conventions_not_times(run, text: str, published: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, published), want)


# ------------------------------------------------------------------------- no publication date

@pytest.mark.parametrize("text, want", [
    ("The minister said Friday that the talks would go on.", [("Friday", None)]),
    ("Inflation soared last year.", [("last year", None)]),
    ("The talks collapsed in April.", [("April", None)]),
    ("The envoy resigned two weeks ago.", [("two weeks ago", None)]),
    ("Troops were sent this summer.", [("this summer", None)]),
    ("The ceasefire began on 1 November 2024.", [("1 November 2024", "2024-11-01")]),
    ("Inflation was worse in the 1990s.", [("the 1990s", "199")]),
    ("Exports fell in March and April 2019.", [("March", "2019-03"), ("April 2019", "2019-04")]),
    ("Kim travelled to Moscow in 1949.", [("1949", "1949")]),
    ("Troops could be sent in the coming days.", [("in the coming days", "FUTURE_REF")]),
])
def test_without_publication_date(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text, None), want)


# ------------------------------------------------------------------------- not times

@pytest.mark.parametrize("text", [
    "A two-year conflict has left the valley poor.",
    "The crew trained for three weeks.",
    "A 70-year-old man was wounded.",
    "Her father, in his 70s, refused to leave.",
    "Russia struck the city with S-400 missiles.",
    "The air force wants more F-16 jets.",
    "Call the embassy on 202-555-0123 for help.",
    "Up to 2,000 troops were moved.",
    "Officials said 2000 soldiers had crossed.",
    "The Boeing 747 landed safely.",
    "May I ask a question?",
    "Thousands march on the capital.",
    "A quarter of the population has fled.",
    "The Arab Spring changed the region.",
    "USA Today reported the figures.",
    "He finished first in the race.",
    "The ratio was 3:2 in favour.",
    "Profits doubled over the last year.",
    "The fall of the city shocked the region.",
    "Markets reopened on Bloody Sunday as sellers returned.",
    "The now-scrapped plan was signed as soon as possible.",
    "The future of the talks is unclear.",
    "The council meets every Friday and each March.",
    "Joblessness among graduates sits in the mid-30s.",
    "It was his last year in office.",  # a possessor's last one is its final one, not the previous
    "The mayor spent her last month in office abroad.",
])
def test_not_times(run, text: str) -> None:  # type: ignore[no-untyped-def]
    check(run(text), [])


@pytest.mark.parametrize("text, want", [
    ("", []),
    ("   ", []),
    ("The order is dated 31 February 2024.", []),  # no such day: dropped, not guessed
    ("Codes 2024-13-45 and 99/99/9999 were rejected.", []),
    ("His series ran until Feb. 20 of last year.", [("Feb. 20", "2023-02-20"), ("last year", "2023")]),
])
def test_odd_input_degrades_quietly(run, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    check(run(text), want)


# ------------------------------------------------------------------------- records and pipeline

def test_records_carry_spans_and_granularity(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "On Friday, Russia struck the city. The pact was signed this summer."
    ad = analyze(text, until="times")
    got = [(t.text, t.value, t.granularity, text[t.span.start:t.span.end]) for t in ad.times]
    assert got == [("Friday", "2024-11-01", "day", "Friday"),
                   ("this summer", "2024-SU", "season", "this summer")]


def test_mod_for_early_mid_late(run, nlp, resources: Resources) -> None:  # type: ignore[no-untyped-def]
    ad = AnalyzedDoc(doc=nlp("Aid stopped in early 2009 and resumed in late 2010."), doc_id="t",
                     published=date(2024, 11, 1), res=resources)
    got = [(t.text, t.value, t.model_dump().get("mod")) for t in times.extract(ad)]
    assert got == [("early 2009", "2009", "START"), ("late 2010", "2010", "END")]


# ------------------------------------------------------------------------- calendar and data

@pytest.mark.parametrize("ref, weekday, direction, want", [
    (date(2024, 11, 1), 4, -1, date(2024, 11, 1)),  # Friday on a Friday
    (date(2024, 11, 1), 3, -1, date(2024, 10, 31)),
    (date(2024, 11, 1), 3, 1, date(2024, 11, 7)),
    (date(2024, 11, 1), 0, 0, date(2024, 11, 4)),  # Monday is 3 days ahead, 4 back
    (date(2024, 11, 1), 2, 0, date(2024, 10, 30)),
])
def test_weekday_near(ref: date, weekday: int, direction: int, want: date) -> None:
    assert cal.weekday_near(ref, weekday, direction) == want


@pytest.mark.parametrize("ref, season, how, want", [
    (date(2024, 11, 1), "SU", "previous", 2024),
    (date(2024, 7, 1), "SU", "previous", 2023),
    (date(2025, 1, 15), "WI", "current", 2024),  # January belongs to the winter that began in December
    (date(2024, 11, 1), "SP", "next", 2025),
    (date(2024, 11, 1), "WI", "future", 2024),
])
def test_season_instance(ref: date, season: str, how: str, want: int) -> None:
    assert cal.season_instance(ref, season, how) == want


@pytest.mark.parametrize("year, easter", [(2023, date(2023, 4, 9)), (2024, date(2024, 3, 31)),
                                         (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25))])
def test_easter_and_thanksgiving(year: int, easter: date) -> None:
    assert cal.easter(year) == easter
    thanksgiving = cal.thanksgiving(year)
    assert thanksgiving.month == 11 and thanksgiving.weekday() == 3 and 22 <= thanksgiving.day <= 28


def test_calendar_helpers() -> None:
    assert cal.week_value(cal.nth_week_of_month(2009, 3, -1)) == "2009-W13"
    assert cal.week_value(date(2021, 1, 1)) == "2020-W53"  # ISO year of the week
    assert cal.two_digit_year(82, date(2024, 1, 1)) == 1982
    assert cal.two_digit_year(7, date(2024, 1, 1)) == 2007
    assert [cal.granularity(v) for v in ("2024-11-01T18:00Z", "2024-W44-WE", "2024-Q3", "199", "19",
                                         "PAST_REF", None)] == \
        ["day", "week", "quarter", "decade", "century", "vague", None]


def test_lexicon_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("# comment\nJanuary\tmonth\t1\nsummer\tseason\tXX\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon\.tsv:3: 'summer'"):
        load_lexicon(bad)
    bad.write_text("Friday\tweekday\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon\.tsv:1: expected 3 tab-separated columns"):
        load_lexicon(bad)
    bad.write_text("Friday\tdayname\t4\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"unknown kind 'dayname'"):
        load_lexicon(bad)
    bad.write_text("Easter\tmoveable\tpentecost+1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon\.tsv:1: 'Easter': moveable holiday"):
        load_lexicon(bad)
    bad.write_text("Black Monday\tnamed_date\t1987-13-19\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"not YYYY-MM-DD"):
        load_lexicon(bad)


def test_shipped_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.months["nov"] == 11 and "nov" not in lex.full_months and "may" in lex.full_months
    assert lex.weekdays["friday"] == 4 and lex.seasons["fall"] == "FA"
