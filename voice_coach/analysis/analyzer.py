"""The analyzer: words -> sentences with phases -> flags, strengths and delivery metrics.

spaCy does the language work: sentences (split further when a speaker runs on without
punctuation), lemmas, the dependency parse, and PhraseMatchers (on lemmas and on the surface
form) for the cue phrases in ``rules/*.toml``. On top of the phrases:

- the theme: a cue before the main verb, outside any if/when clause, weighs more ("For
  success, ...", "The downside is ...");
- structural patterns from phases.toml: a person as the subject of a want/pain verb (member
  goal), an if/when/in-case clause about something failing (failure mode), a condition on a
  metric with a rollback consequence (validation), a guardrail signal next to a named measure;
- emptiness: a topic word ("metrics", "trade-offs") that is negated, deferred ("I'd have to
  think about which"), vague ("some metrics", "a bunch of metrics"), hedged ("there are
  always trade-offs") or about everything ("trade-offs in all of this") names nothing: the
  sentence keeps that phase only with a concrete cue (a named measure, an accepted cost).

Sentence phases are then chosen jointly over the whole answer (a small Viterbi pass) because
an answer has an order: a sentence with no cue of its own usually continues the phase before
it, "also"/"second" openers continue it more strongly, and going back to an earlier phase
costs a little.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from voice_coach.analysis.delivery import delivery_metrics
from voice_coach.analysis.flags import (
    ADDING_AUX,
    ADDING_SUBJECTS,
    ARROWS,
    LABEL_MAX_TOKENS,
    LAUNCH_NOUNS,
    LINE_BULLETS,
    MEASURE_FORMS,
    REASON_MARKS,
    FlagContext,
    added_thing,
    claim_values,
    comma_pieces,
    compute_flags,
    find_claims,
    hundreds,
    is_person,
    obliged_now,
    own_clause,
    speaker_builds,
    strengths_for,
    subject_of,
)
from voice_coach.analysis.repair import (
    join_heard_pauses,
    repair_words,
    spoken_list_items,
    turn_roles,
    words_from_text,
)
from voice_coach.analysis.rules import (
    CORE_FLAGS,
    EXTRA_KINDS,
    PHASES,
    FlagRules,
    Pattern,
    PhaseRules,
    RepairRule,
    Signals,
    default_rules,
)
from voice_coach.values import CANDIDATE, Analysis, Sentence, Word

log = logging.getLogger(__name__)

NORM_COMPONENT = "voice_coach_lemma_norm"
NEGATORS = {"not", "n't", "no", "never", "without", "nothing", "none", "neither", "nor"}
def _heading_starts_part(tok: Token, headings: frozenset[str]) -> bool:
    """Notes read aloud and heard with no full stops ("... should not go up scope V1 studio
    flats ..."): a spoken heading ([words] spoken_headings) starts a new part, unless a word
    before it belongs with it ("the scope", "our metrics", "for constraints", "any latency or
    scale constraints")."""
    if _word_from(tok) not in headings or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    # (a pause or a filler the parser hangs on the heading is not a word that belongs with
    # it: "... shouldn't go down either, um, scope, I'd start with the US")
    return prev.pos_ not in ("DET", "PRON", "ADJ") and prev.dep_ not in ("prep", "poss") and \
        not any(c.i < tok.i and not (c.is_punct or c.pos_ == "INTJ" or
                                     c.lower_ in HESITATIONS) for c in tok.children)


def _word_from(tok: Token) -> str:
    """The word that starts at the token, with a hyphenated tail the tokenizer split off
    ("trade", "-", "offs" is "trade-offs")."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and \
            not doc[tok.i + 1].whitespace_:
        return f"{tok.lower_}-{doc[tok.i + 2].lower_}"
    return tok.lower_


HEADING_SPLIT_MIN_TOKENS = 30  # a sentence this long with a heading inside is two parts
SPLIT_MARKERS = {"so", "and", "but", "now", "then", "also", "because", "which", "after"}
# what a part can be out of and so fail ("out of battery"); out of anything else ("out of
# warranty", "out of hours") is a standing, not a failure
OUT_OF_FAILS = frozenset({"battery", "power", "memory", "space", "storage", "disk", "range",
                          "signal", "coverage", "sync", "date", "paper", "toner", "ink",
                          "capacity", "fuel", "charge", "order", "service", "stock", "credit",
                          "data", "network", "reach", "contact", "time"})
SCENE_FRAMES = frozenset({"before", "after", "until", "once", "while"})
COND_MARKS = {"if", "when", "whenever", "unless", "once", "case", "should"}
# words of a measure moving: a condition made only of these, on a named measure, is a result
MOVES = {"down", "drop", "dip", "over", "slow", "late", "up", "rise", "fall", "spike", "worse",
         "low", "high", "below", "above", "out"}
HESITATIONS = {"um", "uh", "erm", "er", "hmm"}
CLAUSE_OPENERS = {"if", "when", "whenever", "so", "then", "now", "also", "second", "third",
                  "finally", "for"}
REASON_WEIGHT = 0.5  # a cue inside a because-clause explains the main clause's phase
REASON_MAIN_MIN = 2.0  # ... when the main clause has a strong concrete cue of its own
# words of the speaker accepting a cost (in the trade-off cue that matched)
ACCEPTANCE = ("accept", "fine with", "okay with", "ok with", "live with", "take that",
              "comfortable with", "willing to", "prepared to", "happy with that", "at peace with")
# "one cost I was happy with: ...": a cost the speaker is glad to carry (see
# _cost_gladly_taken)
GLAD_WORDS = frozenset({"happy", "glad", "content", "pleased"})
COST_WORDS = frozenset({"cost", "downside", "price", "trade-off", "tradeoff", "catch",
                        "compromise", "sacrifice", "drawback"})
# a cost named as such ("the trade-off is that some members will hate dubbing")
COST_NAMES = ("trade-off be", "tradeoff be", "trade off be", "the downside", "the cost be",
              "the catch", "the price be")
# verbs that quote someone: what follows in the first person is theirs, not the candidate's
SPEECH_VERBS = frozenset({"say", "tell", "write", "complain", "explain", "put"})
# verbs with which a write-up reports what the candidate said or decided in the interview
REPORT_VERBS = SPEECH_VERBS | {"propose", "suggest", "accept", "choose", "pick", "decide",
                               "focus", "anchor", "narrow", "argue", "define", "mention",
                               "answer", "add", "note", "recommend", "pitch", "assume",
                               "frame", "scope", "prioritize", "state", "name", "list",
                               "describe", "settle", "commit", "limit", "restrict",
                               "begin", "start", "end", "close", "wrap", "throw", "sketch",
                               "include", "ship", "build", "design", "walk", "open", "lead",
                               "cover", "raise", "give", "bring", "keep", "cut", "leave",
                               "set", "measure", "protect", "treat", "call", "count"}
# what a write-up or a regret says was (or was not) said: "I wish I'd said ...", "I forgot to
# talk about ..."
SAYING_VERBS = REPORT_VERBS | {"talk", "ask", "bring"}
# verbs with which someone fills in a choice ("says how long they want the band for", "ticks
# which days they need it"): what is wanted there is an entry, a step of the design
ENTERING_VERBS = frozenset({"say", "pick", "choose", "tell", "enter", "type", "tick", "select",
                            "specify", "mark", "fill", "note", "state", "add"})
# verbs of covering a topic in the answer: the speaker's "I never said what happens if the
# thing breaks", "I didn't mention a guardrail" owns up to what the answer left out
OMITTED_VERBS = frozenset({"say", "mention", "talk", "cover", "discuss", "address", "bring",
                           "touch", "name"})
# "Scale's fine", "latency is no problem": a concern waved away
DISMISSALS = ("fine", "ok", "okay", "easy", "trivial")
# verbs of wanting whose object can be only a wish for better ("want a better experience",
# "Goal: help people get better, fairer quotes")
# the unit of a timed plan's slot ("0-3 min:", "25 mins:")
TIME_SLOT_UNITS = frozenset({"min", "mins", "minute", "minutes", "m"})
WANT_VERBS = ("want", "need", "wish", "hope", "expect", "help")
# what a product is besides its names ([words] products): its flows and how it works
PRODUCT_THINGS = ("experience", "process", "flow", "system", "interface", "ui", "page",
                  "checkout", "booking", "signup", "sign-up", "onboarding")
LIGHT_VERBS = frozenset({"get", "have", "see", "make", "feel", "be", "become"})
# third persons only: "we fall back" is the team handling a failure
PRONOUNS_OF_PEOPLE = frozenset({"he", "she", "who"})
# units of time between two events ("days from report to repair")
ELAPSED_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "time"})
# what a system senses or works out: "if we can't detect it" is the system failing
SENSING_VERBS = frozenset({"detect", "recognize", "identify", "match", "locate", "verify",
                           "read", "parse", "predict", "classify", "tell", "estimate", "infer"})
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee")  # renter, visitor, cyclist, ...
# verbs of noticing: what someone finds or hears in a trial
PERCEIVING = frozenset({"find", "see", "spot", "notice", "hear"})
# the periods a count is taken over ("orders missed each week")
PERIOD_UNITS = frozenset({"day", "week", "month", "quarter", "year", "shift", "night",
                          "weekend", "term", "season"})
# money: a count of it is a cost, not a load ("tens of thousands of pounds a month")
MONEY_WORDS = frozenset({"pound", "dollar", "euro", "quid", "buck", "penny", "pence", "cent",
                         "money", "revenue", "£", "$", "€"})
SHARES_OF_PEOPLE = frozenset({"%", "percent", "half", "third", "quarter", "majority", "most",
                              "many", "share", "fraction", "lot", "bunch", "rest"})
OPENING_QUOTES = ('"', "'", "\u201c", "\u2018")
# "Seat map too slow (>2 s):", "- App hasn't synced by the 3pm cut-off:": a thing, its state,
# and a detail of when or how much (16, was 12: a time and a hyphenated word take six tokens)
STATE_LABEL_MAX_TOKENS = 16
PERSONA_WEIGHT = 2.5  # a persona's own want or trouble, quoted, is a member goal
# metrics headings of what is held, not pushed
HELD_HEADINGS = ("guardrail", "guardrails", "hold", "protect")
# "low down", "further down", "way down the list": "down" after these says where, not that a
# part is down
PLACE_BEFORE_DOWN = frozenset({"low", "lower", "further", "farther", "way", "deep", "high"})
PARTICLES = frozenset({"up", "down", "off", "out", "back", "on", "in", "over", "away"})
# verbs whose "if" clause is what is asked or known, not a condition ("ask if it's bad")
# What may follow "I took that" / "I chose that" when it accepts a cost: the clause ends there
# ("..., and I took that, because ...", "I chose that anyway").
ACCEPTANCE_ENDS = frozenset((",", ".", ";", ":", "-", "--", "anyway", "because", "since",
                             "and", "but", "though"))
# How far back (tokens) a question reported is read along the words when its parse is lost.
REPORTED_QUESTION_SPAN = 15
INDIRECT_QUESTION_HEADS = frozenset({"know", "ask", "wonder", "check", "see", "decide", "tell",
                                     "sure", "unsure", "figure", "understand", "remember",
                                     "care", "doubt", "guess", "learn", "estimate",
                                     "predict", "forecast", "calculate"})
# scope phrases that only introduce a slice ("start small: TVs only"): with none after them
# they narrow nothing ("we'd start small and iterate")
THOUSANDS = re.compile(r"^~?\d+(\.\d+)?[kKmM]$")
# fillers that pass the turn on; opening a long sentence, they carry none of it
PASSING_FILLERS = ("so yeah", "okay", "alright", "cool")
LONG_SENTENCE_WORDS = 25
SLICE_INTROS = ("start small", "start narrow", "start just", "keep it small", "keep it tiny",
                "keep it narrow")
# validation phrases that pair two things: a comparison only when something is compared
PAIRINGS = ("before and after", "side by side", "head to head")
NO_CLAIM_OTHER = 0.3  # pull toward `other` for a sentence with no cue that carries a phase
AGENDA_DENSITY = 0.6  # share of a sentence's content words that are topic names in a list of them
AGENDA_REST = 3  # content words an announcement may have beside what it announces
COUNT_WINDOW = 2  # tokens after a goal-area word where a counting word may stand
SLICE_WINDOW = 6  # a restricting word this near its slice ("TV only", "start with the US")
HEADING_MARKS = {",", ":", ";", ".", "-", "--", "—", "–", "!", "?"}
FILLER_OPENERS = {"um", "uh", "and", "so", "like", "okay", "ok", "then", "now", "well", "right",
                  "you", "know", "oh", "yeah", "erm", "er"}
ITEM_SKIP = {"and", "then", "also", "plus", "so", "um", "uh", "like", "next", "finally", "lastly",
             "last", "oh", "on", "top", "of", "that", "beyond", "yes", "yeah"}


BULLETS = {"-", "–", "—", "•", "*", "·"}
# adverbs that all but deny what they modify ("phones barely get a signal")
SCARCELY = ("barely", "hardly", "rarely", "seldom", "scarcely")
# the level a measure is held at ("hold refunds flat", "keep it steady")
LEVEL_WORDS = ("steady", "flat", "constant", "level", "still")
# a state a measure is held at ("has to stay low", "must stay stable")
HELD_LEVELS = ("low", "high", "same", "stable", "unchanged", "put", "small", "rare", "down",
               "under", "below", "near", "close", "within")


def _marker(t: Token) -> bool:
    """A typed list marker: a bullet, or a single letter closed by "." or ")" ("b.", "c)")."""
    text = t.text
    return text in BULLETS or (len(text) == 2 and text[0].isalpha() and text[1] in ".)")


def _item_plural(t: Token) -> bool:
    """A plural noun capitalised only because it opens a typed list item ("- Renters who move
    often want ..."), which the tagger takes for a name."""
    before = t.doc[t.i - 1] if t.i > 0 else None
    return t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and \
        t.lower_.endswith("s") and before is not None and (_marker(before) or before.text in (
            ":", ")") or (before.like_num and before.text.endswith(".")))


def _time_slot_length(toks: Sequence[Token]) -> int:
    """How many tokens a timed plan's slot takes at the start ("12-20 min:", "5 mins:"), or
    0."""
    k = 1 if toks and toks[0].like_num else 0
    if k and len(toks) > 2 and toks[1].text in ("-", "–") and toks[2].like_num:
        k = 3
    if k and len(toks) > k + 1 and toks[k].lower_ in TIME_SLOT_UNITS and toks[k + 1].text == ":":
        return k + 2
    return 0


def _feature_item(span: Span, words: dict[str, frozenset[str]]) -> Token | None:
    """The head noun of a thing introduced as a list item: a sentence that opens (after
    "and", "then", "also") with an enumerator ("Two, ...", "3) ...", "Fifth,") or with a new
    thing as a fragment ("A mood classifier, so ..."). Such items are parts of the design,
    and overbuilding counts them (flags.py)."""
    toks = [t for t in span if not t.is_space]
    # (a timed plan's slot, "3-12 min: system first: ...", is when, not an enumerator)
    k = _time_slot_length(toks)
    enumerated = False
    enumerators = words["enumerators"]
    while k < len(toks) and (toks[k].is_punct or toks[k].lower_ in ITEM_SKIP or
                             toks[k].lower_ in enumerators or toks[k].like_num or
                             (k == 0 and _marker(toks[k]))):
        # typed notes mark items with a bullet or a letter ("- heatmap", "b. chat")
        enumerated |= toks[k].lower_ in enumerators or toks[k].like_num or \
            (k == 0 and _marker(toks[k]))
        k += 1
    if k >= len(toks) or toks[k].lower_ in ("no", "not", "without"):
        return None  # "- no outdoor gardens yet": what is left out is no part
    first = toks[k]
    # "It has a consigner portal where you log in.", "It'll also have text alerts.": one more
    # thing the thing being described holds, a sentence per thing
    if first.lower_ == "it" and first.dep_ == "nsubj" and \
            first.head.lemma_.lower() in ("have", "include", "get") and not any(
                c.dep_ == "neg" for c in first.head.children):
        held = [c for c in first.head.children if c.dep_ == "dobj" and
                c.pos_ == "NOUN" and c.lower_ not in words["not_items"]]
        if held and all(t.i <= first.head.i + 4 for t in held):
            return held[0]
    # the noun the item names: the head of the opening noun phrase
    head = first
    while head.dep_ in ("det", "amod", "compound", "nummod", "advmod", "poss") and \
            head.head.i != head.i and head.head.i > head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in words["not_items"]:
        return None
    # ("and a whole block later it catches up", "a week later they ..."): how long or far
    # before something happens, no thing introduced
    if any(c.lower_ in ("later", "earlier", "ago", "after", "before", "on") and
           c.dep_ == "advmod" for c in head.children) or (
            head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ in ("later", "ago")):
        return None
    fragment = head.dep_ in ("ROOT", "appos", "npadvmod", "dep") or \
        head.head.i < first.i or (  # the noun hangs off the enumerator or a marker before it
            # "- Parts ordering linked to the diagnosis": a participle with no auxiliary
            # describes the noun (the parser took it for the verb of a clause)
            head.dep_ == "nsubj" and head.head.tag_ == "VBN" and
            not any(c.dep_ in ("aux", "auxpass") for c in head.head.children))
    if (enumerated and fragment) or (first.lower_ in ("a", "an", "new") and fragment):
        return head
    # "Plus photo verification for both people.", "Oh, and also card payments built into the
    # booking.": an added thing with no verb of its own (a verb inside the noun phrase, "built
    # into", "that gets texted", only describes it)
    added = any(t.lower_ in ("plus", "and", "also", "then", "next") for t in toks[:k])
    inside = {t.i for t in head.subtree}
    if added and fragment and not any(t.pos_ in ("VERB", "AUX") and t.i not in inside
                                      for t in toks):
        return head
    return None


QUOTE_MARKS = ("'", '"', "‘", "’", "“", "”")


def _in_quotes(t: Token) -> bool:
    """Is the token inside quotation marks opened earlier in its sentence ("so 'I don't know
    what it is' is a fair answer")? An odd number of quote marks before it."""
    sent = t.sent
    return sum(1 for x in t.doc[sent.start:t.i] if x.text in QUOTE_MARKS) % 2 == 1


# what makes "hours" a stretch of time, not hours of something ("every few hours", "within an
# hour"; "the hours watched" are hours of something, a number before "hours" a time)
DURATION_WORDS = ("few", "couple", "several", "many", "some", "every", "an")
INLINE_LABEL_MIN_COLONS = 4  # notes typed with labels throughout, not prose with one colon
NUMBERED_ITEM_SPAN = 60  # tokens back to look for the number before an item's ("2." after "1.")
ITEM_WEIGHT = 1.5  # a feature introduced as a list item is a design cue
SECTION_WEIGHT = 1.5  # pull of a bare notes heading on the list items under it
STRONG_OWN_CUE = 2.5  # an item under "v1:" with a cue this strong says what it says


@Language.component(NORM_COMPONENT)
def lemma_norm(doc: Doc) -> Doc:
    """Put the lower-cased lemma in ``norm_`` so PhraseMatcher(attr="NORM") matches on lemmas
    and still works on a blank pipeline (no lemmatizer: the lower-cased text)."""
    for tok in doc:
        tok.norm_ = (tok.lemma_ or tok.text).lower()
        if tok.lower_ == "ones":
            # "the six week ones" is a pro-form, not the number: no "week one" in it
            tok.norm_ = "ones"
    return doc


# where a light verb goes ("get home", "get back"): it says something specific
DIRECTIONS = frozenset(("home", "back", "out", "away", "inside", "outside", "through", "across",
                        "in", "there"))


# notes headings that name what is wrong for the member ("Pain: ...", "What breaks: ...")
PAIN_HEADINGS = ("pain", "pains", "problem", "the problem", "pain point", "member problem",
                 "user problem", "what breaks", "what's broken", "frustration")

# what members do when a feature reaches them, or it does going out ("before they get it",
# "before it goes live")
REACHING_VERBS = frozenset({"get", "see", "use", "have", "try", "receive", "go", "reach",
                            "touch", "launch"})
OPENING_VERBS = frozenset({"open", "launch", "release", "roll", "give", "ship", "offer"})

def _after_preposition(t: Token) -> bool:
    """Does a preposition come right before the word, or before its determiner ("to
    everyone", "for all families")?"""
    k = t.i - 1
    while k >= 0 and t.doc[k].lower_ in ("all", "every", "the"):
        k -= 1
    return k >= 0 and t.doc[k].pos_ == "ADP"


# what a choice does to the people who bear its cost ("which will annoy people who ...")
DOWNSIDE_VERBS = frozenset({"annoy", "frustrate", "upset", "irritate", "inconvenience",
                            "disappoint"})

# when everyone comes at once ("Friday evening", "every morning")
CLOCK = re.compile(r"\d{1,2}([:.]\d\d)?(am|pm)?")
DAY_PARTS = frozenset({"morning", "evening", "night", "afternoon", "lunchtime", "weekend"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})

# what a count is taken over ("in any week", "a day", "per shift")
PERIOD_NOUNS = frozenset({"day", "week", "weekend", "fortnight", "month", "shift", "term",
                          "night", "morning", "evening", "hour"})
BOUND_WORDS = frozenset({"above", "over", "below", "under", "more", "fewer", "less"})
FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "tenth"})


def _level_after_noun(g: Token) -> bool:
    """Is the level word said right after a noun and closing its phrase ("hold no-shows flat,
    a booked glazier not turning up", where the parser hangs "flat" on the next noun)? A
    level before a noun describes it ("a steady supply")."""
    doc = g.doc
    return g.i > 0 and doc[g.i - 1].pos_ in ("NOUN", "PROPN") and (
        g.i + 1 == len(doc) or doc[g.i + 1].is_punct)


def _rate_crossed(words: Sequence[Token]) -> bool:
    """Does the clause put a bound on a number counted over a period ("wasted trips go above
    one in ten in any week", "more than one or two in a week"), or on a share ("under 70%")?
    The period must not be the number's own noun: "waits over 3 days" is one case past a
    limit, a branch of the design."""
    bound = any(x.lower_ in BOUND_WORDS and k + 1 < len(words) and (
        words[k + 1].like_num or words[k + 1].lower_ == "than")
        for k, x in enumerate(words))
    # (a share is a rate already: "if it's under 70% after two weeks")
    # (or "one in ten": a ratio is a share)
    # (or a fraction: "more than a quarter of the umbrellas", "over half of them")
    share = any(x.lower_ in ("%", "percent", "per cent") or x.text.endswith("%") or (
        x.lower_ == "in" and 0 < k < len(words) - 1 and words[k - 1].like_num and
        words[k + 1].like_num) or (
        x.lower_ in FRACTIONS and k + 1 < len(words) and words[k + 1].lower_ == "of")
        for k, x in enumerate(words))
    # ("if counter time goes over the minute two weeks running", "three days in a row"): a
    # bound held to over periods one after another is a watch rule, whatever the bound names
    running = any(x.lemma_.lower() in PERIOD_NOUNS and k > 0 and words[k - 1].like_num and
                  k + 1 < len(words) and (words[k + 1].lower_ == "running" or (
                      [w.lower_ for w in words[k + 1:k + 4]] == ["in", "a", "row"]))
                  for k, x in enumerate(words))
    if running and any(x.lower_ in BOUND_WORDS or x.lower_ in ("past", "beyond")
                       for x in words):
        return True
    return bound and (share or any(
        x.lemma_.lower() in PERIOD_NOUNS and k > 0 and
        words[k - 1].lower_ in ("a", "an", "any", "each", "every", "per", "one")
        for k, x in enumerate(words)))


SEGMENT_LIST_MIN = 3  # groups of people listed in one sentence: a list of segments


def _to_compound_head(t: Token) -> Token | None:
    """The last noun of a compound said with "to" ("speech to text model", "peer to peer
    network"), when ``t`` opens one: its head, whatever the parser made of the "to"."""
    doc = t.doc
    if t.pos_ != "NOUN" or t.i + 2 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return None
    j = t.i + 2
    while j < len(doc) and doc[j].pos_ == "NOUN":
        j += 1
    # (two nouns at least after the "to": "start with parents to help" is no compound)
    return doc[j - 1] if j - (t.i + 2) >= 2 else None


@dataclass(frozen=True)
class AnalyzerOptions:
    max_sentence_tokens: int = 60  # longer run-ons are split at discourse markers
    min_piece_tokens: int = 8
    stay_bonus: float | None = None  # None: phases.toml `continuation`
    other_prior: float = 0.3
    repair_asr: bool = True
    system: str | None = None  # the prompt's dominant system, for fix priority


@dataclass
class _SentInfo:
    span: Span
    first_word: int
    last_word: int
    scores: dict[str, float] = field(default_factory=dict)
    speaker: str = CANDIDATE  # another speaker's sentence is context: no cues, phase other
    # what the sentence does when it states nothing: "question", "agenda", "heading", "aside",
    # "skip" (puts off what it names; see flags.claims), "regret" (what the speaker wishes they
    # had said) or "context" (another speaker's words)
    # (None: a statement); such a sentence makes no claim and is scored as `other`
    act: str | None = None
    # phase -> the strongest single cue of that phase in the sentence, with its phrase: a claim
    # needs one cue that carries it, not several weak words added up
    peak: dict[str, tuple[float, str]] = field(default_factory=dict)
    # what was set aside and why ("vague wish: members need a better experience")
    rejected: list[str] = field(default_factory=list)
    # name -> [(phrase, negated, token index)]
    signals: dict[str, list[tuple[str, bool, int]]] = field(default_factory=dict)
    phase: str = "other"
    # the interviewer's what-if ("what if the scanner stops working?"): the phase the question
    # supplies half of (its condition), for the candidate's answer to complete
    asks: str | None = None
    # the part of the answer a spoken announcement puts the sentence in ("Two things make
    # this hard. The first is ..."): set with the phases, over the whole answer
    announced: str | None = None


ScoredSentence = _SentInfo  # the public name, for callers that parse ahead (incremental.py)


class Analyzer:
    def __init__(self, nlp: Language | None = None,
                 rules: tuple[PhaseRules, FlagRules, Signals, tuple[RepairRule, ...]] | None = None,
                 options: AnalyzerOptions | None = None) -> None:
        if nlp is None:
            from voice_coach.models import load_spacy

            nlp = load_spacy()
        self.nlp = nlp
        if NORM_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(NORM_COMPONENT, last=True)
        self.phase_rules, self.flag_rules, self.signals, self.repairs = rules or default_rules()
        self.opt = options or AnalyzerOptions()
        self.persons = self.signals.words["persons"]
        # the member pattern whose verbs of wanting make a need (see _need_follows)
        self._member_pattern = next((p for p in self.phase_rules.patterns
                                     if p.phase == "clarify_goal" and p.animate_verbs), None)
        # the kinds of slice a scope names ("TV", "mobile", "market"): see _picks_product
        self._slice_objects = frozenset(o for pat in self.phase_rules.patterns
                                        if pat.kind == "restricted_slice" for o in pat.objects)
        # the words that put a burden in the present ("right now", "today"): see _with_a_need
        self._present_words = tuple(o for pat in self.phase_rules.patterns
                                    if pat.kind == "status_quo" for o in pat.objects)
        self._heading_cache: dict[str, list[str]] = {}
        self._one_word_headings: frozenset[str] | None = None
        self._list_headings: frozenset[str] | None = None
        self._build_matcher()

    # -- matching -----------------------------------------------------------------------
    def _build_matcher(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._key_info: dict[int, tuple[str, Any]] = {}
        entries: list[tuple[str, Any, tuple[str, ...]]] = []
        for i, g in enumerate(self.phase_rules.cues):
            entries.append((f"cue{i}", ("cue", g), g.phrases))
        for kind, phrases in self.signals.constraint_kinds.items():
            entries.append((f"kind:{kind}", ("kind", kind), phrases))
        for name, phrases in self.signals.lists.items():
            entries.append((f"sig:{name}", ("sig", name), phrases))
        multi_hedges = tuple(h for h in self.signals.hedges.hedge_adverbs if " " in h)
        if multi_hedges:
            entries.append(("sig:hedge", ("sig", "hedge"), multi_hedges))
        all_phrases = sorted({p for _, _, ps in entries for p in ps})
        # patterns go through the same pipeline so their lemmas match the text's; a phrase
        # lemmatised alone can differ from the same words in context ("no worse" -> "no bad"),
        # so the surface form is matched too
        self.surface = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        docs = dict(zip(all_phrases, self.nlp.pipe(all_phrases, batch_size=256), strict=True))
        # a phrasal verb with its particle moved after the object ("giving that up", "switch
        # it off") is the same phrase: (verb lemma, particle) -> the match keys it belongs to
        self._split_phrasal: dict[tuple[str, str], list[int]] = {}
        for key, info, phrases in entries:
            self.matcher.add(key, [docs[p] for p in phrases])
            self.surface.add(key, [self.nlp.make_doc(p) for p in phrases])
            self._key_info[self.nlp.vocab.strings[key]] = info
            for p in phrases:
                d = docs[p]
                if len(d) == 2 and d[1].lower_ in PARTICLES:
                    self._split_phrasal.setdefault(
                        (d[0].lemma_.lower(), d[1].lower_), []).append(
                        self.nlp.vocab.strings[key])
        # structural patterns: split two-word verbs ("give up") into verb + particle
        self._verb_sets = []
        for pat in self.phase_rules.patterns:
            single = {v.lower() for v in pat.verbs if " " not in v}
            multi = {tuple(v.lower().split()[:2]) for v in pat.verbs if " " in v}
            self._verb_sets.append((single, multi))

    @staticmethod
    def _cut_through_compound(doc: Doc, start: int, end: int) -> bool:
        """Does a phrase of two or more words end on the first half of a hyphenated word ("the
        catch" in "the catch-up page")? The phrase was not said; the compound names something
        else. A single word keeps its sense in a compound ("latency-sensitive")."""
        return end - start >= 2 and end + 1 < len(doc) and doc[end].text == "-" and \
            not doc[end - 1].whitespace_ and not doc[end].whitespace_

    def _done_by_people(self, verb: Token) -> bool:
        """Is the verb done by people other than the speaker ("people just stop commenting",
        "members drop off")? Not "we stop the test", nor a verb with no subject ("pull it")."""
        subj = self._subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        # (a pronoun's antecedent is not read: "they" may be the team)
        return subj is not None and ((subj.pos_ in ("NOUN", "PROPN") and is_person(
            subj, self.persons)) or subj.lower_ in ("people", "everyone", "nobody"))

    @staticmethod
    def _negated(doc: Doc, start: int, end: int, sent: Span) -> bool:
        lo = max(sent.start, start - 4)
        if any(t.lower_ in NEGATORS for t in doc[lo:start]):
            return True
        span = doc[start:end]
        head = span.root.head
        # "sensors can't tell X from Y, and I'll live with that": a clause joined to a negated
        # one is not negated by it
        if span.root.dep_ in ("conj", "advcl", "relcl", "parataxis"):
            head = span.root
        return any(c.dep_ == "neg" for c in list(span.root.children) + list(head.children))

    @staticmethod
    def _lem(t: Token) -> str:
        return t.norm_ or t.lower_

    @staticmethod
    def _condition_clauses(sent: Span, marks: Any = None) -> list[tuple[Token, Token]]:
        """(opener, clause head) of each conditional clause: "if/when X ...", "in case X ...",
        "should X fail, ..." (inversion)."""
        marks = COND_MARKS if marks is None else marks
        out: list[tuple[Token, Token]] = []
        for t in sent:
            low = t.lower_
            if t.dep_ == "mark" and low in marks and t.head.i != t.i:
                if low == "if" and t.head.dep_ in ("ccomp", "csubj", "pcomp", "dobj") and \
                        t.head.head.lemma_.lower() in INDIRECT_QUESTION_HEADS:
                    continue  # "I don't know if it's bad": an indirect question, no condition
                head = t.head
                # ("If rebooked pairs go above ...": the parser may hang the mark on a word
                # that describes the subject; the clause is the subject's verb)
                if head.dep_ in ("amod", "compound") and head.head.dep_ in (
                        "nsubj", "nsubjpass") and head.head.head.pos_ in ("VERB", "AUX"):
                    head = head.head.head
                out.append((t, head))
            elif t.dep_ == "advmod" and low in ("when", "whenever") and low in marks and \
                    t.head.dep_ == "advcl" and t.i == t.head.left_edge.i:
                # ("that's when GP access is worst": a cleft names a time, no condition)
                if low == "when" and t.head.head.lemma_.lower() == "be" and any(
                        c.dep_ == "nsubj" and c.lower_ in ("that", "this", "it")
                        for c in t.head.head.children) and t.head.head.i < t.i:
                    continue
                # ("nobody tells them when the shoes are ready": what is told, no condition)
                if low == "when" and t.head.head.lemma_.lower() in INDIRECT_QUESTION_HEADS \
                        and t.i > t.head.head.i and t.i > 0 and not t.doc[t.i - 1].is_punct:
                    continue
                out.append((t, t.head))  # "When the service is having a bad day, ..."
            elif low == "case" and "case" in marks and t.head.lower_ == "in" and \
                    t.head.head.i != t.head.i:
                out.append((t, t.head.head))
            elif low == "should" and "should" in marks and t.dep_ == "aux" and \
                    t.i == t.head.left_edge.i and t.head.dep_ in ("advcl", "ccomp"):
                out.append((t, t.head))
        return out

    def _ahead_of_members(self, t: Token) -> bool:
        """Is "before" about the feature reaching members ("before residents get it", "before
        any real buyer sees it", "before it goes live", "before launch")? Is "real" the real
        audience, set against a trial ("then on the real public", "real customers")?"""
        if t.lower_ == "real":
            return t.dep_ == "amod" and (self._lem(t.head) in self.signals.words["audience"] or
                                         t.head.lower_ == "public")
        if t.dep_ == "mark":
            # ("before any real offers went out": what goes out for real, after the trial)
            if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                    a.dep_ == "amod" and a.lower_ in ("real", "live") for a in c.children)
                   for c in t.head.children):
                return True
            verb = t.head
            subj = self._subject_of(verb)
            # (or the speaker putting it out: "before we open it to traders")
            # (or the speaker putting it before the people it is for: "before we put it in
            # front of the public", "before we hand it to the riders")
            audience = self.signals.words["audience"] | {"public"}
            return subj is not None and (
                (self._lem(verb) in REACHING_VERBS and (
                    self._lem(subj) in self.persons or
                    subj.lower_ in ("anyone", "anybody", "it"))) or
                (subj.lower_ == "we" and self._lem(verb) in OPENING_VERBS) or
                (subj.lower_ in ("we", "i") and any(
                    x.dep_ in ("pobj", "dative") and self._lem(x) in audience
                    for x in verb.subtree)))
        # (or the speaker's opening told without a subject: "before opening it to the whole
        # round", "before rolling it out")
        return any((c.dep_ == "pobj" and (self._lem(c) in LAUNCH_NOUNS or
                                          self._lem(c) in self.persons or c.lower_ == "public"))
                   or (c.dep_ == "pcomp" and c.tag_ == "VBG" and
                       self._lem(c) in OPENING_VERBS and
                       not any(x.dep_ == "nsubj" for x in c.children))
                   for c in t.children)

    def _crowd_at_once(self, span: Span) -> int | None:
        """Where the sentence has everyone ("everyone", "every parent", "all the drivers")
        doing it at one moment ("at the same time", "at once", "at eight", "between five and
        half six", "Friday evening", "on the same two weekends"), or None. Read by the words:
        the parser often hangs the moment, or "everyone" itself, somewhere odd."""
        toks = [t for t in span if not t.is_punct]
        # (every firm, shop or school is a crowd too, when the business serves them: "every
        # firm in the area is after the same slots")
        orgs = self.signals.words["organisations"]
        # (who does it, not who gets it: "sends a text to everyone", "goes out to all
        # families at once")
        # (or a crowd counted: "eleven hundred kids", "forty thousand people")
        crowd = next((t for t in toks if not _after_preposition(t) and (
            t.lower_ in ("everyone", "everybody") or (
            # (or anyone named by what they do, "every cleaner's phone is going off at once";
            # a thing so named, "every order", crowds the design as much)
            (self._lem(t) in self.persons or self._lem(t) in orgs or (
                t.pos_ == "NOUN" and t.lower_.endswith("er"))) and t.i > 0 and
            t.doc[t.i - 1].lower_ in ("every", "all", "the") and
            (t.doc[t.i - 1].lower_ != "the" or (t.i > 1 and t.doc[t.i - 2].lower_ == "all")))
            or (self._lem(t) in self.persons and t.tag_ == "NNS" and t.dep_ == "nsubj" and
                any(hundreds(c) for c in t.children)) or
            # ("every one of those drivers rings on Monday morning", "all of the parents":
            # read by the words, the parser often makes the person a compound)
            (self._lem(t) in self.persons and any(
                f" {w} " in " " + " ".join(x.lower_ for x in t.doc[
                    max(t.sent.start, t.i - 5):t.i]) + " " for w in ("every one of", "all of"))))),
            None)
        if crowd is None:
            return None
        for k, x in enumerate(toks[:-1]):
            nxt = toks[k + 1]
            rest = " ".join(t.lower_ for t in toks[k + 1:k + 4])
            # (a number, not "at first")
            if (x.lower_ == "at" and (nxt.lower_ == "once" or nxt.pos_ == "NUM" or
                                      bool(CLOCK.fullmatch(nxt.lower_)) or
                                      nxt.lower_ in ("noon", "midnight"))) or \
                    (x.lower_ in ("at", "between", "on") and (
                        rest.startswith("the same ") or rest.startswith("exactly the same ")))\
                    or (x.lower_ == "between" and nxt.pos_ == "NUM") or \
                    (x.lower_ in WEEKDAYS | {"every"} and self._lem(nxt) in DAY_PARTS) or \
                    (x.lower_ in ("in", "within") and (
                        rest.startswith("the same ") or "window" in (
                        t.lower_ for t in toks[k + 1:k + 6]))):
                return crowd.i
        # (a time that is when everyone does it: "Spring is when everyone's buying", "Friday
        # night's when everybody orders")
        if any(x.lower_ == "when" and k > 0 and self._lem(toks[k - 1]) == "be" and
               0 < crowd.i - x.i <= 2 for k, x in enumerate(toks)):
            return crowd.i
        return None

    @staticmethod
    def _prevented(verb: Token, subj: Token) -> bool:
        """Is the trouble said of nobody, as what the speaker's choice brings about ("we'd
        ship it on every console at once, so no family is left out")? It is what the design
        prevents, not what goes wrong for anyone ("so if the party is late nobody knows",
        after how things are, still is)."""
        nobody = subj.lower_ in ("nobody", "noone") or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
        result = any(c.lower_ == "so" and c.dep_ in ("advmod", "mark") for c in verb.children)
        speaker = any(t.dep_ == "nsubj" and t.lower_ in ("i", "we") and t.i < verb.i
                      for t in verb.sent)
        return nobody and result and speaker

    @staticmethod
    def _on_number(x: Token) -> bool:
        """Is the word a bound on a number ("over 3 days", "no rain over five millimetres")?"""
        nxt = x.doc[x.i + 1] if x.i + 1 < len(x.doc) else None
        return x.dep_ == "quantmod" or (
            x.lower_ in ("over", "under", "above", "below") and nxt is not None and
            (nxt.like_num or nxt.pos_ == "NUM"))

    @staticmethod
    def _speaker_reply(head: Token) -> set[int]:
        """Tokens the parser hung under a condition that are the speaker's reply to it: "if
        the secretary finds any double bookings we stop" (no comma) makes "we stop" part of
        the if-clause; what we do is the consequence, not the condition."""
        out: set[int] = set()
        for c in head.subtree:
            if c.i > head.i and c.dep_ in ("ccomp", "conj", "parataxis", "advcl", "relcl") and any(
                    g.dep_ == "nsubj" and g.lower_ in ("we", "i", "you") for g in c.children):
                out |= {x.i for x in c.subtree}
        return out

    def _condition_sets(self, sent: Span, marks: Any) -> list[tuple[Token, Token, set[int]]]:
        """(opener, clause head, clause tokens) of each condition: the if/when clauses, and in
        notes the left side of an arrow ("Row missing or stale -> render the homepage
        without it")."""
        out = []
        for t, head in self._condition_clauses(sent, marks):
            clause = {x.i for x in head.subtree} - self._speaker_reply(head)
            # ("if the secretary ends up texting everybody anyway, drop it and go back": a
            # verb the parser joined to the condition after its comma, with no subject of its
            # own, is what then happens; "..., or the feed is stale" is a second condition)
            for c in head.children:
                if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > head.i and \
                        sent.doc[c.i - 1].text == "," and not any(
                            g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                    clause -= {x.i for x in c.subtree}
            # (a clause the parser cut to a word or two, "if rebooked | pairs go above 1 in
            # 10, stop": read it by the words, up to its comma)
            comma = next((x.i for x in sent if x.i > t.i and x.text == ","), None)
            if len(clause) <= 2 and comma is not None and comma - t.i <= 15:
                clause = set(range(t.i, comma))
                head = next((sent.doc[x] for x in sorted(clause)
                             if sent.doc[x].pos_ in ("VERB", "AUX")), head)
            out.append((t, head, clause))
        arrows = [t for t in sent if t.text in ARROWS or (
            t.text in ("-", "=") and t.i + 1 < sent.end and t.doc[t.i + 1].text == ">")]
        # the stretch of each arrow: items end at a ";" or at a spaced bullet ("- Handset
        # silent -> job bounces - Beacons down -> use the last zone")
        ends = [x.i for x in sent if x.text == ";" or (
            x.text in BULLETS and bool(x.whitespace_) and x.i + 1 < sent.end and
            sent.doc[x.i + 1].text != ">")]
        stretch = {a.i: sum(1 for e in ends if e < a.i) for a in arrows}
        for arrow in arrows:
            # each arrow's own left side ("No GPS fix -> drop a pin; API down -> queue it"),
            # back to the previous ";" or the sentence start
            start = max([sent.start] + [t.i + 1 for t in sent
                                        if t.text == ";" and t.i < arrow.i])
            # (arrows chained in one stretch are the steps of a flow, no condition: "signed
            # on the ward -> job drops into the screening list -> dispensary batches")
            if sum(k == stretch[arrow.i] for k in stretch.values()) > 1:
                continue
            if arrow.i > start:
                left = sent.doc[start:arrow.i]
                out.append((arrow, left.root, {x.i for x in left}))
        if not arrows and (colon := self._state_label(sent)) is not None:
            left = sent.doc[sent.start:colon.i]
            out.append((colon, left.root, {x.i for x in left}))
        return out

    @staticmethod
    def _what_then(span: Span) -> bool:
        """A bare follow-up question ("What then?", "And then what happens?", "What do you
        do then?"): it asks about what was just said."""
        words = [t.lower_ for t in span if not t.is_punct]
        return "?" in span.text and len(words) <= 6 and "what" in words and (
            "then" in words or "happens" in words or "happen" in words)

    def _asks_failure(self, s: _SentInfo, raw: list[tuple[Any, int, int, bool]]) -> str | None:
        """"What if the door scanner stops working?", "What happens if the text service is
        down?": a question that names a part failing. The candidate's reply then only has to
        say what happens instead (the condition is the interviewer's)."""
        span = s.span
        if "?" not in span.text:
            return None
        cond = self._conditional_tokens(span)
        if not cond and not any(self._lem(t) == "happen" for t in span):
            return None  # "what's the failure rate?" asks for a number
        cue = any(g.phase == "failure_modes" and not g.generic and not neg and g.weight >= 1.0
                  for g, _a, _b, neg in raw)
        pattern = any(pat.phase == "failure_modes" and w > 0
                      for pat, w, _l, _at in self._patterns(span, cond, s.signals))
        return "failure_modes" if cue or pattern else None

    def _state_label(self, sent: Span) -> Token | None:
        """Typed notes: "Payment provider down: take cash at pickup", "- scanner dead: read
        the list out": a short label naming a thing and its state, then a colon, is a
        condition like the left side of an arrow. The state word ends the label and is no
        noun ("Lead time:", "Empty state:" name topics, not a thing in some state)."""
        toks = [t for t in sent[:STATE_LABEL_MAX_TOKENS] if t.text not in BULLETS]
        # (the tokenizer keeps a closing bracket on its colon: "(>2 s):")
        colon = next((t for t in toks if t.text in (":", "):")), None)
        if colon is None:
            return None
        left = [t for t in toks if t.i < colon.i]
        # ("Meter unreachable at top-up:", "Seat map too slow (>2 s):": when and how much
        # said after the state leave it the label's last word)
        if left and (left[-1].text == ")" or colon.text == "):"):
            left = left[:max((n for n, t in enumerate(left) if t.text == "("), default=len(left))]
        # (a phrase with its object: "down" alone, "Responder service down:", is the state)
        # (a passive's "by" too: "- Tablet not uploaded by the 7am hand-over:")
        after = next((n for n, t in enumerate(left) if n >= 2 and t.dep_ in ("prep", "agent") and
                      t.head.i < t.i and any(c.dep_ in ("pobj", "pcomp") for c in t.children)
                      and {x.i for x in left[n:]} <= {y.i for y in t.subtree}), None)
        left = left[:after] if after is not None else left
        if len(left) < 2 or left[-1].pos_ in ("NOUN", "PROPN", "PUNCT") or not any(
                t.pos_ in ("NOUN", "PROPN") for t in left[:-1]):
            return None
        # ("I went straight into how orders move: the driver collects ...": a clause with a
        # pronoun subject is someone talking, and what follows its colon is an example)
        if any(t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass") for t in left):
            return None
        # ("Office is behind: 900 births a month": an organisation late with its work is a
        # backlog, no part failing; "Payment provider down:" is a part down)
        if self._lem(left[-1]) in self.signals.words["lateness"] and any(
                t.pos_ in ("NOUN", "PROPN") and
                self._lem(t) in self.signals.words["organisations"] for t in left):
            return None
        return colon

    def _conditional_tokens(self, sent: Span) -> set[int]:
        """Token indices inside if/when clauses of the sentence."""
        out: set[int] = set()
        for _t, head in self._condition_clauses(sent):
            out.update(x.i for x in head.subtree)
        return out

    @staticmethod
    def _reason_tokens(sent: Span) -> set[int]:
        """Token indices inside a because/since clause: the reason given for what the main
        clause says ("I'd take that cost, because people would give up otherwise")."""
        out: set[int] = set()
        for t in sent:
            if t.dep_ == "mark" and t.lower_ in REASON_MARKS and t.head.i != t.i and \
                    t.head.dep_ in ("advcl", "ccomp", "conj"):
                out.update(x.i for x in t.head.subtree)
        return out

    def _topic(self, sent: Span, cond: set[int]) -> set[int]:
        """The sentence's theme: tokens before the main verb, within the first few tokens,
        outside any if/when clause ("For success, ...", "The downside is ...")."""
        root = sent.root
        if root.i == sent.start and not root.dep_:  # no parse (blank pipeline)
            return set()
        hi = min(root.i + (1 if root.lemma_ == "be" else 0),
                 sent.start + self.phase_rules.topic_window)
        return {i for i in range(sent.start, hi) if i not in cond}

    def _hedged(self, doc: Doc, start: int, end: int, sent: Span, deferral: bool,
                hedge_word: bool) -> bool:
        """Is this mention of a topic word ("metric", "trade-off") empty of content?"""
        h = self.signals.hedges
        noun = doc[end - 1]
        if deferral or hedge_word:
            return True
        for c in noun.children:
            if c.dep_ in ("det", "amod", "quantmod", "predet", "nummod", "advmod") and \
                    self._lem(c) in h.vague_modifiers:
                return True
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                self._lem(noun.head.head) in h.vague_modifiers:
            return True
        # "trade-offs in all of this", "with any change": the noun is about everything
        for c in noun.children:
            if c.dep_ == "prep" and any(self._lem(x) in h.generic_scope for x in c.subtree):
                return True
        # "every option has its pros and cons": said of anything at all
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "pros and cons": the first of the pair
        head = first.head
        if first.dep_ in ("dobj", "attr") and any(
                c.dep_ in ("nsubj", "nsubjpass") and any(
                    d.dep_ == "det" and self._lem(d) in h.generic_scope for d in c.children)
                for c in head.children):
            return True
        head = noun.head
        # "there are trade-offs": an existential that names nothing
        return noun.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children) and \
            not any(c.dep_ in ("prep", "relcl", "acl") for c in noun.children)

    def _test_as_a_habit(self, sent: Span) -> bool:
        """Is a test promised as a matter of course, with nothing of its own ("And of course
        we'd A/B test it.", "we A/B test everything at this company", "we'd A/B test stuff as
        always")? A hedge or a test of everything says the team tests, not how this feature
        is checked: LABELS, "we'd iterate" does not count. A number or a comparison ("of
        course we'd A/B test it against the old page for two weeks") says how."""
        generic = set(self.signals.hedges.generic_scope) | {"stuff", "things"}
        # (what is tested, said right after the verb: the parser may take "A/B test" for a
        # noun)
        tested = any(self._lem(t) in generic and t.i > sent.start and
                     self._lem(t.doc[t.i - 1]) in ("test", "experiment") for t in sent)
        said = " " + " ".join(t.lower_ for t in sent) + " "
        habit = any(f" {h} " in said for h in self.signals.words["habit_hedges"])
        if not (habit or tested):
            return False
        # (signals.toml [words] habit_hedges, test_arms)
        return not any(t.like_num or t.lower_ in self.signals.words["test_arms"] for t in sent)

    def _counted(self, doc: Doc, start: int, end: int, sent: Span) -> bool:
        """Is something counted next to this goal-area word ("30-day retention", "engagement
        per member", "retention rate")?"""
        count = set(self.signals.lists["count_words"])
        near = list(doc[max(sent.start, start - 2):min(sent.end, end + COUNT_WINDOW)])
        near += [c for t in doc[start:end] for c in t.children]
        # "signups in the first week": what the measure is counted over
        # (not what it is had with: "better engagement with the evening sessions" counts
        # nothing)
        near += [g for c in near if c.dep_ in ("prep", "appos") and c.lower_ != "with"
                 for g in c.subtree]
        # "the goal is reactivation, more lapsed members streaming within seven days": the
        # apposition says what is counted
        return any(t.like_num or self._lem(t) in count or t.lower_ in count for t in near)

    def _speaker_does(self, tok: Token) -> bool:
        """Is the token a verb done by the speaker ("we'd watch", "watch churn daily")?"""
        if tok.pos_ != "VERB" or tok.dep_ == "amod":  # "a randomized delay": a modifier
            return False
        if tok.dep_ in ("pobj", "compound"):
            return False  # "jobs pushed with accept or decline": a button's name
        if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and tok.head.pos_ == "NOUN" and \
                self._lem(tok.head) not in self.phase_rules.headings["tradeoffs"]:
            return False  # "quotes accepted / quotes sent": what happened to things
            # (not "Downside accepted: ...", the cost the speaker takes)
        if self._bare_verdict(tok):
            return True
        subj = self._subject_of(tok)
        return subj is None or subj.lower_ in ("i", "we", "you", "team", "us")

    @staticmethod
    def _in_definition(tok: Token) -> bool:
        """Is the token inside a "where" clause that defines a noun ("a min-cost matching
        where the cost is the delivery time")?"""
        t = tok
        while t.head.i != t.i:
            # a relative "where" clause; a misheard run-on may attach it as a ccomp
            if t.dep_ in ("relcl", "ccomp", "acl") and any(
                    c.lower_ == "where" and c.i < tok.i for c in t.children):
                return True
            t = t.head
        return False

    @staticmethod
    def _state_of_a_thing(tok: Token, signals: dict[str, list[tuple[str, bool, int]]]) -> bool:
        """A participle describing a noun that is no system part ("failed payments", "declined
        cards"): the state of the member's thing, not a part of the design failing."""
        if tok.dep_ != "amod" or tok.tag_ != "VBN" or tok.head.i == tok.i:
            return False
        parts = {i for _, _, i in signals.get("sig:components", [])}
        return tok.head.i not in parts

    @staticmethod
    def _subject_of(verb: Token) -> Token | None:
        return subject_of(verb)

    @staticmethod
    def _item_verb(t: Token, sent: Span) -> bool:
        """Typed notes: "Launch to two fleets for six weeks; compare ...": an order opening an
        item, which the tagger can take for a noun (a clause head with no article or owner)."""
        # (the cheap tests first: this is asked of every word that is not a verb)
        if t.pos_ != "NOUN" or t.tag_ != "NN" or t.dep_ not in ("ROOT", "advcl"):
            return False
        first = next((x for x in sent if x.text not in BULLETS and not x.is_punct), None)
        return first is not None and t.i == first.i and \
            not any(c.dep_ in ("det", "poss", "compound", "amod") for c in t.children)

    def _in_reported_question(self, tok: Token) -> bool:
        """Inside a question reported, what someone asked or wondered ("they asked what I'd
        give up")? Only the question itself: a clause opened by a wh-word, whether or if ("a
        button that asks the ambulance service to come" asks nothing; in "they asked what
        breaks, and I said ...", what was said is the speaker's)."""
        asking = self.signals.words["asking_verbs"]
        below = tok
        for a in tok.ancestors:
            if self._lem(a) not in asking or a.pos_ != "VERB":
                below = a
                continue  # (the cheap test first: most words have no verb of asking above)
            # (reported: "asked", or someone else asking; "we'd ask owners how many days
            # they lost" is the speaker's way of counting)
            reported = a.tag_ in ("VBD", "VBN") or (
                (subj := self._subject_of(a)) is not None and subj.lower_ not in ("i", "we"))
            # ("pushed on what happens if ...": the question is the object of a preposition)
            if below.dep_ == "prep":
                below = next((c for c in below.children if c.dep_ in ("pcomp", "pobj")), below)
            if reported and below.dep_ in ("ccomp", "advcl", "xcomp", "dep", "pcomp") and (
                        below.left_edge.tag_ in ("WP", "WRB", "WDT") or
                        below.left_edge.lower_ in ("whether", "if")):
                return True
            below = a
        # the parser can lose the question's clause ("asked at the end what I'd make sure
        # doesn't get worse" made "get" the root), so it is read along the words too: a verb
        # of asking, then a wh-word or whether, then this word, with no punctuation between
        asked = False
        for t in reversed(tok.doc[max(0, tok.i - REPORTED_QUESTION_SPAN):tok.i]):
            if t.is_punct:
                return False
            asked = asked or t.tag_ in ("WP", "WRB", "WDT") or t.lower_ == "whether"
            if asked and self._lem(t) in asking and t.tag_ in ("VBD", "VBN"):
                return True
        return False

    def _said_by_nobody(self, verb: Token) -> bool:
        """Is the verb's subject "nobody"/"no one"? ("nobody has data on it" denies the
        having as "we don't have data" does.)"""
        subj = self._subject_of(verb)
        return subj is not None and subj.lower_ in ("nobody", "no one", "noone")

    @staticmethod
    def _verb_is(t: Token, single: set[str], multi: set[tuple[str, ...]]) -> bool:
        lem = (t.norm_ or t.lower_)
        return lem in single or any(
            lem == a and any(c.lower_ == b for c in t.children) for a, b in multi)

    def _person_sense(self, t: Token) -> bool:
        """Is a noun that names a person or a part (signals.toml `person_or_part`) said of
        people here: described in a relative clause, counted, likened to someone by name
        ("clients like Doris"), listed with people, or served?"""
        if self._lem(t) not in self.signals.words["person_or_part"]:
            return False
        if any(c.dep_ == "nummod" or (c.dep_ == "relcl" and any(
                x.lower_ in ("who", "whom", "whose") for x in c.subtree)) for c in t.children):
            return True  # ("the ad server, which picks the ads" is a part)
        # (the parser may hang "like" on the verb: "take a client like Doris")
        if t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "like" and \
                t.doc[t.i + 2].pos_ == "PROPN":
            return True
        listed = [c for c in t.children if c.dep_ == "conj"] + (
            [t.head] if t.dep_ == "conj" else [])
        if any(self._lem(x) in self.persons and
               self._lem(x) not in self.signals.words["person_or_part"] for x in listed):
            return True
        return t.dep_ == "dobj" and self._lem(t.head) in ("serve", "help", "visit")

    def _reason_for_a_thing(self, verb: Token) -> bool:
        """Is the verb inside a "because" or "since" clause given as the reason for a thing or
        for what an organisation wants ("the thing that texts you, since the driver can't hang
        around", "the farm wants bookings because it helps them plan")? The need there
        justifies the thing; it is not said as what a member tries to do. (Scoring already
        weighs a because-clause's cues less beside a strong main clause, `_reason_tokens`;
        this drops the member-goal hit outright when the main clause is about a thing.)"""
        x = verb
        while x.head.i != x.i:
            if x.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in REASON_MARKS
                                         for c in x.children):
                # (two subjects on one clause: the parser ran two sentences together, "...
                # because the field's full So sellers want to know ...")
                if sum(c.dep_ in ("nsubj", "nsubjpass") for c in x.children) > 1:
                    return False
                host = x.head
                if host.pos_ in ("NOUN", "PROPN"):
                    return self._lem(host) not in self.persons
                subj = self._subject_of(host)
                return subj is not None and subj.pos_ in ("NOUN", "PROPN") and \
                    self._lem(subj) not in self.persons
            x = x.head
        return False

    def _sure_to_count(self, phrase: Span) -> bool:
        """Is "make sure" said of the speaker counting ("we'd make sure we measure success and
        keep the stakeholders happy")? That promises a measure; it holds none steady."""
        if " ".join(t.lower_ for t in phrase) not in ("make sure", "makes sure"):
            return False
        verb = phrase[-1]
        return any(c.dep_ in ("ccomp", "xcomp") and
                   self._lem(c) in self.signals.words["counting_verbs"] and
                   (subj := self._subject_of(c)) is not None and subj.lower_ in ("we", "i")
                   for c in verb.children)

    def _entered_choice(self, t: Token) -> bool:
        """Is the verb a want or need someone enters as a step of the design ("an organiser
        picks a date, says how long they want the band for", "you tick which days you need
        it")? A wh-clause under a verb of telling or choosing is what they fill in, not what
        they are trying to do."""
        return t.pos_ == "VERB" and self._lem(t) in ("want", "need", "like") and \
            t.dep_ in ("ccomp", "xcomp") and self._lem(t.head) in ENTERING_VERBS and \
            any(x.tag_ in ("WRB", "WP", "WDT") and x.i >= t.i - 4 for x in t.subtree
                if x.i < t.i)

    def _an_organisations(self, t: Token) -> bool:
        """Is the noun owned by an organisation ("the agency's worry", "the farm's problem"),
        or said to be for one ("a problem for the council", "less painful for schools"), or
        said of one ("the ceremonies office is overwhelmed every July")?"""
        orgs = self.signals.words["organisations"]
        said_of = t.head if t.dep_ in ("acomp", "oprd") and t.head.pos_ in ("AUX", "VERB") \
            else t if t.pos_ == "VERB" else None
        # (the parser can hang the subject on the passive's "is")
        subjects = [] if said_of is None else [self._subject_of(v) for v in (said_of, *(
            c for c in said_of.children if c.dep_ in ("aux", "auxpass")))]
        if any(x is not None and self._lem(x) in orgs for x in subjects):
            return True
        return t.pos_ in ("NOUN", "ADJ") and (any(
            c.dep_ == "poss" and self._lem(c) in orgs for c in t.children) or any(
            c.dep_ == "prep" and c.lower_ == "for" and any(
                o.dep_ == "pobj" and self._lem(o) in orgs for o in c.children)
            for c in t.children))

    @staticmethod
    def _rating(span: Span) -> bool:
        """Is the match the verb "rate" with an object ("rate the organiser", "members rate
        each class"): giving a score, not a rate of something?"""
        return len(span) == 1 and span[0].lower_ in ("rate", "rates", "rated", "rating") and \
            span[0].pos_ == "VERB" and any(c.dep_ == "dobj" for c in span[0].children)

    def _with_a_need(self, sent: Span, be: Token, pat: Pattern) -> bool:
        """Does a sentence that says who the member is ("the member is a parent ...") also
        say what they need or what is wrong for them now? Who alone is a persona, not a goal
        (LABELS: a person's situation with no need; a list of segments). A need: another verb
        of wanting or struggling (the pattern's `animate_verbs`: "who wants shade"), a person
        unable ("who can't get to a shop"), or the present of a burden ("right now they ...",
        the status_quo pattern's words)."""
        if self._states_a_need(sent, be.i, pat):
            return True
        return self._need_follows(sent, be, pat)

    def _need_follows(self, sent: Span, be: Token, pat: Pattern) -> bool:
        """Is the need of the person a "be" sentence names said in the next sentence?"""
        # ("The member here is someone whose partner lives in another city. And right now they
        # count down over FaceTime ..."): the need said in the next sentence, about the same
        # person (a "they"/"she"/"he" or no subject at all), is theirs; heard speech often
        # cuts one sentence in two there
        doc = sent.doc
        if sent.end >= len(doc):
            return False
        nxt = doc[sent.end:doc[sent.end].sent.end]
        # (the parser's root may be anywhere in a long spoken sentence: the first subject
        # said, or a root verb with none, "And wants Netflix to take the hint")
        first = next((t for t in nxt if t.dep_ in ("nsubj", "nsubjpass")), None)
        # (or one of the people just named: "the users are the outreach caseworkers." then
        # "At night a caseworker has to call five shelters ...")
        named = {self._lem(c) for c in be.children if c.dep_ == "attr"}
        # (a run of clauses said after a person, heard as one sentence: "then the phone locks
        # or they answer a message, and when they come back the controls are gone, so they
        # have to hunt for the TV remote": the person is back as "they" in it)
        back = [t for t in nxt if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in (
            "VERB", "AUX") and t.lower_ in ("they", "she", "he")]
        return (self._subject_of(nxt.root) is None or len(back) >= 2 or
                (first is not None and (first.lower_ in ("they", "she", "he") or
                                        self._lem(first) in named))) and \
            self._states_a_need(nxt, -1, pat, frozenset(named))

    def _states_a_need(self, span: Span, skip: int, pat: Pattern,
                       named: frozenset[str] = frozenset()) -> bool:
        """A verb of wanting or struggling other than ``skip``, a person unable, or the
        present of a burden, in the span (see _with_a_need)."""
        if any(t.i != skip and t.pos_ in ("VERB", "AUX") and self._lem(t) in pat.animate_verbs
               for t in span):
            return True
        if self._wanting_state(span):
            return True
        if self._obliged_now(span, named):
            return True
        doc = span.doc
        if any((self._lem(t) in ("can", "could") and t.i + 1 < len(doc) and
                doc[t.i + 1].lower_ in ("n't", "not", "never")) or t.lower_ == "unable"
               for t in span):
            return True
        said = " " + " ".join(t.lower_ for t in span) + " "
        return any(f" {w} " in said for w in self._present_words)

    def _obliged_now(self, span: Span, named: frozenset[str]) -> bool:
        """Is someone, as things are, obliged to do something ("a caseworker has to call five
        shelters")? A burden of a role, a pronoun of people or the person just named."""
        return obliged_now(span, lambda s: is_person(s, self.persons) or
                           self._lem(s) in named or s.lower_ in ("they", "she", "he", "you"))

    def _wanting_state(self, span: Span) -> Token | None:
        """A state of wanting or of being stuck, said of someone with "be" ("he's keen to use
        the lathe for a project", "they're worried about missing the bus"): a need, as "wants"
        is (signals.toml [words] wanting_states)."""
        return next((t for t in span if self._wants_something(t)), None)

    def _wants_something(self, t: Token) -> bool:
        """Is the token a state of wanting said with "be" and with what is wanted ("keen to
        use the lathe", "worried about missing the bus", "stuck with a paper form")? A bare
        feeling ("he's nervous") has no content: it says how someone is, not what they need."""
        return t.lower_ in self.signals.words["wanting_states"] and \
            t.pos_ in ("ADJ", "VERB") and t.dep_ == "acomp" and self._lem(t.head) == "be" and \
            not self._is_negated(t.head) and any(
                (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")) or
                (c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children))
                for x in (t, t.head) for c in x.children if c.i > t.i)

    def _is_negated(self, t: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in t.children)

    def _structural(self, pat: Pattern, single: set[str], multi: set[tuple[str, ...]],
                    sent: Span, cond: set[int],
                    signals: dict[str, list[tuple[str, bool, int]]]) -> tuple[str, int] | None:
        """The newer pattern kinds (see phases.toml): (label, token index) of a hit."""
        lem = self._lem
        if pat.kind == "scene":
            return self._scene(pat, sent, cond)
        if pat.kind == "unable":
            # "people waiting ... can't step out", "she can't tell which slot is free", "not
            # knowing when they'll be called": a person unable to do something is their pain,
            # except as the cost of a trade-off ("owners can't show the limp live, accepted")
            low = sent.text.lower()
            if signals.get("concrete:tradeoffs") or "trade" in low or any(
                    lem(t) in ("accept", "tolerate") for t in sent) or any(
                    a in low for a in ACCEPTANCE):
                return None
            for t in sent:
                if t.pos_ not in ("VERB", "AUX") or t.i in cond:
                    continue
                modal = any(c.dep_ == "aux" and lem(c) in ("can", "could") for c in t.children)
                # ("not knowing when they'll be called", "never knows if anyone read it"):
                # a person left not knowing is unable to find out
                unknowing = lem(t) == "know" and self._is_negated(t)
                if not ((modal and self._is_negated(t)) or unknowing):
                    continue
                # ("you can't really launch half a graduation": what cannot be built or
                # launched is the team's problem, not a member's)
                if lem(t) in self.signals.words["build_verbs"] or \
                        lem(t) in self.signals.words["launch_verbs"]:
                    continue
                subj = self._subject_of(t)
                if subj is None:
                    # a notes fragment ("-> can't step out") is about the person named before
                    who = any(lem(x) in self.persons for x in sent if x.i < t.i)
                else:
                    who = (lem(subj) in self.persons or subj.lower_ in pat.subjects) and \
                        not self._staff(subj) and not (
                            subj.lower_ in ("they", "them") and self._antecedent_is_org(subj))
                    # ("it's a co-op, you can't leave members out": the one who may not act
                    # on the members is the business, not a member in trouble)
                    if subj.lower_ == "you" and any(
                            c.dep_ == "dobj" and lem(c) in self.persons for c in t.children):
                        who = False
                if who:
                    return f"{subj.text + ' ' if subj is not None else ''}{t.text}", t.i
            return None
        if pat.kind == "status_quo":
            # "right now she has to ring the switchboard to find out ...": what a person is
            # obliged to do as things are is their burden (the present said, so that "members
            # have to confirm the slot" describing the design is not)
            said = " " + " ".join(t.lower_ for t in sent if t.i not in cond) + " "
            if not any(f" {w} " in said for w in pat.objects):
                return None
            for t in sent:
                if t.i in cond or self._lem(t) not in pat.verbs or self._is_negated(t):
                    continue
                # ("have to ring", "need to find", "must call", "'ve got to queue")
                obliged = self._lem(t) == "must" or any(
                    c.dep_ == "xcomp" and any(x.lower_ == "to" and x.dep_ == "aux"
                                              for x in c.children) for c in t.children)
                verb = t.head if self._lem(t) == "must" else t
                subj = self._subject_of(verb)
                if obliged and subj is not None and (
                        lem(subj) in self.persons or subj.lower_ in pat.subjects) and \
                        not _in_quotes(subj):
                    return f"{subj.text} {t.text} to", t.i
            return None
        if pat.kind == "signals_together":
            # (each said, not denied: "there's no later for a tree farm")
            found = [[h for h in signals.get(f"sig:{n}", []) if not h[1]] for n in pat.signals]
            if all(found):
                return "+".join(pat.signals), min(h[2] for f in found if f for h in f)
            return None
        if pat.kind == "copula":
            # "the goal is <a measure>": the goal word names a number, not a member's want
            concrete = {t for _, _, t in signals.get(f"concrete:{pat.phase}", [])}
            for t in sent:
                if lem(t) not in pat.subjects or t.dep_ != "nsubj" or lem(t.head) != "be":
                    continue
                for comp in t.head.children:
                    if comp.dep_ in ("attr", "acomp") and comp.i > t.i:
                        first = sorted(x.i for x in comp.subtree)[:6]
                        if any(i in concrete for i in first):
                            return f"{t.text} {t.head.text}", t.i
            return None
        if pat.kind == "restricted_slice":
            return self._restricted_slice(pat, single, sent, cond)
        if pat.kind == "held_measure":
            return self._held_measure(pat, single, multi, sent, cond)
        if pat.kind == "rate":
            # "inquiries per signed lease", "bookings per member each week": a count over a
            # unit is a measure, whatever is counted
            for t in sent:
                # ("houses cleaned per working day": a participle between the counted noun
                # and the unit)
                # (the tagger takes the participle for a past tense in typed notes:
                # "samples submitted per site" with "submitted" as VBD)
                counted = t.head.pos_ in ("NOUN", "PROPN") or (
                    t.head.dep_ == "acl" and t.head.tag_ in ("VBN", "VBD") and
                    t.head.head.pos_ in ("NOUN", "PROPN"))
                # ("count completed swaps per week": the unit on the verb of counting)
                obj = next((c for c in t.head.children if c.dep_ == "dobj" and
                            c.pos_ in ("NOUN", "PROPN")), None) \
                    if lem(t.head) in self.signals.words["counting_verbs"] else None
                if t.lower_ in pat.preps and t.i not in cond and (counted or obj) \
                        and any(c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
                                for c in t.children):
                    noun = obj if obj is not None else t.head
                    thing = noun.head if noun.dep_ == "acl" else noun
                    # ("one calendar per court", "a locker per flat": one thing for each is
                    # how things are handed out, not a count that moves)
                    if any(c.lower_ in ("one", "a", "an") and c.dep_ in ("det", "nummod")
                           for c in thing.children):
                        continue
                    return f"{noun.text} {t.text}", noun.i
            # ("crew days lost to permits each week", "orders missed every day"): things
            # that something happened to, counted over each period, are a rate too
            # ("- Trips leaving the beach more than 15 min late, per week": what the things
            # did, and "per" a period, as well)
            for t in sent:
                each = t.lower_ in ("each", "every") and t.dep_ == "det" and \
                    lem(t.head) in PERIOD_UNITS
                per = t.lower_ == "per" and any(c.dep_ == "pobj" and lem(c) in PERIOD_UNITS
                                                for c in t.children)
                if (each or per) and t.i not in cond:
                    done = next((x for x in sent if x.i < t.i and x.dep_ == "acl" and
                                 x.tag_ in ("VBN", "VBD", "VBG") and
                                 x.head.tag_ in ("NNS", "NNPS") and
                                 x.head.i + 1 == x.i), None)
                    if done is not None:
                        return f"{done.head.text} {done.text}", done.head.i
            # "weeks from signed contract to panels on the roof", "days from report to
            # repair": the time between two events is a measure, as "time to X" is
            for t in sent:
                # ("from" right after the unit, wherever the parser hung it)
                # (a unit capitalised at a line's start is tagged a name: "- Minutes from ...")
                if (lem(t) in ELAPSED_UNITS or t.lower_[:-1] in ELAPSED_UNITS) and \
                        t.pos_ in ("NOUN", "PROPN") and t.i not in cond and (
                        any(c.dep_ == "prep" and c.lower_ == "from" for c in t.children) or (
                            t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "from")) and any(
                        # (or the parser's infinitive "to": "days from offer accepted to
                        # survey done")
                        x.lower_ in ("to", "until", "till") and x.dep_ in ("prep", "mark",
                                                                          "aux")
                        for x in sent if x.i > t.i + 2):
                    return f"{t.text} from", t.i
            return None
        if pat.kind == "time_budget":
            # "the hint has to show up within a couple of seconds": a unit of time
            # (`objects`) with a quantity, in a sentence that says it must be so
            # (`subjects`: modals of necessity and bounds such as "within", "under")
            # ("have" only as "have to": "they've paid" requires nothing)
            must = any((lem(t) in pat.subjects or t.lower_ in pat.subjects) and (
                lem(t) != "have" or (t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to"))
                for t in sent if t.i not in cond)
            # ("at most": a bound of two words, in order, outside any condition)
            said = " " + " ".join(t.lower_ for t in sent if t.i not in cond) + " "
            must = must or any(" " in w and f" {w} " in said for w in pat.subjects)
            for t in sent:
                if t.i in cond or not must or lem(t) not in pat.objects:
                    continue
                near = [x for x in sent.doc[max(sent.start, t.i - 4):t.i]]
                # ("a minute behind": one, said with an article, as a noun, not "a second
                # screen")
                if any(x.like_num or x.lower_ in ("few", "couple", "second", "split")
                       for x in near) or t.lower_ in ("ms",) or (
                        t.pos_ == "NOUN" and near and near[-1].lower_ in ("a", "an")):
                    return t.text, t.i
            return None
        if pat.kind == "lacking":
            # "we have no labels", "there's no data on it", "ratings are sparse", "we don't
            # know which timing works": what the design must learn without (`objects`: data
            # nouns; `children`: words of absence; `verbs`: knowing, said not to be known)
            # ("she'd put it, I still don't know if Dad's booked": a quoted member's "I" is
            # not the team)
            quoted = self._persona_from(sent)
            # ("the gardener's phone has no signal": a link down, read as reliability above)
            links = {i for _, _, i in signals.get("kind:reliability", [])}
            for t in sent:
                if t.i in cond or (quoted is not None and t.i >= quoted) or t.i in links:
                    continue
                # predicated of the design's situation ("we have no labels"), not a
                # description inside a phrase ("songs with no listening history")
                # ("we start with no idea what demand looks like": the object of a verb's
                # preposition is still the situation, unless the verb has an object the
                # phrase may describe: "recommend songs with no listening history")
                situation = t.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "ROOT") or (
                    t.dep_ == "pobj" and t.head.head.pos_ in ("VERB", "AUX") and
                    not any(c.dep_ == "dobj" for c in t.head.head.children))
                # ("they have no idea whether they're tenth in line" is the member's pain:
                # a lack of knowing, not of data, is the team's only when it is theirs)
                if lem(t) == "idea" and situation:
                    # (its own subject: one borrowed over "and" may be a misparse)
                    verb = t.head if t.dep_ != "pobj" else t.head.head
                    situation = any(c.dep_ == "nsubj" and c.lower_ in ("we", "i", "nobody")
                                    for c in verb.children)
                # ("very little labelled data": the word of absence on the data's modifier)
                near = list(t.children) + [g for m in t.children if m.dep_ == "amod"
                                           for g in m.children if g.dep_ == "advmod"]
                if (lem(t) in pat.objects or t.lower_ in pat.objects) and situation and (
                        any(lem(c) in pat.children or c.lower_ in pat.children
                            for c in near) or
                        (t.dep_ in ("dobj", "attr") and (self._is_negated(t.head) or
                                                          self._said_by_nobody(t.head))) or
                        any(lem(c) in pat.children for c in t.head.children
                            if c.dep_ == "acomp" and t.dep_ == "nsubj")):
                    return t.text, t.i
                if situation and self._nothing_to_go_on(t):
                    return t.text, t.i
                # ("I don't know, cozy shows": a filler knows of nothing in particular)
                # ("nobody has ever counted who swims when": nobody knowing is not knowing)
                subj = self._subject_of(t)
                nobody = self._said_by_nobody(t)
                # ("we know nothing yet about when people read these": knowing nothing)
                nothing = any(c.dep_ == "dobj" and c.lower_ in ("nothing", "little")
                              for c in t.children)
                # ("we won't be able to tell whether ...": unable, said of "able")
                unable = t.dep_ == "xcomp" and t.head.lower_ in ("able", "unable") and (
                    t.head.lower_ == "unable" or self._is_negated(t.head.head))
                # ("tell" knows only as telling apart, "we can't tell whether it helped";
                # "nobody told her in time" is someone not informed)
                if lem(t) == "tell":
                    cannot = self._is_negated(t) and any(
                        c.dep_ == "aux" and lem(c) in ("can", "could") for c in t.children)
                    if not (unable or cannot) or any(c.dep_ in ("dative", "dobj")
                                                     for c in t.children):
                        continue
                # (closed by a comma: "that's, I don't know, tens of thousands of pounds",
                # whatever the parser hangs on it after the comma)
                if lem(t) == "know" and self._filler_know(t):
                    continue
                if self._verb_is(t, single, multi) and (
                        self._is_negated(t) or unable or nobody or any(
                            c.lower_ in pat.children for c in t.children
                            if c.dep_ == "advmod") or nothing) and any(
                        c.dep_ in ("ccomp", "dobj", "xcomp") or (
                            # ("we don't really record when a search comes up empty": what
                            # is not known, parsed as a clause of time)
                            c.dep_ == "advcl" and c.left_edge.tag_ in ("WRB", "WP", "WDT"))
                        for c in t.children):
                    # ("so 'I don't know what it is' is a fair answer": words in quotation
                    # marks are someone's, quoted)
                    if unable:
                        subj = self._subject_of(t.head.head)
                    if subj is not None and subj.lower_ in ("we", "i", "nobody", "no one") \
                            and not _in_quotes(subj):
                        return f"{subj.text} {t.text}", t.i
            return None
        for t in sent:
            if not (t.pos_ in ("VERB", "AUX") or self._item_verb(t, sent)) or t.i in cond or \
                    not self._verb_is(t, single, multi):
                continue
            if pat.kind == "verb_prep":
                # "begin with <a qualified group>", "narrow it to <a segment>"; "the member
                # I'd focus on is ..." says who the member is, it narrows nothing
                if t.dep_ == "relcl" and lem(t.head) in self.persons:
                    continue
                # ("wines she'll open on a normal weeknight": what a person does narrows
                # nothing; the speaker or the first version starts, launches, narrows)
                subj = self._subject_of(t)
                if subj is not None and (lem(subj) in self.persons or
                                         subj.lower_ in PRONOUNS_OF_PEOPLE | {"they"}):
                    continue
                # (or hung by the parser on the object of another of its prepositions: "run
                # it with five restaurants for four weeks")
                hung = [p for q in t.children if q.dep_ == "prep" for o in q.children
                        if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep" and
                        any(lem(x) in pat.objects for x in p.children if x.dep_ == "pobj")]
                for prep in [*t.children, *hung]:
                    if prep.dep_ != "prep" or prep.lower_ not in pat.preps:
                        continue
                    objs = [c for c in prep.children if c.dep_ == "pobj"]
                    if not objs:
                        # "start with, like, the top five languages": a filler after the
                        # preposition leaves its object parsed as the verb's own object
                        objs = [c for c in t.children if c.dep_ == "dobj" and c.i > prep.i]
                    objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
                    # "to guests searching on the app": the group is the gerund's subject,
                    # and the gerund is its restriction
                    gerund = [g for c in prep.children if c.dep_ == "pcomp"
                              for g in c.children if g.dep_ in ("nsubj", "dobj")]
                    parts = {i for _, _, i in signals.get("sig:components", [])}
                    for o in objs + gerund:
                        if self._everywhere(o):
                            continue  # "launch in all the cities we cover": everywhere
                        if o.lower_ == "terms" and any(c.lower_ == "of" for c in o.children):
                            continue  # "in terms of where it goes first": a way of speaking
                        # a listed kind of slice, a person, or (qualified below) any group
                        # that is no part of the system nor a placeholder ("start with the
                        # outpatient clinics at the main hospital"; not "start with a rule")
                        # ("start with an on-device speech to text model": "X to Y model"
                        # is one compound noun, its last word the thing named)
                        o = _to_compound_head(o) or o
                        named = lem(o) in pat.objects or o.lower_ in pat.objects or \
                            lem(o) in self.persons
                        if not named and (not pat.qualified or o.pos_ not in ("NOUN", "PROPN")
                                          or o.i in parts or
                                          lem(o) in self.signals.words["placeholders"] or
                                          lem(o) in self.signals.words["approaches"]):
                            continue
                        # a gerund right after the group, whatever it was attached to by the
                        # parser ("to parents browsing ..."), restricts it too
                        nxt = o.doc[o.i + 1] if o.i + 1 < len(o.doc) else None
                        follows = nxt is not None and nxt.tag_ == "VBG"
                        # ("the person I had in mind": who the speaker pictures is one
                        # member, not a slice)
                        # ("start with a real person": a word that only singles out)
                        if pat.qualified and o not in gerund and not follows and not any(
                                c.dep_ in ("amod", "compound", "relcl", "acl", "prep", "nmod")
                                and lem(c) not in self.signals.words["bare_qualifiers"]
                                and not (c.dep_ == "relcl" and any(
                                    x.dep_ == "nsubj" and x.lower_ in ("i", "we")
                                    for x in c.children))
                                for c in o.children):
                            continue
                        return f"{t.text} {prep.text} {o.text}", t.i
            elif pat.kind == "refusal":
                # "I won't give up X", "we don't want <something to get worse>"
                subj = self._subject_of(t)
                if subj is None or subj.lower_ not in pat.subjects or not self._is_negated(t):
                    continue
                if pat.comparative and not any(
                        x.tag_ in ("JJR", "RBR") or x.lower_ in ("worse", "less", "fewer")
                        for x in t.subtree if x.i != t.i):
                    continue
                # "we're not touching how teachers do their assessments yet": left for
                # later, a scope, not a measure held
                if any(x.lower_ == "yet" for x in t.subtree):
                    continue
                return f"{subj.text} {t.text}", t.i
            elif pat.kind == "person_meets":
                # "today a traveler opens the episode and gets an error": a person running
                # into a failure, with no "if/when" around it, is the member's pain as it is
                # now; a failure mode is a condition ("if the license expired, ...")
                if cond:
                    return None
                subj = self._subject_of(t)
                if subj is None or lem(subj) not in pat.subjects:
                    continue
                objs = [c for c in t.children if c.dep_ in ("dobj", "attr", "oprd")]
                objs += [g for c in t.children if c.dep_ in ("prep", "prt")
                         for g in c.children if g.dep_ == "pobj"]
                objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
                if any(lem(o) in pat.objects for o in objs):
                    return f"{subj.text} {t.text}", t.i
            elif pat.kind == "verb_child":
                if self._is_negated(t):
                    continue  # "I wouldn't launch everywhere at once"
                # "all of it launches together": a totality as subject or modifier
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and any(lem(x) in pat.subjects for x in subj.subtree):
                    return f"{subj.text} {t.text}", t.i
                near = list(t.children) + [g for c in t.children if c.dep_ == "prep"
                                           for g in c.children]
                if any(lem(c) in pat.children for c in near):
                    return t.text, t.i
        return None

    def _clause_subject(self, tok: Token) -> Token | None:
        """The subject of the clause around the token (its nearest verb's)."""
        v = tok
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        return self._subject_of(v)

    def _said_by_speaker(self, tok: Token) -> bool:
        """Is the clause around the token the speaker's own ("I'm fine with it")?"""
        subj = self._clause_subject(tok)
        return subj is not None and subj.lower_ in ("i", "we")

    @staticmethod
    def _bare_verdict(tok: Token) -> bool:
        """Is the verb a bare participle after a break, with no subject or auxiliary of its
        own ("... so arrangers do double entry; accepted, because ...")? It is the speaker's
        verdict on what comes before it, not something the people before it do."""
        return tok.tag_ == "VBN" and tok.dep_ in ("conj", "ROOT") and tok.i > 0 and \
            tok.doc[tok.i - 1].text in (";", ",", ":", "-", "--", "\u2014") and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)

    @staticmethod
    def _filler_know(tok: Token) -> bool:
        """Is "know" the filler "I don't know" / "you know", said between commas with nothing
        known or not known ("that's, I don't know, tens of thousands of pounds")?"""
        subj = subject_of(tok)
        if subj is None or subj.lower_ not in ("i", "you"):
            return False
        # (closed by a comma or the end: whatever the parser hangs on it after the comma is
        # no object of knowing)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is None or nxt.text in (",", ".", "?", "!", ";") or not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl", "attr") or
            c.lower_ in ("if", "whether", "what", "how", "which", "when", "who")
            for c in tok.children)

    def _said_by_other(self, tok: Token) -> bool:
        """Is the clause around the token someone else's ("the member is fine with ads")?"""
        if self._bare_verdict(tok):
            return False
        subj = self._clause_subject(tok)
        return subj is not None and subj.pos_ in ("NOUN", "PROPN")

    @staticmethod
    def _more_of(phrase: Span) -> bool:
        """Is the practice asked for in general ("more split testing", "more A/B tests than
        it gets") rather than done on this feature?"""
        head = phrase[-1]
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
            head = head.head
        return any(c.lower_ in ("more", "less") for c in head.children
                   if c.dep_ in ("amod", "advmod", "det"))

    def _persona_from(self, span: Span) -> int | None:
        """Token index where a quoted persona starts speaking in the first person: after a
        speech verb whose subject is someone else ("she said, I ...", "my friend told me,
        I ..."), or after an opening quote mark ('In her words: "I can only ...'). None: no
        quoted first person."""
        for t in span:
            # (typed quote marks are someone else's words: a review, a customer, a persona)
            if t.text in OPENING_QUOTES and t.i + 1 < span.end and \
                    t.doc[t.i + 1].lower_ in ("i", "my", "i'm") and \
                    (t.i == span.start or t.doc[t.i - 1].text in (":", ",") or
                     self._lem(t.doc[t.i - 1]) in SPEECH_VERBS):
                return t.i + 1
            # ("Ray's like I just want to know the van's coming", "she was like, I ..."): the
            # quotative "be like" quotes as a speech verb does
            if t.lower_ == "like" and t.i > span.start and (
                    self._lem(t.doc[t.i - 1]) == "be" or t.doc[t.i - 1].lower_ in ("'s", "s")):
                before = [x for x in span.doc[span.start:t.i - 1] if not x.is_punct]
                after = [x for x in span.doc[t.i + 1:span.end] if not x.is_punct]
                if before and before[-1].lower_ not in ("i", "we", "you", "it", "that") and \
                        after and after[0].lower_ in ("i", "my", "i'm"):
                    return t.i + 1
            if self._lem(t) not in SPEECH_VERBS or t.pos_ != "VERB":
                continue
            subj = self._subject_of(t)
            if subj is None or subj.lower_ in ("i", "we", "you", "nobody", "no"):
                continue  # ("nobody's told us": nobody speaks)
            # ("the interviewer said I never told her ...": the interviewer is no persona;
            # "have the rules engine say I can't tell": nor is a thing, a noun named by
            # another noun that names no person)
            if self._lem(subj) in ("interviewer", "panel", "panelist") or (
                    self._names_thing(subj) and
                    any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in subj.children)):
                continue
            # "sensors can't tell a load from an empty drum": nobody is quoted by a verb that
            # is negated or means telling apart
            if self._is_negated(t) or any(c.dep_ == "prep" and c.lower_ == "from"
                                          for x in t.subtree for c in x.children):
                continue
            # the quote opens on the first person, right after the verb ("she said, I just
            # want ...", "he'd tell me like, I never know"); an "I" further on is the speaker
            # again ("places will just say nobody's told us yet ... and I'm fine with that")
            after = [x for x in span.doc[t.i + 1:span.end]
                     if not x.is_punct and x.lower_ not in self.signals.words["quote_lead"]]
            if after and after[0].lower_ in ("i", "my", "i'm") and \
                    not self._joined_to(after[0].head, t):
                return t.i + 1
        return None

    @staticmethod
    def _joined_to(verb: Token, to: Token) -> bool:
        """Is ``verb`` a clause coordinated with ``to`` or a clause above it ("places will say
        nobody's told us yet ... and I'm fine with that")?"""
        above = {to.i, *(a.i for a in to.ancestors)}
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            if verb.i in above:
                return True
        return False

    def _persona_wants(self, span: Span, start: int) -> Token | None:
        """The persona's own want or trouble ("I just want to know", "I don't know if I
        should call", "I can't read it")."""
        for t in span.doc[start:span.end]:
            subj = self._subject_of(t) if t.pos_ in ("VERB", "AUX") else None
            if subj is None or subj.lower_ != "i":
                continue
            if self._lem(t) in ("want", "need", "wish", "hate", "worry", "struggle") or (
                    self._lem(t) in ("know", "find", "tell", "understand", "read", "get") and (
                        self._is_negated(t) or any(c.lower_ in ("ca", "can", "could")
                                                   for c in t.children))):
                return t
            # ("I can only see a dentist before noon", "I only open it when ...": what the
            # persona is limited to is their trouble)
            if any(c.dep_ == "advmod" and c.lower_ == "only" for c in t.children):
                return t
        return None

    def _thing_does(self, verb: Token) -> bool:
        """Is the verb's own subject a thing rather than a person ("items end up in one
        office", not "renters end up paying twice")? Nouns for people who do something
        ("commuter", "student", "cyclist") are people even when no list names them."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or self._lem(subj) in SHARES_OF_PEOPLE:
            return False  # "~40% give up at the pairing screen": a share of the people
        return self._names_thing(subj)

    def _names_thing(self, tok: Token) -> bool:
        """Is the noun a thing, not a person? Nouns for people who do something ("commuter",
        "student", "cyclist") are people even when no list names them."""
        lemma = self._lem(tok)
        return tok.pos_ == "NOUN" and lemma not in self.persons and \
            not lemma.endswith(AGENT_ENDINGS)

    def _picks_product(self, span: Span) -> str | None:
        """Does the sentence choose which product to talk about ("I'll focus on the dog walking
        app rather than the pet food shop", "Netflix rather than YouTube")? Two products (a
        [words] products noun or a name) set against each other, neither named by a slice
        (restricted_slice objects: "the TV app rather than the mobile app" is a platform
        picked, a scope)."""
        products = self.signals.words["products"]
        slices = self._slice_objects

        def product(t: Token) -> bool:
            # (the pipeline runs without NER, so a name is any proper noun; a place is told
            # apart below only by being set against a noun)
            # ("the Sunday long run only, not the Tuesday track session": a name that only
            # modifies a noun says which run, no product)
            if t.pos_ == "PROPN":
                return t.dep_ not in ("compound", "amod", "nmod", "poss")
            return t.pos_ == "NOUN" and self._lem(t) in products and not any(
                self._lem(c) in slices for c in t.children if c.dep_ in ("compound", "amod"))

        for t in span:
            if not product(t):
                continue
            # the other side: "rather than X", "instead of X", "over X", "not X", "vs X"
            for x in span:
                # (a name against a name, a noun against a noun: "one city, say Bristol, not
                # the shops" sets a place against a kind of place)
                if x.i <= t.i + 1 or not product(x) or (x.pos_ == "PROPN") != (t.pos_ == "PROPN"):
                    continue
                # (the contrast between the two: "a link, not an app from the store" sets
                # the link against the app, not the app against the store)
                before = " ".join(y.lower_ for y in span.doc[max(span.start, t.i + 1, x.i - 6):x.i])
                if re.search(r"\b(rather than|instead of|over|not|vs\.?|versus)\b"
                             r"(?: \w+){0,4}$", before):
                    return f"{t.text} over {x.text}"
        return None

    def _imperative(self, t: Token) -> bool:
        """Is the word's verb an order to the listener ("Don't waste time on small talk",
        "jump straight in")? A bare verb with no subject that opens its sentence."""
        v = t if t.pos_ in ("VERB", "AUX") else t.head
        if v.pos_ not in ("VERB", "AUX") or v.tag_ != "VB" or v.dep_ not in ("ROOT", "conj"):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
            return False
        before = [x for x in v.doc[v.sent.start:v.i] if not x.is_punct and
                  x.lower_ not in FILLER_OPENERS and x.dep_ not in ("aux", "neg")]
        return not before

    def _dismissed(self, t: Token) -> bool:
        """Is the word the subject of a dismissal ("Scale's fine, honestly", "latency isn't
        a problem here", "reliability is no concern")?"""
        doc = t.doc
        # (the parser reads "Scale's fine" as a possessive: the words in order say it)
        if t.i + 2 < len(doc) and doc[t.i + 1].lower_ in ("'s", "is", "was", "’s") and \
                doc[t.i + 2].lower_ in DISMISSALS:
            return True
        if t.dep_ not in ("nsubj", "nsubjpass") or self._lem(t.head) != "be":
            return False
        for c in t.head.children:
            if c.dep_ == "acomp" and c.lower_ in DISMISSALS:
                return not self._is_negated(t.head)
            if c.dep_ == "attr" and self._lem(c) in ("problem", "issue", "concern", "worry"):
                return self._is_negated(t.head) or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        return False

    def _cost_denied(self, t: Token) -> bool:
        """Is the cost word said not to exist ("I honestly couldn't see a downside", "there's
        no real cost", "without any downside")? "The downside is we can't ..." names one."""
        if t.pos_ != "NOUN":
            return False
        if any(c.dep_ == "det" and c.lower_ in ("no", "zero") for c in t.children):
            return True
        head = t.head
        return t.dep_ in ("dobj", "attr", "pobj") and (
            self._is_negated(head) or head.lower_ == "without" or (
                head.dep_ == "prep" and self._is_negated(head.head)))

    def _scene(self, pat: Pattern, sent: Span, cond: set[int]) -> tuple[str, int] | None:
        """A scene of the member's day as it is (phases.toml, kind "scene"): (label, verb)."""
        lem = self._lem
        # (the speaker doing anything is the design; "the scene I picture is ..." frames it)
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("we", "i") and
               t.head.dep_ not in ("relcl", "acl") for t in sent) or \
                any(t.tag_ == "MD" and lem(t) in ("would", "will", "shall", "should", "might")
                    for t in sent):
            return None
        # ("our installers keep driving out to empty houses", "our client loses money"): the
        # business's own people's trouble is the company's
        if any(self._staff(t) for t in sent if t.pos_ in ("NOUN", "PROPN")):
            return None
        if cond:
            return None  # (a branch of the design: "if he runs over, he taps running late")
        words = [t for t in sent if not t.is_punct]
        trouble = {t.i for t in words if lem(t) in pat.objects}
        for o in (o for o in pat.objects if " " in o):
            n = len(o.split())
            trouble |= {words[k].i for k in range(len(words) - n + 1)
                        if " ".join(lem(x) for x in words[k:k + n]) == o}
        if not trouble:
            return None
        words_said = self.signals.words["telling_verbs"] | self.signals.words["asking_verbs"]
        for t in words:
            # (what someone says or asks, what they can do in a purpose clause, or what
            # happens before or after something is told around the scene, not in it)
            if t.pos_ not in ("VERB", "AUX") or lem(t) in words_said or any(
                    c.tag_ == "MD" or (c.dep_ == "mark" and c.lower_ in SCENE_FRAMES)
                    for c in t.children):
                continue
            subj = self._who_person(t, self._subject_of(t))
            # (the trouble is theirs: in what they do, "they miss the tide", "finds a sign
            # saying sold out", not elsewhere in the sentence; "you", "nobody", the team and
            # a turn label are the listener, no one, the company and a name)
            if subj is not None and any(x.i in trouble for x in t.subtree) and \
                    subj.dep_ != "compound" and \
                    subj.lower_ not in ("you", "nobody", "i", "we") and lem(subj) != "team" and \
                    subj.lower_ not in turn_roles() and \
                    (lem(subj) in pat.subjects or lem(subj) in self.persons):
                return f"{subj.text} {t.text}", t.i
        return None

    def _who_person(self, verb: Token, subj: Token | None) -> Token | None:
        """"a mum with two kids in the car, who drives to the pool": "who" is said of a
        person, so where the parser hung its clause on a thing ("car"), the person named
        last before it is the subject."""
        if subj is None or subj.i == 0 or self._lem(subj) in self.persons:
            return subj
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "relcl" or not any(c.lower_ == "who" for c in clause.children):
            return subj
        return next((x for x in reversed(list(verb.doc[verb.sent.start:subj.i]))
                     if x.pos_ == "NOUN" and self._lem(x) in self.persons), subj)

    def _watches_people(self, doc: Doc, end: int) -> bool:
        """Is what is watched what people say or how they get on ("look at what people are
        saying", "watch how members use it")? Listening to them, with no number counted."""
        if end >= len(doc) or doc[end].lower_ not in ("what", "how"):
            return False
        verb = doc[end].head
        subj = self._subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        return subj is not None and self._lem(subj) in self.persons

    def _idle_out(self, t: Token) -> bool:
        """Is "out" no state of running out ("when I practised it out loud", "we'd roll it
        out", "figure out")? It fails only as the state of a part or a supply: "the power is
        out", "the tablets go out", "stock runs out", "the call times out"."""
        if t.lower_ != "out":
            return False
        # ("when the van is twenty minutes out": a distance, counted in a unit)
        before = t.doc[max(0, t.i - 3):t.i]
        if any(self._lem(x) in self.signals.words["units"] or self._lem(x) in (
                "mile", "km", "stop", "block") for x in before) and any(
                x.like_num or x.pos_ == "NUM" for x in before):
            return True
        # ("if the list runs out, the manager gets a flag", "if the twenty-four hours run out":
        # a list gone through or a time up ends a step of the design, no part fails)
        # ("if it's out of warranty", "out of hours": a thing's standing, no part failing;
        # "out of battery", "out of sync", "out of order" are a part failing)
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.lower_ == "of":
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            return obj is None or self._lem(obj) not in OUT_OF_FAILS
        subj = self._subject_of(t.head)
        if self._lem(t.head) == "run" and subj is not None and (
                self._lem(subj) in ("list", "time") or
                self._lem(subj) in self.signals.words["units"]):
            return True
        return t.head.lemma_.lower() not in self.signals.words["fail_particle_verbs"]

    @staticmethod
    def _idle_up(t: Token) -> bool:
        """Is "up"/"down" no measure moving ("if you want it up", "when the van turns up",
        "if they put it down")? A measure goes, ticks, creeps or is up; a thing is put up."""
        return t.lower_ in ("up", "down") and t.dep_ == "prt" and t.head.lemma_.lower() in (
            "want", "put", "turn", "set", "show", "pick", "sign", "end", "look", "call", "fill",
            "tidy", "clean", "write", "note", "sit", "lie", "take", "bring")

    def _late_role(self, subj: Token, words: list[Token],
                   signals: dict[str, list[tuple[str, bool, int]]]) -> bool:
        """Is the subject a person running late ("if the walker is running late", "when the
        sitter is behind")? Lateness is said of people and of parts alike, so a noun for
        someone who does something (AGENT_ENDINGS: walker, groomer, courier) is a person here
        unless the answer names it as a system part ("if the scheduler runs late")."""
        if not any(self._lem(x) in self.signals.words["lateness"] for x in words):
            return False
        if subj.pos_ != "NOUN" or subj.i in {i for _, _, i in signals.get("sig:components", [])}:
            return False
        lemma = self._lem(subj)
        return (len(lemma) >= 5 and lemma.endswith(AGENT_ENDINGS)) or \
            is_person(subj, self.persons)

    def _speakers_own(self, phrase: Span) -> bool:
        """Is the phrase's verb done by the speaker ("we don't know which", "I'd end up")?"""
        verbs = [t for t in phrase if t.pos_ in ("VERB", "AUX")]
        if not verbs or verbs[0].dep_ == "relcl":
            return False  # "the person I'm designing for": it names the member
        if any(t.lower_ in ("for", "mind") for t in phrase):
            return False  # "I'd design for the person who ...": the speaker names the member
        # the verb's own subject (or its coordinated head's), not one found further up the
        # parse: "I'd design for the person who took a day off, has no idea ..." is theirs
        v = verbs[0]
        holder = v.head if v.dep_ == "conj" else v
        subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lower_ in ("i", "we")

    def _counted_people(self, verb: Token) -> bool:
        """"how many people watched", "compare how many end up on a team": people counted
        are a measure's definition, not what they try to do."""
        subj = self._subject_of(verb)
        if subj is not None and any(c.lower_ in ("many", "much", "few") for c in subj.children):
            return True
        # (the parser hangs a bare "how many" on the verb)
        return any(c.lower_ in ("many", "much") and any(h.lower_ == "how" for h in c.children)
                   for c in verb.children)

    def _launch_wanted(self, verb: Token) -> Token | None:
        """The launch a want is for ("the owner doesn't want to launch twice and confuse
        people"): whoever is said to want it, putting the product out is the team's aim, and
        what it would do to people is no pain they have (signals.toml [words] launch_verbs)."""
        return next((c for c in verb.children if c.dep_ == "xcomp" and
                     self._lem(c) in self.signals.words["launch_verbs"]), None)

    def _staff(self, t: Token) -> bool:
        """Is the noun the speaker's own people ("our installers", "our repair crews"), not
        those the business serves ("our customers", signals.toml [words] audience)? Their
        pain told as the customer's is the company's (LABELS)."""
        return any(c.dep_ == "poss" and c.lower_ == "our" for c in t.children) and \
            self._lem(t) not in self.signals.words["audience"]

    def _staffs_problem(self, t: Token) -> bool:
        """"The problem customers have is that our repair crews keep driving out to fixed
        leaks": a problem said to be what the speaker's own people do is the company's."""
        if t.dep_ != "nsubj" or t.head.lemma_.lower() != "be":
            return False
        said = [c for c in t.head.children if c.dep_ in ("ccomp", "attr") and c.i > t.i]
        return any(self._staff(x) for c in said for x in c.children
                   if x.dep_ in ("nsubj", "nsubjpass"))

    def _antecedent_is_org(self, pron: Token) -> bool:
        """Does "they" point back to an organisation ("the newsroom's goal is subscriptions,
        they want ...")? The nearest earlier noun in the sentence that is a person or an
        organisation (signals.toml [words] organisations, or a name the parser tags as one)
        decides; none: a person."""
        for t in reversed(list(pron.sent[:pron.i - pron.sent.start])):
            if t.pos_ not in ("NOUN", "PROPN"):
                continue
            if self._staff(t):
                return True  # "our crews keep driving out ..., and they lose half a shift"
            if self._lem(t) in self.persons:
                return False
            if self._lem(t) in self.signals.words["organisations"] or t.ent_type_ == "ORG":
                return True
        return False

    def _held_measure(self, pat: Pattern, single: set[str], multi: set[tuple[str, ...]],
                      sent: Span, cond: set[int]) -> tuple[str, int] | None:
        """"Unfollows may not rise", "time in store can't be allowed to creep up", "listening
        minutes has to hold": a movement (`verbs`) said not to happen, with any modal or none,
        or holding (`children`) said to be necessary (`subjects`: the modals of necessity).
        A condition ("if it doesn't drop, ...") holds nothing."""
        for t in sent:
            if t.i in cond or t.pos_ not in ("VERB", "AUX"):
                continue
            if self._verb_is(t, single, multi):
                if self._lem(t) == "fall" and any(c.lower_ == "over" and c.dep_ in (
                        "prt", "advmod", "prep") for c in t.children):
                    continue  # "the entries page can't fall over": a crash, no measure held
                # the negation may sit on the verb or on what governs it ("can't be allowed
                # to creep up", "we don't want it to drop")
                chain = [t] + (list(t.ancestors)[:2] if t.dep_ in ("xcomp", "ccomp") else [])
                if any(self._is_negated(v) for v in chain):
                    return f"not {t.text}", t.i
            elif self._lem(t) in pat.children:
                if any(c.lower_ in self.signals.words["uptime_states"] for c in t.children
                       if c.dep_ in ("prt", "advmod", "acomp")):
                    continue  # "the map has to stay up": uptime, a reliability requirement
                # ("the sound has to stay locked to the picture", "the list has to stay
                # private"): a state kept, said with no level, is a requirement on a thing,
                # no measure held ("refunds stay flat", "wrong transfers stay at zero")
                # (a level said by comparison is a level: "has to stay as low as it is now",
                # "stay where it is", "stay under two percent")
                if any(c.dep_ in ("acomp", "oprd") and c.lower_ not in LEVEL_WORDS and
                       c.lower_ not in HELD_LEVELS and not c.like_num and
                       not any(g.lower_ in ("as", "than") for g in c.subtree)
                       for c in t.children):
                    continue
                # ("the tablet has to hold the taps and send them later": holding a thing is
                # storing it; a measure held has its level said, "hold refunds flat", "hold
                # the share where it is")
                # (the level may hang off the measure: "hold carer time steady")
                level = [c for c in t.children if c.lower_ in LEVEL_WORDS or (
                    c.dep_ == "prep" and c.lower_ in ("at", "under", "below", "near") and any(
                        g.like_num or g.lower_ in ("zero", "baseline", "today")
                        for g in c.subtree))] + [
                    g for c in t.children if c.dep_ in ("dobj", "prep") for g in c.subtree
                    if g.lower_ in LEVEL_WORDS and (g.i > c.i or _level_after_noun(g)) and next(
                        a for a in g.ancestors if a.pos_ in ("VERB", "AUX")).i == t.i]
                # (or past a phrase on it: "hold the hoist hours for owners' own launches
                # steady", however deep the parser hangs the level, but not in a clause of
                # its own)
                # (a clause said before the verb is its reason or setting, no complement:
                # "the barn has no wifi ..., so the hub holds readings")
                if any(c.dep_ == "dobj" for c in t.children) and not level and not any(
                        c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl") and c.i > t.i
                        for c in t.children):
                    continue
                # ("I'd hold carer time steady", "wrong transfers stay at zero", typed under a
                # metrics heading): a level said for it holds the measure there, with no modal
                # of necessity; told in the past it is a result ("refunds stayed flat")
                if level and t.tag_ in ("VB", "VBP", "VBZ") and not self._is_negated(t):
                    return f"{t.text}", t.i
                heads = [t] + ([t.head] if t.dep_ == "xcomp" else [])
                if any(self._lem(c) in pat.subjects or c.lower_ in pat.subjects
                       for h in heads for c in [h, *h.children]
                       if c.dep_ in ("aux", "ROOT", "conj", "ccomp", "xcomp") or c is h) and \
                        not self._is_negated(t):
                    return f"{t.text}", t.i
        return None

    @staticmethod
    def _week_of_the_calendar(doc: Doc, start: int, end: int) -> bool:
        """Is the match "first week" (or "week one") said of a time of year or of something
        other than the feature's going out ("in the first week of the school holidays", "the
        first week of January")? "The first week of the pilot" is still the launch's."""
        if doc[start:end].text.lower() not in ("first week", "week one") or \
                end + 1 >= len(doc) or doc[end].lower_ != "of":
            return False
        noun = next((t for t in doc[end + 1:min(len(doc), end + 6)]
                     if t.pos_ in ("NOUN", "PROPN")), None)
        return noun is not None and noun.lemma_.lower() not in LAUNCH_NOUNS | {
            "pilot", "trial", "test", "beta", "experiment"}

    @staticmethod
    def _everywhere(tok: Token) -> bool:
        """"all the cities we cover", "every market": the whole, no slice of it."""
        return any(c.lower_ in ("all", "every", "each", "any", "whole", "entire")
                   for c in tok.children)

    def _restricted_slice(self, pat: Pattern, markers: set[str], sent: Span,
                          cond: set[int]) -> tuple[str, int] | None:
        """"TV only", "start with the US and Canada", "launch it on phones first", "I'll
        assume UberX in large US cities": a slice (a platform, market, segment or surface in
        `objects`, or a name after "in") with a restricting word (`verbs`: only, just, first,
        start, limit, ...) in the same clause. "I wouldn't launch everywhere" restricts
        nothing."""
        lem = self._lem
        # "only playlists the listener made", "only the standard car product": "only" on a
        # noun restricts that noun, whatever it is
        # "just" restricts the same way, but only where a first version or a start is talked
        # of ("the first cut is just algebra"; "it's just a lookup" restricts nothing)
        # (not "at the start": a moment in the answer)
        starting = any((lem(t) in markers - {"only"} or t.lower_ in markers - {"only"}) and
                       not (lem(t) in ("start", "begin") and t.dep_ == "pobj") for t in sent)
        for m in sent:
            # ("the only way": an adjective, no restriction)
            # ("and only hearings listed a week ahead": tagged as a modifier of the noun,
            # which "the only way" also is, after its determiner or an owner, "the
            # interviewer's only follow-up")
            before = sent.doc[m.i - 1] if m.i > sent.start else None
            adjective = m.dep_ == "amod" and (before is None or (
                before.pos_ not in ("DET", "PRON") and before.tag_ not in ("PRP$", "POS")))
            if not (m.lower_ == "only" or (m.lower_ == "just" and starting)) or \
                    (m.dep_ != "advmod" and not (adjective and m.lower_ == "only")) or \
                    m.i in cond:
                continue
            target = m.head.head if m.head.pos_ == "NUM" else m.head  # "only one airport"
            if target.dep_ in ("amod", "compound") and target.head.i > target.i:
                target = target.head  # "just routine chemistry panels"
            if target.lemma_ == "be":  # "v1 is just studio flats": what it is
                target = next((c for c in target.children if c.dep_ == "attr"), target)
            # "I'd only put the regular weekly hirers on it": on the speaker's verb, "only"
            # narrows its object when the object is a qualified group
            subj = self._subject_of(target) if target.pos_ == "VERB" else None
            if subj is not None and subj.lower_ in ("i", "we"):
                obj = next((c for c in target.children if c.dep_ == "dobj"), None)
                if obj is not None and any(c.dep_ in ("amod", "compound", "relcl", "acl")
                                           for c in obj.children):
                    target = obj
                # ("I'd only do this for Enterprise Grid customers with more than a thousand
                # people": what the speaker does for a qualified group of people is done for
                # that slice alone)
                elif obj is None or obj.lower_ in ("this", "it", "that"):
                    group = next((g for c in target.children if c.dep_ == "prep" and
                                  c.lower_ in ("for", "to", "with") for g in c.children
                                  if g.dep_ == "pobj" and is_person(g, self.persons) and any(
                                      x.dep_ in ("amod", "compound", "relcl", "acl", "prep")
                                      for x in g.children)), None)
                    target = group if group is not None else target
            # "only in homes with one thermostat" (not "only after a movie": a moment)
            # (or "only with tenants who say yes")
            if (target.dep_ == "prep" or target.pos_ == "ADP") and \
                    target.lower_ in ("in", "for", "on", "to", "within", "with"):
                target = next((c for c in target.children if c.dep_ == "pobj"), target)
            # a noun, or a word in a noun's place that the tagger took for a verb; not in a
            # negated clause ("you can't give it to only some people" widens)
            if lem(target) in self.signals.words["placeholders"]:
                continue  # "just the core of the idea" names no slice
            # (with a determiner it is a noun: "start with, like, just the Northfield and
            # Castle Lane estates" had "estates" tagged a verb)
            if (target.pos_ in ("NOUN", "PROPN") or target.dep_ in ("dobj", "pobj", "attr") or
                    (target.pos_ == "VERB" and any(
                        c.dep_ == "det" and c.lower_ in ("the", "a", "an")
                        for c in target.children) and self._subject_of(target) is None)) \
                    and not self._is_negated(target) and not any(
                        self._is_negated(a) for a in target.ancestors if a.pos_ in ("VERB", "AUX")):
                return f"{m.text} {target.text}", target.i
        # "keep the first version to one tower and its Thursday practice": keeping the first
        # version to a slice narrows it ("keep messages to one a week" limits a number)
        words = self.signals.words
        names = words["first_version_names"] | {"pilot", "launch", "rollout"}
        for t in sent:
            if lem(t) != "keep" or t.i in cond or self._is_negated(t):
                continue
            # (the name ends at the noun: "the first release to the weekday sessions")
            # (and "kept version one to ...": the parser hangs "one" on the verb)
            first = [o for o in t.children if o.dep_ == "dobj" and any(
                " ".join(x.lower_ for x in o.subtree if x.i <= o.i).endswith(n) or
                lem(o) == n or (o.i + 1 < len(sent.doc) and
                                f"{o.lower_} {sent.doc[o.i + 1].lower_}" == n)
                for n in names)]
            for x in (t, *first) if first else ():
                for c in x.children:
                    # (a slice of what it does counts too: "kept version one to changing
                    # tomorrow's quantity")
                    pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None) \
                        if c.dep_ == "prep" and c.lower_ == "to" else None
                    # (not "keep the page load to two seconds": a bound, not a slice)
                    if pobj is not None and lem(pobj) not in words["placeholders"] \
                            and lem(pobj) not in words["units"] and not self._everywhere(pobj):
                        return f"{t.text} … to {pobj.text}", pobj.i
        slices = [t for t in sent if t.i not in cond and not self._everywhere(t) and (
            lem(t) in pat.objects or t.lower_ in pat.objects or
            (t.pos_ == "PROPN" and t.dep_ == "pobj" and t.head.lower_ == "in"))]
        for t in slices:
            clause = own_clause(t)
            for i in sorted(clause):
                m = sent.doc[i]
                # "First, a clips feed ...": an enumerator restricts nothing
                opener = m.lower_ == "first" and not any(
                    x.is_alpha and x.lower_ not in FILLER_OPENERS for x in sent.doc[sent.start:m.i])
                # "the city only learns X if riders tell us": "only" on the verb limits what
                # its subject does, it slices nothing
                # ("Village clinics first, the hospitals can keep their lists": "first" said
                # right after the slice, then a pause, is "start with the clinics", whatever
                # verb the parser hangs both on)
                said_first = m.lower_ == "first" and m.i == t.i + 1 and \
                    m.i + 1 < len(sent.doc) and sent.doc[m.i + 1].text in (",", ";", ":", "-")
                on_subject = m.dep_ == "advmod" and m.head.pos_ == "VERB" and \
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.i == m.head.i and \
                    not said_first
                # ("a page where owners pick a walker": what a person picks narrows nothing;
                # the speaker or the first version restricts)
                picked = m.pos_ == "VERB" and self._person_subject(m)
                # ("V1 would be a booking page with a map of the vans, a parts shop, ...":
                # the first version's name over a thing named by what it does is what ships;
                # "V1 is TV, English series" and "V1 is the web page only" restrict)
                # (nor does one over a slice word that only says what kind of thing ships:
                # "the MVP has booking with card payment")
                # (a name of two words too: "for the first release I'd build the driver app")
                fv_names = self.signals.words["first_version_names"]
                # ("version one" too: the name's first word)
                named = m.pos_ in ("NOUN", "PROPN") and (lem(m) in fv_names or (
                    m.i > 0 and f"{sent.doc[m.i - 1].lower_} {lem(m)}" in fv_names) or (
                    m.i + 1 < len(sent.doc) and
                    f"{lem(m)} {sent.doc[m.i + 1].lower_}" in fv_names)) and (any(
                        c.dep_ in ("compound", "amod") and c.i < t.i and
                        c.pos_ in ("NOUN", "VERB") and lem(c) not in pat.objects
                        for c in t.children) or (
                        t.dep_ == "compound" and t.head.pos_ == "NOUN" and
                        lem(t.head) not in pat.objects))
                # ("what to bring to the first session": an ordinal on the noun picks one of
                # them; "I started with, first we'd need a table": how the answer began, with
                # nothing started with)
                ordinal = m.lower_ == "first" and m.dep_ == "amod" and m.head.i == t.i
                # ("on the repairs tab the first thing you see is a grid": an ordinal on
                # another noun orders that, unless it names the first version, "the first
                # release is on TV")
                ordinal = ordinal or (
                    m.lower_ == "first" and m.dep_ == "amod" and m.head.pos_ == "NOUN" and
                    f"first {lem(m.head)}" not in fv_names and
                    f"first {m.head.lower_}" not in fv_names and
                    lem(m.head) in self.signals.words["placeholders"])
                # (nor does "a start date": a noun's modifier names a kind of date; nor "I
                # said at the start": a moment, after a preposition)
                began = lem(m) in ("start", "begin") and (m.dep_ in ("compound", "pobj") or any(
                    c.dep_ == "prep" and c.lower_ == "with" and not any(
                        g.dep_ in ("pobj", "pcomp") for g in c.children)
                    for c in m.children))
                if ordinal or began:
                    continue
                if (lem(m) in markers or m.lower_ in markers) and m.i != t.i and not opener and \
                        abs(m.i - t.i) <= SLICE_WINDOW and not self._is_negated(m) and \
                        not on_subject and not picked and not named:
                    return f"{m.text} … {t.text}", t.i
        return None

    def _patterns(self, sent: Span, cond: set[int],
                  signals: dict[str, list[tuple[str, bool, int]]] | None = None
                  ) -> list[tuple[Pattern, float, str, int]]:
        hits: list[tuple[Pattern, float, str, int]] = []
        signals = {} if signals is None else signals  # (the caller's dict: see below)
        for pat, (single, multi) in zip(self.phase_rules.patterns, self._verb_sets, strict=True):
            if pat.kind in EXTRA_KINDS:
                hit = self._structural(pat, single, multi, sent, cond, signals)
                # (what someone asked states nothing: "they asked what must not get worse")
                # (nor is a need given as the reason for a thing a member's goal: "the thing
                # that texts you, since the driver can't hang around")
                if hit is not None and not self._in_reported_question(sent.doc[hit[1]]) and \
                        not (pat.phase == "clarify_goal" and
                             self._reason_for_a_thing(sent.doc[hit[1]])):
                    hits.append((pat, pat.weight, hit[0], hit[1]))
                    if pat.signal and signals is not None:
                        # at once, so a later pattern (signals_together) sees it
                        signals.setdefault(f"sig:{pat.signal}", []).append(
                            (hit[0], False, hit[1]))
            elif pat.kind == "subject_verb":
                subjects = set(pat.subjects)
                # (one hit per pattern: what a person does before who they are, "the rider I
                # picture is Ana, and she wants her bike back by the evening")
                for t in sorted(sent, key=lambda x: x.lemma_ == "be"):
                    if t.pos_ not in ("VERB", "AUX"):
                        continue
                    lem = self._lem(t)
                    ok = lem in single or any(
                        lem == a and any(c.lower_ == b for c in t.children) for a, b in multi)
                    if not ok:
                        continue
                    if t.i in cond:
                        continue  # "if they need ..." is a condition, not the member's goal
                    if self._entered_choice(t):
                        continue  # "says how long they want the band for": an entry
                    # ("houses where nobody's in or where the roof needs scaffolding": a verb
                    # joined to a relative clause is one too)
                    rel = t
                    while rel.dep_ == "conj" and rel.head.i != rel.i and any(
                            c.dep_ == "nsubj" for c in t.children):
                        rel = rel.head
                    if rel.dep_ == "relcl" and rel.head.pos_ in ("NOUN", "PROPN") and \
                            self._lem(rel.head) not in self.persons:
                        continue  # "the shows people love": it says which shows
                    if t.dep_ == "relcl" and t.head.dep_ == "pobj" and \
                            t.head.head.head.pos_ == "NOUN":
                        continue  # "check-in time for patients who need ...": whose time
                    if self._reason_for_a_thing(t):
                        continue  # "the thing that texts you, since the driver can't wait"
                    # ("some people get a vaguer message than they'd like": a clause after a
                    # comparative measures how much of a cost, it is no want)
                    near, before = t.doc[max(0, t.i - 3):t.i], t.doc[max(0, t.i - 8):t.i]
                    if any(c.dep_ == "mark" and c.lower_ == "than" for c in t.children) or (
                            any(x.lower_ == "than" for x in near) and
                            any(x.tag_ in ("JJR", "RBR") or x.lower_ in ("less", "more")
                                for x in before)):
                        continue
                    subj = self._subject_of(t)
                    # ("he's keen to use the lathe": a state of wanting is said with "be" of
                    # anyone)
                    wanting = lem == "be" and subj is not None and any(
                        self._wants_something(c) for c in t.children)
                    # ("It's someone on the sofa who started an episode from their phone":
                    # a pointing "it" says who, as "the member is" does)
                    pointed = next((c for c in t.children if c.dep_ == "attr" and (
                        self._lem(c) in subjects or is_person(c, self.persons))), None) \
                        if subj is not None and subj.lower_ in ("it", "this") else None
                    if lem == "be" and not wanting and (
                            t.dep_ != "ROOT" or subj is None or
                            (subj.pos_ == "PRON" and pointed is None)):
                        continue  # "the member is a parent", not "they are offline"
                    if lem == "be" and not self._with_a_need(sent, t, pat):
                        continue  # "our users are retired people who drive to the market"
                    subj = pointed or subj  # (the person pointed at is who the need is of)
                    if lem == "be" and any(
                            len([x for x in c.subtree if x.dep_ == "conj"]) >= 2
                            for c in t.children if c.dep_ == "attr"):
                        continue  # "the users are job seekers, recruiters, students": a list
                    if subj is not None and subj.lower_ in ("they", "them") and \
                            self._antecedent_is_org(subj):
                        continue  # "the newsroom's goal is subscriptions, they want to ..."
                    if subj is not None and self._staff(subj):
                        continue  # "our installers need ...": the company's own people
                    if pat.phase == "clarify_goal" and t.dep_ == "relcl" and \
                            t.head.dep_ == "dobj" and self._lem(t.head.head) in DOWNSIDE_VERBS:
                        continue  # "which will annoy people who want a straight answer": who
                        # bears the cost of a choice, not the member's goal
                    if pat.phase == "clarify_goal" and subj is not None and \
                            self._prevented(t, subj):
                        continue  # "we'd ship it everywhere at once, so no family is left out"
                    if lem == "leave" and any(c.dep_ == "dobj" for c in t.children) and any(
                            c.dep_ in ("prep", "advmod", "oprd", "ccomp", "acomp", "xcomp") and
                            c.lower_ in ("till", "until", "as", "alone", "for", "be")
                            for c in t.children):
                        # ("or leave it till spring", "leave the booking as it is"): a thing
                        # left as it stands, a choice in the design, not a person giving up
                        continue
                    if lem == "need" and any(c.dep_ == "advmod" and c.lower_ in ("only", "just")
                                             for c in t.children):
                        # "so the drivers only need one training session": how little is
                        # needed, a gain of the design, not what anyone is trying to do
                        continue
                    # a part of the system is never a person ("the ranker needs the clips")
                    parts = {i for _, _, i in signals.get("sig:components", [])}
                    if self._counted_people(t):
                        continue  # "how many people watched past ten seconds": a count
                    # ("which bells are missing": a thing missing is absent; a person misses
                    # something, "ringers miss the start")
                    absent = lem == "miss" and not any(c.dep_ in ("dobj", "prt", "xcomp") and
                                                       c.i > t.i for c in t.children)
                    # "people love that kind of thing": approval of what was just said names
                    # nothing they try to do (a liked thing named, "they love live scores",
                    # still does)
                    # (nor does loving the product itself: "owners should love the app")
                    if lem in self.signals.words["liking_verbs"] and any(
                            c.dep_ == "dobj" and (c.pos_ == "PRON" or any(
                                d.dep_ == "det" and d.lower_ in ("that", "this", "these",
                                                                 "those") for d in c.children)
                                or self._lem(c) in self.signals.words["products"] or
                                self._lem(c) in ("experience", "feature"))
                            for c in t.children):
                        continue
                    if lem == "try" and any(c.dep_ == "dobj" for c in t.children) and \
                            not any(c.dep_ == "xcomp" for c in t.children):
                        continue  # "have some members try it on a test build": a trial of it
                    if self._launch_wanted(t) is not None:
                        continue  # "the owner doesn't want to launch twice": the team's aim
                    # ("buyers whose modules need the same book", "their phones need
                    # charging": a person's thing, not the person)
                    owned = subj is not None and any(c.dep_ == "poss" for c in subj.children)
                    if subj is not None and (self._lem(subj) in subjects or (
                            lem in pat.animate_verbs and not absent and
                            (subj.pos_ == "NOUN" or _item_plural(subj)) and
                            not owned and subj.is_alpha and  # ("80%, want 95%": no one)
                            # ("the shop wants more repeat customers": the company's goal)
                            (self._lem(subj) not in self.signals.words["organisations"] or
                             # ("a group of parents want": the people in it)
                             any(c.dep_ == "prep" and c.lower_ == "of"
                                 for c in subj.children)) and
                            self._lem(subj) not in pat.not_subjects and subj.i not in parts)):
                        hits.append((pat, pat.weight, f"{subj.text} {t.text}", t.i))
                        break
            elif pat.kind == "condition":
                if pat.signals and not any(f"sig:{n}" in signals for n in pat.signals):
                    continue  # (a condition that counts only beside an earlier pattern's)
                conditions = self._condition_sets(sent, set(pat.marks))
                for t, chead, clause in conditions:
                    words = [sent.doc[i] for i in sorted(clause)]
                    # ("if it goes up instead of down": what it does instead is no state)
                    cut = next((k for k, x in enumerate(words)
                                if x.lower_ in ("instead", "rather")), len(words))
                    words = words[:cut]
                    # in a negated condition what fails to happen is a verb or a state
                    # ("hasn't reported", "isn't available"), not a noun ("if no item matches
                    # the report")
                    # ("the wait is over 3 days": a word on a number is a threshold crossed,
                    # a branch of the design, not a part failing)
                    found = any((self._lem(x) in pat.condition or x.lower_ in pat.condition)
                                and not (pat.negated_only and x.pos_ == "NOUN") and
                                not self._on_number(x) and not self._idle_out(x) and
                                not self._idle_up(x)
                                for x in words)
                    # ("doesn't come back in time", "if it doesn't go through": a condition of
                    # two words, in order)
                    lemmas = " " + " ".join(self._lem(x) for x in words) + " "
                    found = found or any(" " in c and f" {c} " in lemmas for c in pat.condition)
                    found = found or (pat.per_period and _rate_crossed(words))
                    # "if we can't detect the payday", "if the model can't match it": the
                    # system unable to sense something fails; "if no item matches" is a
                    # branch of the design (nothing found)
                    sensing = pat.negated_only and self._lem(chead) in SENSING_VERBS and \
                        any(self._lem(x) in ("can", "could", "able") for x in words)
                    found = found or sensing
                    # ("Harbour office often has no internet -> booking goes by SMS"): a link
                    # that is bad or drops, in whatever words, fails as a part does
                    # (read by the words: the parser often hangs "no" elsewhere)
                    links, bad = self.signals.words["links"], self.signals.words["bad_link"]
                    found = found or (pat.bad_links and any(
                        self._lem(x) in links and x.i - 1 in clause and
                        sent.doc[x.i - 1].lower_ in bad for x in words))
                    if pat.except_verbs and self._lem(chead) in pat.except_verbs and any(
                            c.dep_ == "nsubjpass" for c in chead.children):
                        continue  # "if the message isn't opened": the member's own choice
                    if found and pat.negated_only:
                        # "if the model isn't available": only the negated word is a failure
                        subj = self._subject_of(chead)
                        person = subj is not None and (
                            self._lem(subj) in self.persons or subj.lower_ in ("i", "we", "you"))
                        # "if we can't detect the payday": the team's system failing to sense
                        # something, not a person's choice
                        if person and subj is not None and subj.lower_ == "we" and sensing:
                            person = False
                        found = not person and any(
                            x.dep_ == "neg" or x.lower_ in ("no", "never") for x in words)
                    if found and pat.person_condition is not None:
                        # "when someone gives a thumbs down": a person acting is the design's
                        # input, not a part failing; only losing their connection is
                        subj = self._subject_of(chead)
                        # ("if someone drops out on the day": a person leaving; "if the
                        # rider drops out of signal" is their link)
                        lost = {self._lem(x) for x in words} & set(pat.person_condition)
                        if lost and lost <= {"drop", "out"} and not any(
                                self._lem(x) in self.signals.words["links"] for x in words):
                            lost = set()
                        if subj is not None and (self._lem(subj) in self.persons or
                                                 subj.lower_ in ("someone", "somebody") or
                                                 self._late_role(subj, words, signals)) and \
                                not lost:
                            continue
                    if not found and pat.negated_condition:
                        subj = self._subject_of(chead)
                        person = subj is not None and (
                            self._lem(subj) in self.persons or subj.lower_ in ("i", "we", "you"))
                        # a part that cannot do something ("if the phone couldn't download
                        # them", "when the ranker isn't there") fails; a thing that only did
                        # not change or happen ("if the basket hasn't changed") is a branch
                        parts = {i for _, _, i in signals.get("sig:components", [])}
                        unable = any(self._lem(x) in ("can", "could", "able", "manage")
                                     for x in words)
                        found = not person and (unable or (subj is not None and subj.i in parts)) \
                            and any(x.dep_ == "neg" or x.lower_ in ("no", "without", "never")
                                    for x in words)
                    if not found:
                        continue
                    # ("if the hut screen hasn't heard from the reader in two minutes"): a
                    # thing that does not hear or see is a part not answering, no one
                    # noticing a problem in the trial
                    if pat.phase == "validation" and self._lem(chead) in PERCEIVING and \
                            self._is_negated(chead) and (
                                (subj := self._subject_of(chead)) is not None and
                                subj.pos_ in ("NOUN", "PROPN") and
                                self._lem(subj) not in self.persons):
                        continue
                    # ("PC down -> use the printed list": a typed condition names a measure
                    # moving only with the measure in it)
                    noted = not (t.dep_ == "mark" or t.lower_ in COND_MARKS)
                    unmeasured = pat.measured and not any(
                        i in clause for name in ("concrete:metrics", "sig:success_metric",
                                                 "sig:guardrail")
                        for _, _, i in signals.get(name, []))
                    if unmeasured and (noted or any(
                            i in clause for _, _, i in signals.get("sig:components", [])) or
                            any(self._lem(sent.doc[i]) in self.signals.words["links"]
                                for i in clause)):
                        # "if the model service is down, ...": a part fails; so does a link
                        # ("if the café wifi drops, the page keeps ...")
                        continue
                    # ("if the doctors' portal is down, the case switches to paper"): a thing
                    # that is down, with no measure and no amount, is out of service, whatever
                    # it is called; a measure is down by something ("bookings are down 10%")
                    if unmeasured and any(
                            x.lower_ == "down" and self._lem(x.head) == "be" for x in words) and \
                            not any(x.like_num or x.lower_ in ("percent", "%") for x in words):
                        continue
                    moved = {self._lem(x) for x in words if self._lem(x) in pat.condition
                             or x.lower_ in pat.condition}
                    # (a measure word inside a relative clause describes the thing: "the bit
                    # that stores the reports is down" is a part down)
                    described = {x.i for r in clause if sent.doc[r].dep_ == "relcl"
                                 for x in sent.doc[r].subtree}
                    if pat.unmeasured and moved and moved <= MOVES and any(
                            i in clause and i not in described
                            for _, _, i in signals.get("concrete:metrics", [])) \
                            and not any(i in clause
                                        for _, _, i in signals.get("sig:components", [])):
                        continue  # "if the read-through rate goes down, ...": a result
                    if pat.consequence:
                        # (not what a thing is said to do: "a plain email form that drops
                        # into the studio inbox")
                        # (a run-on the parser hangs off a relative clause holds the
                        # condition too: then the clause is no description)
                        told = {x.i for r in sent if r.dep_ == "relcl" and any(
                            c.dep_ == "nsubj" and c.lower_ in ("that", "which")
                            for c in r.children) and t not in r.subtree for x in r.subtree}
                        # (nor what another condition of the sentence says: "green if it's
                        # within a minute, amber if it's drifting, red if it's stopped" are a
                        # display's rules, none of them what happens once another holds)
                        others = {i for o, _, c in conditions if o.i != t.i for i in c}
                        rest = [x for x in sent if x.i not in clause and x.i not in told and
                                x.i not in others]
                        # (a verb and its particle, "comes down", "take it down": the
                        # particle alone may move something in the design, "pushes it down")
                        # (what people then do is no move of the rollout: "if we're holding
                        # too much, people just stop commenting" is a reason, no trigger)
                        if not any((self._lem(x) in pat.consequence or any(
                                f"{self._lem(x)} {c.lower_}" in pat.consequence
                                for c in x.children if c.dep_ in ("prt", "advmod"))) and
                                not self._done_by_people(x) for x in rest):
                            continue
                    # ("if fails", "-> stale", "provider down:")
                    label = f"{t.text} {chead.text}" if t.text != ":" else \
                        f"{sent.doc[t.i - 2:t.i].text}:"
                    hits.append((pat, pat.weight, label, t.i))
                    break
        return [h for h in hits if not self._in_reported_question(sent.doc[h[3]])]

    # -- sentences ----------------------------------------------------------------------
    def _split_long(self, sent: Span, heard: bool = True) -> list[Span]:
        limit = self.opt.max_sentence_tokens
        doc = sent.doc
        if len(sent) <= limit:
            return [p for piece in self._split_at_headings(sent, heard)
                    for p in self._split_at_hesitation(piece)]
        pieces: list[Span] = []
        start = sent.start
        # ("I'd build a booking calendar, an account for each farm, a sensor link so the dryer
        # reports ..., a text when ..., and invoicing ..."): inside a list of things, a
        # marker belongs to its item; the list is one sentence
        commas = [t.i for t in sent if t.text == ","]
        items_before = [sum(1 for c in commas if c < t.i and c + 1 < sent.end and
                            doc[c + 1].lower_ in ("a", "an")) for t in sent]
        for tok in sent:
            min_piece = self.opt.min_piece_tokens
            if tok.i - start < min_piece or sent.end - tok.i < min_piece:
                continue
            if items_before[tok.i - sent.start] >= 2 and tok.lower_ in ("so", "and") and \
                    tok.i + 1 < sent.end and doc[tok.i + 1].pos_ not in ("PRON", "ADV") and \
                    not self._opens_clause(tok):
                continue
            prev = doc[tok.i - 1]
            boundary = tok.lower_ in SPLIT_MARKERS and (
                prev.is_punct or tok.lower_ in ("so", "now") or self._opens_clause(tok))
            boundary = boundary or _heading_starts_part(
                tok, self.signals.words["spoken_headings"])
            if boundary or (tok.i - start >= limit and prev.text == ","):
                pieces.append(doc[start:tok.i])
                start = tok.i
        pieces.append(doc[start:sent.end])
        return pieces

    def _compared(self, phrase: Span, sent: Span) -> bool:
        """Is a pairing ("before and after", "side by side") a comparison of the launch
        ("compare sign-ups before and after", "before and after launch", "I'd run it side by
        side with the current row"), not a pair shown ("photos of the knives before and
        after", "the dispatcher sees both side by side on the map")?"""
        after = phrase.doc[phrase.end:min(phrase.end + 2, sent.end)]
        return any(self._lem(t) in ("compare", "measure", "count", "track", "check", "run",
                                    "test")
                   for t in sent) or any(
            self._lem(t) in ("launch", "rollout", "release", "change") for t in after)

    @staticmethod
    def _opens_clause(tok: Token) -> bool:
        """Does the marker open a clause of the speaker's own ("... head stone and to save
        them remembering the dates we'd add reminders", "... and we'd build them a route
        app")? In speech heard with no full stops that is where the next sentence starts."""
        doc = tok.doc
        nxt = list(doc[tok.i + 1:min(len(doc), tok.i + 12)])
        if not nxt:
            return False
        if nxt[0].lower_ in ("we", "i") and len(nxt) > 1 and nxt[1].lower_ in (
                "'d", "would", "'ll", "will", "could", "should", "want", "need"):
            return True
        # ("and to save them ... we'd add", "and for the gardeners we'd build"): a purpose or
        # a beneficiary put first, then the speaker's clause
        return nxt[0].lower_ in ("to", "for") and any(
            a.lower_ in ("we", "i") and b.lower_ in ("'d", "would", "'ll", "will")
            for a, b in pairwise(nxt[1:]))

    def _split_at_headings(self, sent: Span, heard: bool = True) -> list[Span]:
        """Notes read aloud and heard with no full stops ("... not up scope V1 top five
        airports by volume ..."): a spoken heading inside a long sentence starts a new part.
        So does, in heard words, a rubric element defined after a comma (``heard``: the full
        stops are the recognizer's guesses, see ``_element_defined``)."""
        doc = sent.doc
        min_piece = self.opt.min_piece_tokens
        if len(sent) < HEADING_SPLIT_MIN_TOKENS:
            return [sent]
        for tok in sent:
            i = tok.i
            if i - sent.start < min_piece or sent.end - i < min_piece:
                continue
            # (after a pause only when a hesitation comes before it and a pause after: "...,
            # um, scope, I'd start with the US"; "latency, scale, constraints" is a list)
            if (_heading_starts_part(tok, self.signals.words["spoken_headings"]) and (
                    not doc[i - 1].is_punct or self._after_filler(tok))) or \
                    (heard and (self._element_defined(tok) or self._condition_spliced(tok))):
                return [doc[sent.start:i], *self._split_at_headings(doc[i:sent.end], heard)]
        return [sent]

    @staticmethod
    def _condition_spliced(tok: Token) -> bool:
        """"I accept that to keep requests cheap, if the ranker times out, serve the offline
        order, ...": after a comma, a whole conditional (its condition, a comma, then its own
        clause: a subject or a bare verb) is a statement of its own, where the recognizer
        heard the speaker's full stop as a pause."""
        doc = tok.doc
        if doc[tok.i - 1].text != "," or tok.lower_ not in ("if", "when", "whenever"):
            return False
        for t in doc[tok.i + 2:min(len(doc) - 1, tok.i + 16)]:
            if t.text in (".", "?", "!"):
                return False
            if t.text != ",":
                continue
            nxt = doc[t.i + 1]
            if nxt.lower_ in ("we", "i", "it", "they", "you", "the", "that", "this") or \
                    nxt.tag_ == "VB":
                return True
        return False

    def _element_defined(self, tok: Token) -> bool:
        """", the success metric is the rider cancellation rate ...": after a comma, a rubric
        element named and defined (its name, then "is") starts a statement of its own, where
        the recognizer heard a pause for a full stop. (Typed, "primary is time to answer, the
        guardrail is fraud losses" is the writer's one sentence.)"""
        doc = tok.doc
        if doc[tok.i - 1].text != "," or tok.lower_ not in ("the", "my", "our"):
            return False
        for t in doc[tok.i + 1:min(len(doc) - 1, tok.i + 4)]:
            if t.pos_ not in ("NOUN", "ADJ", "PROPN", "PUNCT"):
                return False
            nxt = doc[t.i + 1]
            if self._lem(t) in self.signals.words["defined_elements"] and (
                    nxt.lemma_ == "be" or (nxt.lower_ in ("would", "will") and
                                           doc[min(len(doc) - 1, t.i + 2)].lemma_ == "be")):
                return True
        return False

    def _counted_comparative(self, span: Span) -> Token | None:
        """A plural noun with "fewer" or "more" on it, in a sentence where the speaker counts
        or tracks ("Fewer trips missed because the line was busy, so I'd count those each
        week"): the thing counted and which way it should go."""
        counts = any(self._lem(t) in ("count", "track", "tally", "measure") and
                     t.pos_ == "VERB" and (s := self._subject_of(t)) is not None and
                     s.lower_ in ("i", "we") for t in span)
        if not counts:
            return None
        # (the parser may hang "fewer" anywhere: "Fewer wanted trips" is read as "fewer"
        # doing the wanting; the plural noun it stands before is what is counted)
        for f in span:
            if f.lower_ not in ("fewer", "more") or f.tag_ not in ("JJR", "RBR"):
                continue
            for t in span.doc[f.i + 1:min(f.i + 4, span.end)]:
                if t.tag_ == "NNS":
                    return t
                if t.tag_ not in ("JJ", "VBN", "VBD", "NN"):
                    break
        return None

    def _link_drops(self, tok: Token, link_fails: frozenset[str]) -> bool:
        """Is the connection said to drop, in a clause on it ("wifi which drops in the
        basement", "a radio link that cuts out") or as the subject ("the network drops")?"""
        verbs = [tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else []
        verbs += [c for c in tok.children if c.dep_ == "relcl"]
        # ("the scanners lose connection all the time": what holds the link loses it)
        if tok.dep_ == "dobj" and self._lem(tok.head) == "lose" and \
                not self._is_negated(tok.head):
            return True
        return any(self._lem(v) in link_fails and self._lem(v) != "go" and
                   not self._is_negated(v) for v in verbs)

    @staticmethod
    def _after_filler(tok: Token) -> bool:
        """Is the word said just after a hesitation between pauses ("..., um, scope, ...")?"""
        doc = tok.doc
        return tok.i >= 3 and doc[tok.i - 1].text == "," and \
            doc[tok.i - 2].lower_ in HESITATIONS and doc[tok.i + 1].text in (",", ":")

    def _split_at_hesitation(self, sent: Span) -> list[Span]:
        """", um, if the list can't be read, ...": a hesitation between commas followed by a
        clause opener starts a new thought even where the recognizer put no full stop."""
        doc = sent.doc
        min_piece = self.opt.min_piece_tokens
        for tok in sent:
            i = tok.i
            if tok.lower_ not in HESITATIONS or i - sent.start < min_piece or \
                    sent.end - i < min_piece or i + 2 >= sent.end:
                continue
            if doc[i - 1].text == "," and doc[i + 1].text == "," and \
                    doc[i + 2].lower_ in CLAUSE_OPENERS:
                return [doc[sent.start:i], *self._split_at_hesitation(doc[i:sent.end])]
        return [sent]

    def _sentences(self, doc: Doc, word_chars: list[tuple[int, int]], heard: bool = True,
                   skip_before: int = 0, apart: frozenset[int] = frozenset()) -> list[_SentInfo]:
        """``apart``: character offsets where a sentence must start (a new speaker);
        ``heard`` as for ``parse``."""
        out: list[_SentInfo] = []
        wi = 0
        for sent in doc.sents:
            if sent.end_char <= skip_before:
                continue  # context, analyzed already
            for piece in self._split_long(sent, heard):
                if not piece.text.strip():
                    continue
                if out and out[-1].span.end == piece.start and len(out[-1].span) == 2 and \
                        piece.start_char not in apart and self._heard_heading(out[-1].span[0]):
                    # the parser can split after a heading heard as a sentence of its own even
                    # where it was told not to ("Guardrails. Support contacts per ..."): the
                    # heading still heads what follows
                    head = out.pop()
                    piece, wi = doc[head.span.start:piece.end], head.first_word
                c0, c1 = piece.start_char, piece.end_char
                while wi < len(word_chars) - 1 and word_chars[wi][1] <= c0:
                    wi += 1
                first = wi
                last = first
                while last + 1 < len(word_chars) and word_chars[last + 1][0] < c1:
                    last += 1
                out.append(_SentInfo(piece, first, last))
                wi = last + 1 if last + 1 < len(word_chars) else last
        return out

    # -- scoring ------------------------------------------------------------------------
    def _score(self, doc: Doc, sents: list[_SentInfo]) -> None:
        rules = self.phase_rules
        tok_sent: dict[int, int] = {}
        for idx, s in enumerate(sents):
            for t in range(s.span.start, s.span.end):
                tok_sent[t] = idx
        found = set(self.matcher(doc)) | set(self.surface(doc))
        for verb in doc:
            for prt in verb.children:
                if prt.dep_ == "prt" and prt.i > verb.i + 1:
                    for key in self._split_phrasal.get((verb.lemma_.lower(), prt.lower_), ()):
                        found.add((key, verb.i, verb.i + 1))
        matches = sorted(found)
        # first pass: signals (negation, deferral, hedges) per sentence
        raw: list[list[tuple[Any, int, int, bool]]] = [[] for _ in sents]
        for match_id, start, end in matches:
            at = tok_sent.get(start)
            if at is None or self._cut_through_compound(doc, start, end):
                continue
            s = sents[at]
            kind, info = self._key_info[match_id]
            neg = self._negated(doc, start, end, s.span)
            if kind == "cue":
                if end + 1 < len(doc) and doc[end].text == "-" and \
                        doc[end + 1].lower_ in ("free", "less"):
                    continue  # "worry-free", "hassle-free": without it, a wish
                if self._week_of_the_calendar(doc, start, end):
                    continue  # "the first week of the school holidays": a date, no launch
                raw[at].append((info, start, end, neg))
            elif info == "deferral" and end - start == 1 and (
                    doc[start].pos_ != "VERB" or doc[start].dep_ == "pcomp" or
                    not self._speaker_does(doc[start])):
                # "skip rate" names a measure; only "we'd skip metrics" defers ("nudge people
                # into skipping days", "members skip the intro": what someone else does)
                continue
            elif info == "deferral" and doc[start].pos_ == "VERB" and (
                    subj := self._subject_of(doc[start])) is not None and \
                    subj.lower_ != "you" and self._other_person(subj):
                continue  # "if mum's gone into hospital": someone else goes somewhere
            elif info == "guardrail" and doc[start].lower_ == "where" and \
                    doc[start].head.dep_ == "ccomp" and \
                    doc[start].head.head.lemma_.lower() in INDIRECT_QUESTION_HEADS:
                continue  # "so she always knows where it's at": a place asked, nothing held
            elif kind == "sig" and self._in_reported_question(doc[start]):
                # "the interviewer asked what I'd make sure doesn't get worse": the words of a
                # question reported hold, measure or promise nothing
                continue
            elif info == "ahead_of_members" and not self._ahead_of_members(doc[start]):
                continue  # "before the school run", "before we build it": not the members
            elif info == "watching" and not self._speaker_does(doc[start]):
                continue  # "a watch party", "members watch": nobody checks a number
            elif info == "watching" and self._watches_people(doc, end):
                continue  # "look at what people are saying": listening, nothing counted
            elif info in ("success_metric", "count_words") and self._rating(doc[start:end]):
                continue  # "rate the organiser afterwards": giving a score, no rate
            elif info == "success_metric" and doc[start].lower_ in ("hours", "hour") and \
                    start > 0 and (doc[start - 1].like_num or
                                   doc[start - 1].lower_ in DURATION_WORDS):
                continue  # "widening every few hours", "within 48 hours": a time, no measure
            elif info in ("guardrail", "success_metric") and end - start == 1 and \
                    doc[start].tag_ in ("JJS", "RBS"):
                # "the three halls where complaints are worst": a superlative picks which
                # ones; it holds or moves nothing
                continue
            elif info == "guardrail" and self._sure_to_count(doc[start:end]):
                continue  # "we'd make sure we measure success": a promise to measure
            elif info == "guardrail" and end - start == 1 and (
                    doc[start].lower_ in ("bad", "badly") or
                    (doc[start].lower_ in ("flat", "flats") and doc[start].pos_ == "NOUN" and (
                        doc[start].lower_ == "flats" or any(
                            c.dep_ in ("det", "poss") for c in doc[start].children)))):
                # matched on lemmas, "worse" is "bad": "bad signal" holds no measure; nor
                # does a flat one lives in ("a flat near work"); a bare "flat" the tagger made
                # a noun ends what is held ("keeping the number of messages per parent flat")
                continue
            elif kind == "kind" and doc[start:end].text.lower() == "second" and (
                    doc[start].dep_ == "amod" or (start > 0 and doc[start - 1].lower_ == "the")):
                # "the second is that ...", "a second screen": an ordinal, not a time
                continue
            elif kind == "kind" and doc[start:end].text.lower() == "down" and start > 0 and \
                    doc[start - 1].lower_ in PLACE_BEFORE_DOWN:
                continue  # "any glass in a door or low down": a place, nothing is down
            elif kind == "kind" and doc[start:end].text.lower() in ("cost", "costs") and \
                    doc[start].pos_ == "VERB":
                continue  # "we've cost her an evening": a loss to someone, not running cost
            elif kind == "kind" and doc[start:end].text.lower() == "loads" and \
                    end < len(doc) and doc[end].lower_ == "of":
                continue  # "if there are loads of them": many, said loosely, not a load
            elif kind == "kind" and doc[start:end].text.lower() == "volume" and (
                    (doc[start].dep_ == "compound" and doc[start].head.pos_ == "NOUN" and
                     self._lem(doc[start].head) not in ("spike", "surge", "peak")) or
                    any(c.dep_ == "poss" for c in doc[start].children)):
                continue  # "the volume state", "the phone's volume": loudness, not a load
            elif kind == "kind" and info == "scale" and any(
                    self._lem(x) in MONEY_WORDS for x in doc[end:min(end + 3, len(doc))]):
                continue  # "tens of thousands of pounds a month": money lost, not a load
            elif kind == "kind" and info == "learning" and any(
                    self._lem(x) == "know" and self._filler_know(x)
                    # (the match skips the negation: "I know" in "I don't know")
                    for x in doc[start:min(end + 2, len(doc))]):
                continue  # "that's, I don't know, tens of thousands": a filler
            elif kind == "kind" and end - start == 1 and doc[start].pos_ == "ADJ" and (
                    (doc[start].dep_ == "amod" and self._lem(doc[start].head) in self.persons)
                    or (doc[start].dep_ == "acomp" and (
                        (subj := self._subject_of(doc[start].head)) is not None and
                        self._lem(subj) in self.persons))):
                continue  # "the locksmiths we pick would be reliable people": of people
            else:
                s.signals.setdefault(f"{kind}:{info}", []).append(
                    (doc[start:end].text.lower(), neg, start))
        # a count typed in thousands or millions ("~5k lookups at 8am", "12k samples a day"):
        # how much the design has to carry, a scale constraint
        for s in sents:
            for tok in s.span:
                if THOUSANDS.match(tok.text):
                    s.signals.setdefault("kind:scale", []).append((tok.text, False, tok.i))
        # a chain that comes back to where it started ("no listings means no buyers means no
        # listings"): a feedback loop, a learning constraint told in plain words
        for s in sents:
            means = [t for t in s.span if self._lem(t) == "mean" and t.pos_ == "VERB"]
            if len(means) < 2:
                continue
            first = next((t for t in s.span if t.i < means[0].i and t.pos_ == "NOUN" and
                          t.i >= means[0].i - 3), None)
            last = next((t for t in reversed(list(s.span)) if t.i > means[-1].i and
                         t.pos_ == "NOUN" and t.i <= means[-1].i + 3), None)
            if first is not None and last is not None and \
                    self._lem(first) == self._lem(last):
                s.signals.setdefault("kind:learning", []).append(
                    ("a loop", False, means[0].i))
        # everyone doing it at one moment ("every parent checks at exactly the same moment",
        # "everyone turns up between five and half six", "Friday evening everyone reserves
        # for Saturday"): a surge the design has to carry, a scale constraint in plain words
        for s in sents:
            at = self._crowd_at_once(s.span)
            if at is not None:
                s.signals.setdefault("fact:surge", []).append(("everyone at once", False, at))
        # a link that is bad or drops ("often with bad signal", "the courthouse network drops
        # a few times a month", "no wifi in the kiln room"): reliability, in whatever words
        links, bad_link, link_fails, link_reaches = (
            self.signals.words[k] for k in ("links", "bad_link", "link_fails", "link_reaches"))
        for s in sents:
            for tok in s.span:
                # (in the same pass: the same thing never done twice, "the room can never be
                # let twice", is no double booking, a reliability requirement in plain words)
                if tok.lower_ == "twice" and tok.dep_ == "advmod" and (
                        self._is_negated(tok.head) or any(
                            c.lower_ in ("never", "not", "n't") for c in tok.head.children)):
                    s.signals.setdefault("kind:reliability", []).append(
                        (tok.text, False, tok.i))
                if self._lem(tok) not in links:
                    continue
                drops = self._link_drops(tok, link_fails)
                # ("the signal out at the yards is patchy": said of it, as a fact)
                patchy = tok.dep_ == "nsubj" and any(
                    c.dep_ == "acomp" and (self._lem(c) in bad_link or c.lower_ in bad_link)
                    for c in tok.head.children)
                if (any(c.dep_ in ("amod", "det", "compound") and (
                            self._lem(c) in bad_link or c.lower_ in bad_link)
                            for c in tok.children) or
                        # ("must work w/o signal in the basement")
                        (tok.dep_ == "pobj" and tok.head.lower_ in ("without", "w/o")) or
                        (tok.dep_ in ("nsubj", "nsubjpass") and
                         self._lem(tok.head) in link_fails) or
                        patchy or
                        (tok.dep_ == "nsubj" and self._lem(tok.head) in link_reaches and
                         self._is_negated(tok.head)) or drops or
                        # ("phones barely get a signal", "you can't get a connection there")
                        (tok.dep_ == "dobj" and self._lem(tok.head) in ("get", "have", "catch")
                         and (self._is_negated(tok.head) or any(
                             c.lower_ in SCARCELY for c in tok.head.children)))):
                    s.signals.setdefault("kind:reliability", []).append(
                        (tok.text, False, tok.i))
                    if (drops or patchy) and tok.i not in self._conditional_tokens(s.span):
                        # ("pads run on restaurant wifi which drops in the basement bar"):
                        # a link said to drop, as a fact, is one the design lives with
                        s.signals.setdefault("fact:unreliable", []).append(
                            (tok.text, False, tok.i))
                    # (a phone's "signal" is its connection, no learning signal)
                    if s.signals.get("kind:learning"):
                        s.signals["kind:learning"] = [h for h in s.signals["kind:learning"]
                                                      if h[2] != tok.i]
        # a part said to fail now and then, as a fact ("the calendar tool goes down now and
        # then", "the old computer is sometimes not answering in the morning"): the design has
        # to live with an unreliable part, a reliability constraint (an if-clause is a
        # failure mode instead)
        for s in sents:
            fact = self._fails_at_times(s.span) or self._unreliable_part(s.span) or \
                self._untrusted_delivery(s.span)
            if fact is not None:
                s.signals.setdefault("kind:reliability", []).append((fact.text, False, fact.i))
                s.signals.setdefault("fact:unreliable", []).append((fact.text, False, fact.i))
            # ("it has to answer while she's still deciding whether to get in the car"): a
            # deadline set by the person's own moment is a latency budget told in plain words
            moment = self._in_their_moment(s.span)
            if moment is not None:
                s.signals.setdefault("kind:latency", []).append((moment.text, False, moment.i))
        adverbs = {a for a in self.signals.hedges.hedge_adverbs if " " not in a}
        carry = False  # the sentence before quoted a persona
        set_up = False  # the interviewer's sentence before set up a failure
        for idx, s in enumerate(sents):
            if s.speaker == CANDIDATE:
                set_up = False
            if s.speaker != CANDIDATE:
                s.asks = self._asks_failure(s, raw[idx])
                # "Farriers are often in barns with no signal at all. What then?": a bare
                # "what then?" asks about the failure the interviewer just set up
                if s.asks is None and set_up and self._what_then(s.span):
                    s.asks = "failure_modes"
                set_up = bool(s.signals.get("kind:reliability")) or any(
                    g.phase == "failure_modes" and not g.generic and not neg
                    for g, _a, _b, neg in raw[idx])
                # the interviewer's words are context: nothing they say is the candidate's
                s.signals.clear()
                s.scores = {"other": 10.0}
                s.act = "context"
                continue
            s.act = self._speech_act(s)
            if s.act is not None:
                # a question, an announced step or a bare heading states nothing: it is
                # neither an element nor a phase of its own
                s.scores = {"other": 1.5}
                continue
            cond = self._conditional_tokens(s.span)
            reason = self._reason_tokens(s.span)
            topic = self._topic(s.span, cond)
            deferral = bool(s.signals.get("sig:deferral"))
            hedge_word = bool(s.signals.get("sig:hedge")) or any(
                t.lower_ in adverbs for t in s.span)
            # (read only where the sentence has a validation cue to reject)
            empty_test = any(g.phase == "validation" for g, _a, _b, _n in raw[idx]) and \
                self._test_as_a_habit(s.span)
            hits: dict[str, list[tuple[float, bool, bool, str]]] = {}
            in_reason: set[tuple[str, int]] = set()  # (phase, index in hits[phase])
            hedged: set[str] = set()
            # a word inside a topic name ("failure" in "failure modes") is not a cue of its own
            topic_spans = [(g.phase, start, end) for g, start, end, _n in raw[idx] if g.generic]
            # "She said, I'm a diabetic, I just want to know if it's bad": after a third
            # person's speech verb, "I" is the persona, not the candidate
            persona = self._persona_from(s.span)
            if persona is None and carry and s.span[0].lower_ in ("and", "but", "so", "or") \
                    and any(t.lower_ == "i" for t in s.span):
                persona = s.span.start  # the same quote, split into pieces
            carry = persona is not None
            if persona is not None:
                wants = self._persona_wants(s.span, persona)
                if wants is not None:
                    hits.setdefault("clarify_goal", []).append(
                        (PERSONA_WEIGHT, False, True, f"persona: {wants.text}"))
            for g, start, end, neg in raw[idx]:
                phrase = doc[start:end].text.lower()
                if persona is not None and start >= persona and g.phase != "clarify_goal":
                    continue  # the persona's preferences are not the candidate's claims
                if not g.generic and any(p == g.phase and a <= start and end <= b and
                                         (a, b) != (start, end) for p, a, b in topic_spans):
                    continue
                if g.generic and ((neg and g.negatable) or self._hedged(
                        doc, start, end, s.span, deferral, hedge_word)):
                    hedged.add(g.phase)
                    continue
                if g.negatable and neg:
                    continue
                if g.phase == "other" and phrase in PASSING_FILLERS and \
                        start - s.span.start <= 1 and \
                        sum(1 for x in s.span if not x.is_punct) > LONG_SENTENCE_WORDS:
                    continue  # "so yeah pick your own so the way I think about it is ...":
                    # a filler opening a long sentence says nothing of what follows
                if g.phase == "tradeoffs" and end + 1 < s.span.end and \
                        doc[end].lower_ in ("of", "for") and (
                            doc[end + 1].lower_ in ("his", "her", "their") or
                            self._lem(doc[end + 1]) in self.persons):
                    continue  # "the worst part of his week": a person's trouble, no cost
                if g.phase == "scope" and neg and self._lem(doc[start]) in (
                        "leave", "hold", "defer", "wait", "limit", "restrict", "narrow",
                        "confine", "focus"):
                    continue  # "you can't leave members out": putting nothing off
                if g.phase == "validation" and empty_test:
                    s.rejected.append(f"a test promised as a habit, nothing of its own: {phrase}")
                    continue
                if g.counted and not self._counted(doc, start, end, s.span):
                    s.rejected.append(f"goal area without a measure: {phrase}")
                    continue
                if g.phase == "constraints" and end - start == 1 and \
                        doc[start].dep_ == "compound" and doc[start].head.i >= end and \
                        any(c.dep_ == "det" for c in doc[start].head.children) and \
                        not any(gg.phase == "constraints" and a <= doc[start].head.i < b
                                for gg, a, b, _n in raw[idx]):
                    continue  # "a live availability map": the word names a feature
                # ("search latency", "page-load time" keep their sense: only a word that is
                # also an everyday thing loses it under a compound)
                if g.phase == "constraints" and end - start == 1 and \
                        doc[start].lower_ in self.signals.words["thing_senses"] and any(
                            c.dep_ == "compound" and c.pos_ == "NOUN" and not any(
                                gg.phase == "constraints" and a <= c.i < b
                                for gg, a, b, _n in raw[idx]) for c in doc[start].children):
                    continue  # "a weight scale": a kind of thing, named
                if g.phase == "tradeoffs" and any(a in phrase for a in ACCEPTANCE) and \
                        self._said_by_other(doc[start]):
                    continue  # "the renter is fine with a longer commute": theirs, no cost
                if g.phase == "metrics" and g.concrete and speaker_builds(
                        doc[end - 1], self.signals.words["build_verbs"]):
                    continue  # "we'd add a photo report after every visit": a part, no count
                if phrase in SLICE_INTROS and not any(
                        t.pos_ in ("NOUN", "PROPN") and t.dep_ != "conj" and
                        self._lem(t) not in self.signals.words["placeholders"]
                        for t in doc[end:s.span.end]):
                    continue  # "we'd start small and iterate": no slice follows
                if phrase in PAIRINGS and not self._compared(doc[start:end], s.span):
                    # "photos of the knives before and after", "the dispatcher sees both side
                    # by side": a pair shown, no comparison of the launch
                    continue
                if g.phase == "validation" and self._more_of(doc[start:end]):
                    continue  # "we should do more A/B testing generally": advice, not a test
                if g.phase == "clarify_goal" and doc[start].pos_ == "VERB" and \
                        self._thing_does(doc[start]):
                    continue  # "subway items all end up in one office": a thing, no pain
                if g.phase == "clarify_goal" and self._imperative(doc[start]):
                    continue  # "don't waste time on small talk": advice to the listener
                if g.phase == "clarify_goal" and end - start > 1 and self._speakers_own(
                        doc[start:end]):
                    continue  # "we don't know which timing works": the speaker's, not a pain
                if g.phase == "clarify_goal" and any(
                        x.lower_ == "they" and self._antecedent_is_org(x)
                        for x in doc[start:end]):
                    continue  # "the newsroom's goal is subscriptions, they want ..."
                if g.phase == "clarify_goal" and self._staffs_problem(doc[end - 1]):
                    continue  # "the problem customers have is that our crews keep ...": theirs
                if g.phase == "clarify_goal" and doc[start].pos_ == "VERB" and \
                        self._counted_people(doc[start]):
                    continue  # "compare how many end up on a team": a count, no pain
                if g.phase == "clarify_goal" and any(
                        (x := self._launch_wanted(a)) is not None and doc[start] in x.subtree
                        for a in doc[start].ancestors):
                    continue  # "doesn't want to launch twice and confuse people": an aim
                if g.phase == "scope" and doc[start].dep_ == "relcl" and \
                        self._lem(doc[start].head) in self.persons:
                    continue  # "the member I'd focus on is ...": who, not a slice
                if g.phase == "design" and end - start == 1 and start > 0 and \
                        doc[start - 1].text == "-" and doc[start].dep_ in ("compound", "amod") \
                        and doc[start].head.pos_ == "NOUN" and doc[start].head.i > start:
                    continue  # "a government-services twist": a kind of twist, no part
                if g.phase == "design" and end - start == 1 and self._person_sense(doc[start]):
                    continue  # "the clients, who are mostly over eighty": people, no part
                if g.speaker_verb and not self._speaker_does(doc[start]):
                    continue  # "friends are watching", "a watch party"
                if g.phase == "failure_modes" and any(
                        t.like_num or t.lower_ in ("percent", "%")
                        for t in doc[end:min(end + 3, s.span.end)]):
                    continue  # "prices go down twenty percent": an amount moving, no outage
                if g.phase == "constraints" and self._dismissed(doc[start]):
                    continue  # "scale's fine, honestly": a concern waved away shapes nothing
                if g.phase == "constraints" and self._lem(doc[start]) == "log" and \
                        end < s.span.end and doc[end].lower_ in ("in", "on", "out", "into"):
                    continue  # "a portal where you log in": signing in, no logging
                if g.phase == "tradeoffs" and self._lem(doc[start]) == "mean" and (
                        (subj := self._subject_of(doc[start])) is not None and
                        subj.lower_ in ("i", "you")):
                    continue  # "so I mean they'd get it by email": a filler; "that means"
                if g.phase == "tradeoffs" and doc[start].lower_ in ("willing", "prepared") and \
                        (subj := self._clause_subject(doc[start])) is not None and \
                        subj.lower_ not in ("i", "we"):
                    continue  # "how far they're willing to travel": someone else's readiness
                if g.phase == "tradeoffs" and end - start == 3 and \
                        self._lem(doc[start + 1]) in ("take", "choose") and \
                        end < s.span.end and doc[end].lower_ not in ACCEPTANCE_ENDS:
                    continue  # "I take that seriously", "we take that list": no cost taken
                if g.phase == "tradeoffs" and self._cost_denied(doc[end - 1]):
                    continue  # "I couldn't see a downside", "there's no real cost"
                if g.phase == "tradeoffs" and self._in_definition(doc[start]):
                    continue  # "a matching where the cost is delivery time": a definition
                if self._in_reported_question(doc[start]) or any(
                        self._lem(a) in ("ask", "wonder") and a.pos_ == "VERB"
                        for a in doc[start].ancestors):
                    # "they asked what I'd give up": a question reported, no claim; "can I
                    # ask, do we care about scale": the speaker's question (a phase cue only:
                    # "we'd ask owners how many days they lost, and stop if ..." still
                    # measures and promises)
                    continue
                if g.phase == "constraints" and self._lem(doc[start]) == "learn" and (
                        (subj := self._subject_of(doc[start])) is not None and
                        (self._lem(subj) in self.persons or subj.lower_ in (
                            "others", "they", "he", "she", "you", "people"))):
                    continue  # "so others can learn from it": people learning, not the system
                if g.phase == "constraints" and self._lem(doc[start]) == "learn" and "lesson" in (
                        doc[start].head.lemma_.lower(), *(
                            c.lemma_.lower() for c in doc[start].children
                            if c.dep_ in ("nsubj", "nsubjpass"))):
                    continue  # "Lesson learned: ...": the speaker's own lesson, no data
                if g.phase == "failure_modes" and doc[start].pos_ in ("VERB", "AUX") and (
                        (subj := self._subject_of(doc[start])) is not None and
                        (self._lem(subj) in self.persons or subj.lower_ in PRONOUNS_OF_PEOPLE)):
                    continue  # "a 14-year-old who is failing algebra": a person, not a part
                if g.phase == "failure_modes" and self._lem(doc[start]) == "go" and any(
                        c.lower_ == "down" and c.dep_ == "prep" and
                        any(o.dep_ == "pobj" for o in c.children) for c in doc[start].children) \
                        and (subj := self._subject_of(doc[start])) is not None and \
                        subj.lower_ in ("i", "we", "you"):
                    continue  # "we go down the list and text the next one": down a list
                if g.phase == "failure_modes" and not cond and self._state_of_a_thing(
                        doc[end - 1], s.signals):
                    continue  # "failed payments": what the member's thing went through
                if g.phase == "clarify_goal" and self._an_organisations(doc[end - 1]):
                    continue  # "the agency's worry is ...": the business's, not a member's
                if g.phase == "clarify_goal" and any(self._entered_choice(x)
                                                     for x in doc[start:end]):
                    continue  # "an organiser says how long they want the band for": a step
                if g.phase == "metrics" and start > 0 and doc[start - 1].lower_ == "same" and \
                        doc[start].dep_ == "pobj" and doc[start].head.lower_ == "with":
                    continue  # "serve more people with the same number of vans": what is had
                if g.phase == "metrics" and self._rating(doc[start:end]):
                    continue  # "rate the organiser afterwards": giving a score, no rate
                if g.phase == "tradeoffs" and start > 0 and doc[start - 1].lower_ == "go" and \
                        self._lem(doc[start]) == "live":
                    continue  # "what we'd go live with is ...": the first version named
                # the theme boost is for cues that can carry a sentence, not for weak words
                boost = rules.topic_boost if start in topic and g.weight >= 1.0 else 1.0
                if start in cond and g.phase == "design":
                    boost = 0.5  # "if the ranker is down": the ranker is what fails, not design
                w = g.weight * boost
                if start in reason:
                    in_reason.add((g.phase, len(hits.get(g.phase, []))))
                if g.concrete:
                    s.signals.setdefault(f"concrete:{g.phase}", []).append((phrase, neg, start))
                hits.setdefault(g.phase, []).append(
                    (w, g.generic or g.supporting, g.concrete, phrase))
            suppressed: set[str] = set()
            for pat, w, label, at in self._patterns(s.span, cond, s.signals):
                if persona is not None and at >= persona and pat.phase != "clarify_goal":
                    continue  # (what a quoted persona says of the world is no claim)
                if pat.kind == "rate":
                    s.signals.setdefault("concrete:metrics", []).append((label, False, at))
                if pat.kind == "lacking":  # what the design must learn without
                    s.signals.setdefault("kind:learning", []).append((label, False, at))
                if pat.signal and pat.kind not in EXTRA_KINDS:  # (those: in _patterns)
                    s.signals.setdefault(f"sig:{pat.signal}", []).append((label, False, at))
                s.signals.setdefault(f"pattern:{pat.kind}", []).append((label, False, at))
                suppressed.update(pat.suppress)
                if w > 0:
                    if at in reason:
                        in_reason.add((pat.phase, len(hits.get(pat.phase, []))))
                    hits.setdefault(pat.phase, []).append((w, False, True, label))
            counted = self._counted_comparative(s.span) if "metrics" in hits else None
            if counted is not None:
                # "Fewer wanted trips that never happen ..., so I'd count those each week":
                # what the speaker counts, with the way it should move, is a measure
                s.signals.setdefault("concrete:metrics", []).append(
                    (counted.text, False, counted.i))
            # "..., but I'd take that, because people would give up": when the main clause
            # says something concrete of its own (an accepted cost, a named measure, a
            # structural pattern), a cue in its because-clause explains it and weighs less
            # (a thing introduced as a list item, "And an identity service because staff all
            # need different logins", is such a main clause: the reason explains the part)
            item = _feature_item(s.span, self.signals.words)
            if item is not None and self._lem(item) in self.signals.lists["topic_names"] and \
                    not any(c.dep_ in ("compound", "amod") for c in item.children):
                # "so then metrics, which is where this lives or dies": a topic ("a
                # subscription plan" is a thing)
                item = None
            if in_reason and (item is not None or any(
                    w >= REASON_MAIN_MIN and concrete for p, lst in hits.items()
                    for k, (w, generic, concrete, _ph) in enumerate(lst)
                    if (p, k) not in in_reason and not generic)):
                for p, k in in_reason:
                    w, generic, c, ph = hits[p][k]
                    hits[p][k] = (w * REASON_WEIGHT, generic, c, ph)
            if any(g.phase == "tradeoffs" and (
                    any(a in doc[a0:b0].lemma_.lower() for a in COST_NAMES) or (
                        any(a in doc[a0:b0].text.lower() for a in ACCEPTANCE) and
                        self._said_by_speaker(doc[a0]))) for g, a0, b0, _n in raw[idx]):
                # "their hosts won't love that, but I'm fine with it": who loses what is the
                # cost the speaker accepts, not a member's pain
                suppressed.add("clarify_goal")
            for phase in suppressed:
                hits.pop(phase, None)
            for pat in rules.patterns:
                # a signal ("must not get worse") next to a concrete cue of the phase
                # ("rebuffer ratio") is that phase, whatever else the sentence mentions
                if pat.kind == "signal_with_concrete" and \
                        any(s.signals.get(f"sig:{n}") for n in pat.signals) and \
                        any(c for _, _, c, _ in hits.get(pat.phase, [])):
                    hits[pat.phase].append((pat.weight, False, True, "+".join(pat.signals)))
            if item is not None:
                s.signals.setdefault("sig:item", []).append((item.lemma_.lower(), False, item.i))
                hits.setdefault("design", []).append(
                    (ITEM_WEIGHT, False, False, f"item:{item.lemma_.lower()}"))
            # a thing added to the design ("we'd also add reviews and a chat") is a design cue
            added = added_thing(s.span, self.signals.words)
            if added is not None:
                hits.setdefault("design", []).append(
                    (ITEM_WEIGHT, False, False, f"added:{added.lemma_.lower()}"))
            cost = self._cost_to_people(s.span) or self._cost_gladly_taken(s.span)
            if cost is not None:
                hits.setdefault("tradeoffs", []).append((3.0, False, True, cost))
            defined = self._first_version_is(s.span)
            if defined is not None and \
                    defined.lemma_.lower() not in self.signals.words["placeholders"]:
                s.signals.setdefault("sig:first_is", []).append(
                    (defined.lemma_.lower(), False, defined.i))
            if defined is not None:
                hits.setdefault("design", []).append(
                    (ITEM_WEIGHT, False, False, f"first version is:{defined.lemma_.lower()}"))
            heading = self._heading(s.span)
            if heading is not None:
                phase, phrase = heading
                s.signals.setdefault("heading", []).append((phrase, False, s.span.start))
                concrete = any(c for _, _, c, _ in hits.get(phase, []))
                if phase == "metrics" and not concrete:
                    # ("Metric: quotes accepted / quotes sent, up from ~30%", "KPI: repeat
                    # visits per 100 jobs"): a line under a measure's heading that says how it
                    # is counted names a measure, whatever the things counted are called
                    concrete = self._heading_claims(s.span, phase, phrase)
                if phase == "tradeoffs":  # a cost heading names the cost (phases.toml)
                    hits.pop("clarify_goal", None)
                    concrete = True
                if phase not in rules.hedged_phases or concrete:
                    hits.setdefault(phase, []).append(
                        (rules.heading_weight, False, True, f"heading:{phrase}"))
            if "design" in hits and self._states_an_aim(s.span):
                del hits["design"]
                s.rejected.append("an aim stated, not the design")
            if s.signals.get("sig:bundle") and "scope" in hits:
                # "all of it in the first version" names the first version but narrows nothing
                del hits["scope"]
            chosen = self._picks_product(s.span) if "scope" in hits else None
            if chosen is not None:
                # LABELS: choosing which product or company to talk about is not a scope
                del hits["scope"]
                s.rejected.append(f"a product chosen, not a scope ({chosen})")
            for phase, lst in hits.items():
                concrete = any(c for _, _, c, _ in lst)
                if phase in hedged and phase in rules.hedged_phases and not concrete:
                    continue
                has_specific = any(not generic for _, generic, _, _ in lst)
                seen: dict[str, float] = {}
                for w, generic, _c, phrase in lst:
                    if generic and not has_specific:
                        continue
                    seen[phrase] = max(seen.get(phrase, 0.0), w)
                ws = sorted(seen.values(), reverse=True)
                score = sum(w * (0.5 ** k) for k, w in enumerate(ws))
                if score > 0:
                    s.scores[phase] = round(score, 3)
                    # a heading says which part this is; what the sentence claims is in its
                    # other words
                    # a topic name ("MVP", "validation") or a supporting word never carries
                    # a claim alone, nor does a heading (but a member heading in notes)
                    standalone = {ph for _w, generic, _c, ph in lst if not generic}
                    own = {k: v for k, v in seen.items() if k in standalone and (
                        not k.startswith("heading:") or
                        self._heading_claims(s.span, phase, k.removeprefix("heading:")))}
                    if phase == "clarify_goal" and own and all(
                            self._in_segment_list(s.span, k) for k in own):
                        # LABELS: a list of user segments with no need or pain
                        s.rejected.append("one of a list of segments, no need "
                                          f"({next(iter(own))})")
                        own = {}
                    if phase == "clarify_goal" and own and all(
                            self._who_only(s.span, k) for k in own):
                        who = max(own, key=lambda k: own[k])
                        s.rejected.append(f"who the member is, with no need or pain ({who})")
                        own = {}
                    if own:
                        top = max(own, key=lambda k: own[k])
                        s.peak[phase] = (round(own[top], 3), top)
            wish = self._vague_want(s.span)
            if self._vague(s.span) or self._pain_eased(s) or self._points_back(s) or (
                    wish is not None and "clarify_goal" in s.peak and (any(
                    w in s.peak["clarify_goal"][1].lower() for w in WANT_VERBS) or
                    s.peak["clarify_goal"][1].startswith("heading:"))):
                s.signals["vague"] = [("vague", False, s.span.start)]
            if "clarify_goal" in s.peak and "vague" in s.signals:
                s.rejected.append(f"vague wish, not a member goal ({s.peak['clarify_goal'][1]})")
                del s.peak["clarify_goal"]
            elif "clarify_goal" in s.peak and s.span[0].lower_ == "if" and \
                    s.peak.get("failure_modes", (0.0, ""))[0] >= rules.threshold:
                # "If the ledger can't reach ticketing, the swap stays pending ... rather than
                # fans ending up with dead barcodes": what members get when a part fails is
                # the failure mode's consequence, not their goal
                s.rejected.append("what members get when a part fails, not their goal "
                                  f"({s.peak['clarify_goal'][1]})")
                del s.peak["clarify_goal"]
                s.scores.pop("clarify_goal", None)  # (the sentence is the failure mode's)
            elif "clarify_goal" in s.peak and self._feeling_wished(s.span):
                s.rejected.append("a feeling wished for people, not what they try to do "
                                  f"({s.peak['clarify_goal'][1]})")
                del s.peak["clarify_goal"]
            fails = s.peak.get("failure_modes", (0.0, ""))[0]
            design_cue = s.peak.get("design", (0.0, ""))
            if s.signals.get("pattern:condition") and fails >= rules.threshold and \
                    fails >= design_cue[0] and "design" in s.scores and \
                    design_cue[1].lower().removeprefix("the ") not in \
                    self.signals.lists["topic_names"] and not any(
                        doc[i].dep_ in ("nsubj", "nsubjpass") and (
                            self._lem(doc[i]) in self.persons or
                            doc[i].lower_ in PRONOUNS_OF_PEOPLE)
                        for i in self._conditional_tokens(s.span)):
                # "Door terminal offline -> it keeps accepting taps and uploads afterwards",
                # "if the loyalty service doesn't answer, the sale goes through anyway": what
                # happens when a part fails is the failure mode's, whatever parts it names
                # (not a flow announced, "So the design, ...", nor what a person does, "when
                # someone reports a lost cat, the report goes into a queue")
                s.scores.pop("design")
            if not any(w >= rules.threshold for w, _p in s.peak.values()):
                # nothing here carries a phase on its own: scene-setting, a story, a wish
                s.scores["other"] = s.scores.get("other", 0.0) + NO_CLAIM_OTHER
            if hedged & set(rules.hedged_phases) and not any(
                    p in s.scores for p in hedged & set(rules.hedged_phases)):
                # talk about metrics or trade-offs that names none: filler, not a phase
                s.scores["other"] = s.scores.get("other", 0.0) + 1.0
                s.signals.setdefault("hedge", []).extend(
                    (p, False, s.span.start) for p in sorted(hedged))

    def _first_version_is(self, span: Span) -> Token | None:
        """The thing a first version is said to be or have ("So version one is a calendar
        where you ...", "V1 has a map and a filter"): what ships, a design statement. Not
        when the sentence narrows ("version one is just the TV app"): that is a scope."""
        names = self.signals.words["first_version_names"]
        narrowing = self.signals.words["narrowing"]
        if any(t.lower_ in narrowing for t in span):
            return None
        for t in span:
            # "we'd launch with three things: walker search, booking and payments"
            if t.lemma_ in ("launch", "ship", "release") and t.pos_ == "VERB":
                for c in t.children:
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None) \
                        if c.dep_ == "prep" and c.lower_ == "with" else None
                    if obj is not None and obj.pos_ == "NOUN" and (
                            obj.lemma_.lower() not in self.signals.words["placeholders"] or
                            any(x.text == ":" for x in span)):
                        return obj
            if t.lemma_ not in ("be", "have", "include", "contain"):
                continue
            before = " ".join(x.lower_ for x in t.doc[max(span.start, t.i - 3):t.i])
            if not any(before == n or before.endswith(" " + n) for n in names):
                continue
            for c in t.children:
                if c.dep_ in ("attr", "dobj") and c.pos_ == "NOUN" and \
                        c.lemma_.lower() not in self.signals.words["placeholders"]:
                    return c
        return None

    def _heading_claims(self, span: Span, phase: str, heading: str) -> bool:
        """Does a notes heading carry its phase's claim? A member heading over a person or a
        pain does; so does a cost heading over what is lost ("Cost: the free-text box goes");
        "Metrics:" or "Design:" only say which part this is."""
        if phase == "clarify_goal":
            return self._heading_states_member(span, heading)
        if phase == "tradeoffs":
            body = [t for t in span if t.i >= span.start + len(heading.split()) and
                    t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop]
            if "trade" in heading:
                # the topic's name ("Trade-offs: we'd weigh speed against cost") promises one;
                # the body must accept or give up something ("...; accept it, ...")
                low = span.text.lower()
                return any(self._lem(t) in ("accept", "tolerate", "sacrifice", "forgo")
                           for t in body) or any(a in low for a in ACCEPTANCE)
            return len(body) >= 2
        if phase == "metrics" and heading not in HELD_HEADINGS:
            # ("Metric: quotes accepted / quotes sent, up from ~30%"): a measure's heading over
            # a line that says how it is counted names the measure
            # (typed, with its colon: a heading heard before a comma runs on into the next
            # parts in a long heard sentence, "Success, ..., guardrail, ... per ...")
            colon = next((t for t in span[:LABEL_MAX_TOKENS + 2] if t.text == ":"), None)
            return colon is not None and any(t.lower_ in MEASURE_FORMS for t in span
                                             if t.i > colon.i)
        return False

    def _heading_states_member(self, span: Span, heading: str) -> bool:
        """"Pain: scrolls five rows, then gives up", "Learner: adult, freezes when asked to
        speak": in notes, a member heading followed by a person or a pain is the goal.
        "Goal: become the #1 podcast app" (no person) is a company goal."""
        pain = heading in PAIN_HEADINGS
        body = [t for t in span if t.i > span.start + len(heading.split())]
        if pain:
            return True
        # a list of segments names who, not what they try to do, and a goal with no person
        # doing it ("Goal: become the default way our members book classes") is the
        # company's: a person must be the subject of the body's own verb
        roots = [t for t in body if (t.pos_ in ("VERB", "AUX") and t.dep_ in (
            "ROOT", "conj", "ccomp")) or t.head.i == t.i]
        # ("Users: commuting cyclists who hit a blocked lane and have to swerve": the person,
        # and what they go through in a clause of their own)
        # (under a heading that names people: under "Goal:", "people drifting to boutique
        # studios" is the company's goal)
        last = heading.split()[-1]
        names_people = last in self.persons or last.rstrip("s") in self.persons or \
            heading.split()[0] == "who" or heading in ("for whom", "persona", "audience")
        # (a noun that "who" refers back to is a person, whatever the noun)
        if names_people and any(
                c.dep_ == "relcl" and (is_person(t, self.persons) or any(
                    w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children))
                for t in body for c in t.children):
            return True
        said = any(self._lem(c) in self.persons or c.lower_ in ("they", "he", "she")
                   for r in roots for c in r.children if c.dep_ in ("nsubj", "nsubjpass"))
        # (under a heading that names people, the person doing something is who they are,
        # "Users: patrol officers, mostly retired, walk to their site"; the goal needs what
        # they need or struggle with, on the line or the next: "Today: tries date combos one
        # by one")
        # (typed, with its colon: a heading heard aloud runs into what follows, and the
        # need may come sentences later; heard, the person doing something still counts)
        pat = self._member_pattern
        typed = any(t.text == ":" for t in span[:len(heading.split()) + 2])
        if said and names_people and typed and pat is not None and body:
            doc = span.doc
            nxt = doc[span.end:doc[span.end].sent.end] if span.end < len(doc) else None
            return self._states_a_need(doc[body[0].i:span.end], -1, pat) or (
                nxt is not None and (self._states_a_need(nxt, -1, pat) or any(
                    nxt.text.lower().startswith(p + ":") for p in PAIN_HEADINGS)))
        return said

    def _vague_want(self, span: Span) -> Token | None:
        """A want whose object says nothing specific ("readers just want a better experience
        in the morning", "drivers want parking to be easier"): the wanted thing and its core
        (objects, complements, modifiers; not adjuncts such as "in the morning") are all
        vague words, people or topic names. "They want to find a flat near work" is specific."""
        lists = self.signals.lists
        skip = set(lists["vague_words"]) | set(lists["topic_names"]) | self.persons
        core_deps = ("dobj", "xcomp", "ccomp", "acomp", "attr", "amod", "compound", "nsubj",
                     "oprd", "advmod", "neg", "aux", "det", "poss", "nummod")

        def core(t: Token) -> list[Token]:
            out = [t]
            for c in t.children:
                if c.dep_ in core_deps:
                    out += core(c)
            return out

        def comparative(a: Token) -> bool:
            # "better", "fairer", "more seamless": more of what there is
            return a.tag_ == "JJR" or (a.pos_ == "ADJ" and any(
                c.lower_ in ("more", "less") for c in a.children))

        def improved(x: Token) -> bool:
            # "better, fairer quotes": a thing wished only better than it is
            return x.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ in ("amod", "conj") and (comparative(c) or self._lem(c) in
                                                lists["vague_words"])
                for c in x.children)

        for t in span:
            if self._lem(t) not in WANT_VERBS or t.pos_ != "VERB":
                continue
            wanted = [c for c in t.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
            if not wanted:
                continue
            # "want parking to be easier", "want it to feel better": whatever is to be, the
            # wish is only that it be better
            if any(self._lem(w) in ("be", "feel", "get", "become") and any(
                    c.dep_ in ("acomp", "attr", "oprd") and
                    self._lem(c) in lists["vague_words"] for c in w.children) for w in wanted):
                return t
            # ("people want the app to be quick and reliable", "users need the booking flow to
            # be seamless"): a quality wished of the product is a requirement, not what they
            # try to do
            if any(self._lem(w) in ("be", "feel", "become") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and (
                        self._lem(c) in self.signals.words["products"] or
                        self._lem(c) in PRODUCT_THINGS) for c in w.children) and any(
                    c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ" for c in w.children)
                   for w in wanted):
                return t
            # ("parents need a booking calendar and reminders"): what they are said to need
            # is the product's features, a feature asked for, not what they try to do
            objs = [w for w in wanted if w.dep_ == "dobj"]
            objs += [c for o in objs for c in o.conjuncts]
            if objs and all(self._lem(o) in self.signals.words["feature_nouns"] for o in objs):
                return t
            words = [x for w in wanted for x in core(w)
                     if x.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")]
            # ("drivers want to get in without queueing", "they just want to get home"): a
            # light verb with where it goes, or a want with what it is to be free of, says
            # something specific
            if any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "without") or
                   (c.dep_ in ("advmod", "npadvmod") and c.lower_ in DIRECTIONS)
                   for w in wanted for x in core(w) for c in x.children):
                continue
            if words and all(self._lem(x) in skip or x.lower_ in skip or
                             self._lem(x) in LIGHT_VERBS or comparative(x) or improved(x)
                             for x in words) and \
                    any(self._lem(x) in lists["vague_words"] or comparative(x)
                        for x in words):
                return t
        return None

    def _in_segment_list(self, span: Span, phrase: str) -> bool:
        """Is a member cue only what tells one group of a list from the others ("it's really
        everybody, people in meetings, people on the train, people with hearing loss, people
        who just prefer reading")? Three or more groups of people, each a piece of its own
        between commas, name who the product is for, not what any of them tries to do: the
        cue's person is one of them, and its verb is in that person's relative clause."""
        # (the cue is named by its subject, "people", or by subject and verb, "people prefer")
        words = phrase.split()
        # (a group with its burden is a member's goal: "restaurant owners who can't see when
        # the courier arrives"; one told apart by a habit or a taste is a segment)
        said = [t for t in span if t.text == words[0] and any(
            c.dep_ == "relcl" and (len(words) == 1 or c.text == words[-1]) and
            not self._situation(c) for c in t.children)]
        if not said:
            return False
        groups = []
        for piece in comma_pieces(span):
            head = next((t for t in piece if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
            if head is not None and head.pos_ != "PRON" and is_person(head, self.persons):
                groups.append(piece)
        return len(groups) >= SEGMENT_LIST_MIN and all(any(p in g for g in groups) for p in said)

    def _who_only(self, span: Span, phrase: str) -> bool:
        """Is a member cue only a person said to be someone ("the typical customer I'm
        picturing is a guy called Dev, he's forty-two, he runs a Thai place")? That says who,
        not what they try to do or what breaks: "the customer is someone who wants ..." has
        its want as a cue of its own, "parents are stuck" is a state."""
        words = phrase.split()
        if self._wanting_state(span) is not None:
            return False  # "..., he's keen to use the lathe": who, and what they want
        # (the cue is named by its subject, "customer", or by subject and verb, "customer is")
        subject, verb = (words[-2], words[-1]) if len(words) > 1 else (words[0], None)
        for t in span:
            if (verb is not None and t.text != verb) or t.lemma_ != "be" or not any(
                    c.dep_.startswith("nsubj") and c.text == subject for c in t.children):
                continue
            # (an identity or an age: "is a guy called Dev", "he's forty-two"; not "is someone
            # whose friends live in another city": the relative clause says their situation;
            # "a nurse who works night shifts and uses her phone on the bus" only habits)
            # (who, with their burden said next: "the users are the outreach caseworkers." then
            # "At night a caseworker has to call five shelters ...")
            # (a "who" clause says a person's situation wherever the parser hung it: "the
            # surveyor on site, standing ... with a clipboard balanced on a stepladder, who
            # wants to get the numbers down once" hangs it on the stepladder)
            if any(r.dep_ == "relcl" and self._situation(r) and any(
                    x.lower_ in ("who", "whose") for x in r.children) for r in span):
                return False
            return any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PRON", "PROPN", "NUM") and
                       not any(r.dep_ == "relcl" and self._situation(r) for r in c.subtree)
                       for c in t.children) and not any(
                c.dep_ in ("acomp", "neg") for c in t.children) and not (
                self._member_pattern is not None and
                self._need_follows(span, t, self._member_pattern))
        return False

    def _situation(self, rel: Token) -> bool:
        """Does a relative clause on a person say their situation ("someone whose chain
        snaps", "who can't get it fixed the same day", "who wants her bike back") rather than
        habits ("who works night shifts and uses her phone on the bus", "who cook at home")?
        A verb of wanting or struggling (signals.toml [words] situation_verbs), a negation or
        a "whose" says a situation."""
        verbs = self.signals.words["situation_verbs"]
        return any(x.lower_ == "whose" or x.dep_ == "neg" or x.lower_ in ("never", "no") or
                   (x.pos_ in ("VERB", "AUX") and self._lem(x) in verbs)
                   for x in rel.subtree)

    def _feeling_wished(self, span: Span) -> bool:
        """Is the only member wording a feeling the speaker wishes people, or the product,
        had ("I want them to feel the club is on their side", "clients should feel confident
        when they book", "booking should feel instant", "make owners feel looked after")? The
        speaker's aim, not what members try to do or what breaks for them; "riders feel lost
        when the map freezes" says what breaks, and "they want shuffle to feel random" what
        members want of the product."""
        for t in span:
            if self._lem(t) != "feel" or t.pos_ != "VERB":
                continue
            subj = self._subject_of(t)
            personal = subj is None or is_person(subj, self.persons) or \
                subj.lower_ in PRONOUNS_OF_PEOPLE | {"they", "them"}
            if any(c.dep_ == "prep" and c.lower_ == "about" for c in t.children):
                return True  # "how people feel about the farm": an opinion, no need
            if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "'d", "would")
                   for c in t.children):
                return True  # "clients should feel confident", "booking should feel instant"
            if t.dep_ not in ("xcomp", "ccomp") or self._lem(t.head) not in (
                    *WANT_VERBS, "make", "let", "like", "love"):
                continue
            wanter = self._subject_of(t.head)
            # the speaker's wish, for people or for the product ("I want them to feel the
            # club is on their side", "we want the app to feel friendly"); people wishing a
            # feeling for themselves ("parents want to feel confident"); but not what members
            # want a thing to be like ("they want shuffle to feel random": how it should work)
            if wanter is not None and wanter.lower_ in ("i", "we"):
                return True
            if personal:
                return True
            # ("they want booking to feel easy": a thing wished only nicer is a vague wish)
            said = [x for c in t.children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp")
                    for x in c.subtree if x.pos_ in ("ADJ", "NOUN", "VERB", "ADV")]
            if said and all(self._lem(x) in self.signals.lists["vague_words"] for x in said):
                return True
        return False

    def _points_back(self, s: _SentInfo) -> bool:
        """Is the member cue a pain word said of "that" or "this" ("That's really the pain I
        want to fix", "this is the problem")? It points back at what was said, and names no
        pain of its own."""
        cue = s.peak.get("clarify_goal", (0.0, ""))[1].lower().split()
        # (one that names whose it is ties the pain before to them: "that's the problem
        # for commuters")
        if any(is_person(t, self.persons) for t in s.span):
            return False
        return bool(cue) and any(
            t.lower_ in cue and t.pos_ == "NOUN" and t.dep_ == "attr" and
            self._lem(t.head) == "be" and any(
                c.dep_ == "nsubj" and c.lower_ in ("that", "this", "it") for c in t.head.children)
            for t in s.span)

    def _pain_eased(self, s: _SentInfo) -> bool:
        """Is the member cue only a pain the design is to make less of ("making disruption a
        bit less painful for passengers in general", "make the wait less frustrating")? A
        wish for better, with no situation in which it hurts."""
        cue = s.peak.get("clarify_goal", (0.0, ""))[1].lower().split()
        return bool(cue) and any(
            t.lower_ in cue and t.pos_ == "ADJ" and self._lem(t.head) == "make" and
            any(c.lower_ in ("less", "more") and c.dep_ == "advmod" for c in t.children)
            for t in s.span)

    def _vague(self, span: Span) -> bool:
        """Does the sentence say nothing specific beyond people and wishes ("members need a
        better, more seamless experience", "creators want to grow")? At most one content
        word that is not vague, a person or a topic name."""
        lists = self.signals.lists
        skip = set(lists["vague_words"]) | set(lists["topic_names"]) | self.persons
        words = [t for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")]
        # (spaCy's stop words hold verbs such as "move" and "give": not used here)
        content = {self._lem(t) for t in words
                   if self._lem(t) not in skip and t.lower_ not in skip}
        wishes = [t for t in words if self._lem(t) in lists["vague_words"]]
        # nothing specific at all, or one word next to a wish ("creators want to grow")
        return not content or (len(content) == 1 and bool(wishes))

    def _restates_prompt(self, span: Span) -> bool:
        """"Prompt: design a lending service for camera gear", "The question was to design
        lane booking for public pools", "I was asked to improve ...": the interview question
        told again (signals.toml prompt_names) states nothing of the answer."""
        names = self.signals.lists["prompt_names"]
        toks = [t for t in span if t.lower_ not in FILLER_OPENERS and t.text not in BULLETS]
        if len(toks) > 2 and toks[0].lower_ in names and toks[1].text == ":":
            return True
        root = span.root

        def restated(verb: Token) -> bool:
            return self._lem(verb) == "be" and any(
                c.dep_ in ("xcomp", "ccomp", "attr") for c in verb.children) and any(
                c.dep_ == "nsubj" and self._lem(c) in names for c in verb.children)
        if restated(root):
            return True
        # ("This was for a car wash chain ..., and the prompt was to design their first
        # app": a clause setting the scene, then the question told; a clause of the
        # speaker's own, "and I'd start with the gate", says something)
        clauses = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in (
            "VERB", "AUX")]
        if len(clauses) > 1 and any(restated(v) for v in clauses[1:]) and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we", "you")
                for v in clauses for c in v.children):
            return True
        # ("So the problem you laid out", "the need you described, I'll take as given": what
        # the interviewer said, pointed at; "the problem you mentioned is that ..." says it)
        pointed = any(t.pos_ == "NOUN" and any(
            c.dep_ == "relcl" and self._lem(c) in self.signals.words["telling_verbs"] and any(
                g.dep_ == "nsubj" and g.lower_ == "you" for g in c.children)
            for c in t.children) for t in span)
        # (but "the aftercare thing you mentioned, sure, that can go in as well" takes it up)
        if pointed and self._lem(root) != "be" and \
                added_thing(span, self.signals.words) is None:
            return True
        # ("This was my answer in a PM interview at a fintech, happy to hear where it went
        # wrong": the answer itself pointed at, the frame of a write-up; "this is my answer:
        # members on TV first" goes on to say it)
        # ("Posting this because it surprised me, it was a hobby-app prompt in a loop": the
        # prompt pointed at the same way)
        frames = self.signals.words["writeup_frames"]
        if not any(t.text == ":" for t in span) and any(
                self._lem(v) == "be" and any(
                    c.dep_ == "nsubj" and c.lower_ in ("this", "that", "it", "here")
                    for c in v.children) and any(
                    # (a kind of case is no prompt: "it's sort of the hardest case")
                    c.dep_ == "attr" and self._lem(c) in frames and
                    not any(m.dep_ == "amod" for m in c.children) for c in v.children)
                for v in [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj"))]):
            return True
        # ("Here's my answer from a mock, would love some critique": the answer presented by
        # "here", wherever the parser hangs it; "Here's my answer: ..." goes on to say it)
        if not any(t.text == ":" for t in span) and any(
                self._lem(v) == "be" and any(c.dep_ == "advmod" and c.lower_ == "here" and
                                             c.i < v.i for c in v.children) and any(
                    c.dep_ == "nsubj" and self._lem(c) in frames and any(
                        g.dep_ == "poss" and g.lower_ in ("my", "our") for g in c.children)
                    for c in v.children)
                for v in span):
            return True
        # ("Sharing my answer to a product-design question from a PM loop, since ...",
        # "Posting my attempt at ...": the speaker's own answer pointed at by posting it; "I'd
        # share the plan with the owner" is the design)
        if self._lem(root) in ("share", "post") and not any(
                c.dep_ == "aux" and c.tag_ == "MD" for c in root.children) and any(
                c.dep_ == "dobj" and self._lem(c) in frames and any(
                    g.dep_ == "poss" and g.lower_ == "my" for g in c.children)
                for c in root.children):
            return True
        # ("This came up in a phone screen and I think I fumbled the second half": the prompt
        # pointed at by where it came up; "a phone screen" is the interview, not a screen)
        def interview(g: Token) -> bool:
            return self._lem(g) in frames or (
                self._lem(g) == "screen" and any(m.lower_ == "phone" for m in g.children))
        if any(self._lem(v) == "come" and any(c.lower_ == "up" for c in v.children) and any(
                c.dep_ == "nsubj" and c.lower_ in ("this", "that", "it") for c in v.children) and
               any(c.dep_ == "prep" and c.lower_ in ("in", "at", "during") and any(
                   g.dep_ == "pobj" and interview(g) for g in c.children) for c in v.children)
               for v in span if v.pos_ == "VERB"):
            return True
        # ("I was asked to design ...": the interviewer's words, told)
        return self._lem(root) == "ask" and any(c.dep_ == "nsubjpass" and c.lower_ in (
            "i", "we") for c in root.children) and any(c.dep_ == "xcomp" for c in root.children)

    def _states_an_aim(self, span: Span) -> bool:
        """"The owner's goal here is to turn tables faster": an aim word as the subject of
        "be" with what is to be done (signals.toml aim_words)."""
        root = span.root
        return self._lem(root) == "be" and any(
            c.dep_ == "nsubj" and self._lem(c) in self.signals.words["aim_words"]
            for c in root.children) and any(
            c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in root.children)

    def _about_the_interview(self, span: Span) -> bool:
        """A write-up's words about the interview rather than the answer: someone's verdict
        on it ("Feedback was that it was tidy but light on what we'd give up", signals.toml
        verdict_nouns), or advice to the reader for such a prompt ("If you get a prompt like
        this, narrow the features and say what you'd give up"; writeup_frames)."""
        words = self.signals.words
        # ("..., but the feedback said the user came late and that I hadn't thought about
        # what happens when things break": the verdict saying it, anywhere in the sentence)
        if any(self._lem(v) in ("be", "say") and any(
                c.dep_ == "nsubj" and self._lem(c) in words["verdict_nouns"]
                for c in v.children) and any(
                c.dep_ in ("ccomp", "attr", "acomp") for c in v.children)
               for v in span if v.pos_ in ("VERB", "AUX")):
            return True
        return any(
            t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "when")
                                      for c in t.children) and
            any(c.dep_ == "nsubj" and c.lower_ == "you" for c in t.children) and
            any(self._lem(x) in words["writeup_frames"] and x.pos_ == "NOUN"
                for x in t.subtree)
            for t in span)

    def _cost_gladly_taken(self, span: Span) -> str | None:
        """A cost named, then said to sit well with the speaker in a clause of its own that
        ends on "with" ("I named one cost I was happy with: the glaziers upload a photo on
        every job", "a downside we're glad with"): the cost accepted. "I was happy with the
        tracker" praises something, it names no cost."""
        for t in span:
            if t.lower_ != "with" or t.dep_ != "prep" or any(
                    c.dep_ in ("pobj", "pcomp") for c in t.children) or \
                    t.head.lower_ not in GLAD_WORDS:
                continue
            subj = self._subject_of(t.head.head if t.head.dep_ == "acomp" else t.head)
            if subj is None or subj.lower_ not in ("i", "we"):
                continue
            cost = next((x for x in span.doc[max(span.start, subj.i - 3):subj.i]
                         if self._lem(x) in COST_WORDS), None)
            if cost is not None:
                return f"{cost.text} {subj.text} {t.head.text} with"
        return None

    def _cost_to_people(self, span: Span) -> str | None:
        """A choice said to mean that some people lose out ("which does mean the handful of
        people with only a landline get nothing new at first", "that means walk-ins wait
        longer"): the cost of the choice, said as who pays it (LABELS: an accepted cost
        phrased as someone losing something)."""
        for t in span:
            if self._lem(t) != "mean" or t.pos_ != "VERB" or t.i + 1 >= span.end:
                continue
            if not any(c.lower_ in ("that", "which", "this", "it") and c.dep_ == "nsubj"
                       for c in t.children):
                continue  # ("what I mean is": a filler; "it means" of the choice made)
            for v in t.children:
                if v.dep_ not in ("ccomp", "xcomp", "dobj") or v.pos_ not in ("VERB", "AUX"):
                    continue
                subj = self._subject_of(v)
                # (or a part of them: "the handful of people with only a landline")
                who = [subj] + [g for c in subj.children if c.dep_ == "prep" and
                                c.lower_ == "of" for g in c.children] if subj is not None else []
                if not any(self._lem(w) in self.persons or w.lower_ in (
                        "people", "some", "everyone") for w in who):
                    continue
                out = [x for x in v.subtree if x.i >= v.i]
                lose = self._lem(v) in ("lose", "wait", "miss", "pay", "queue") or any(
                    x.lower_ in ("nothing", "longer", "slower", "less", "fewer", "without")
                    or x.dep_ == "neg" for x in out)
                if lose:
                    return f"{t.text} {who[0].text} {v.text}"
        return None

    def _aside(self, s: _SentInfo) -> bool:
        """An aside about the speaker's own life or a tangent: "I was using it this morning",
        "we did something like this at my last company", "side note, ...". The candidate's
        story is not the member's goal nor the design."""
        if s.signals.get("sig:aside_markers"):
            return True
        # ("- Separately, A/B the redesigned Explore tab": an adverb that opens the sentence
        # on something apart from the answer; "we'd test the two separately" is in the answer)
        lead = next((t for t in s.span if not t.is_punct and t.text not in LINE_BULLETS and
                     t.lower_ not in FILLER_OPENERS), None)
        if lead is not None and lead.lower_ in self.signals.words["tangent_openers"] and \
                lead.i + 1 < len(lead.doc) and lead.doc[lead.i + 1].text == ",":
            return True
        root = s.span.root
        subj = self._subject_of(root) if root.pos_ in ("VERB", "AUX") else None
        # the sentence opens on it ("So, um, I did an eight-hour drive ..."); a persona quoted
        # later in a sentence ("..., please stop, I watched one documentary") is not an aside
        opening = [t for t in s.span[:8] if not t.is_punct and t.lower_ not in FILLER_OPENERS]
        # a write-up of one's answer tells it in the past ("I accepted that ...", "I said we'd
        # ...", "I anchored on one person"): a verb of saying or deciding reports the answer
        if self._lem(root) in REPORT_VERBS:
            return False
        # ("I was upfront that regulars lose that freedom, and I said I'd take that": a report
        # under the root, or "I was clear that ...", which reports what was said)
        if any(self._lem(t) in REPORT_VERBS and (sb := self._subject_of(t)) is not None and
               sb.lower_ in ("i", "we") for t in s.span if t.pos_ == "VERB") or (
                self._lem(root) == "be" and any(c.dep_ == "ccomp" for c in root.children)):
            return False
        # "Then I went straight into the build: a status service, a task queue, ...": system
        # parts are the answer, not the speaker's life
        if any(not neg for _p, neg, _i in s.signals.get("sig:components", [])):
            return False
        return subj is not None and subj.lower_ in ("i", "we") and root.tag_ == "VBD" and \
            root.lower_ not in ("'d", "d", "would", "had") and bool(opening) and \
            opening[0].i == subj.i and not any(
                c.dep_ == "aux" and c.lower_ in ("would", "'d", "will", "'ll")
                for c in root.children)

    def _regrets(self, span: Span) -> bool:
        """Does the speaker say what they wish they had said ("Looking back, I wish I'd said
        what happens if the payment step times out", "I should have mentioned a guardrail",
        "I forgot to talk about rollback")? A wish about the answer is no claim in it."""
        for t in span:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            subj = self._subject_of(t)
            if subj is None or subj.lower_ not in ("i", "we"):
                continue
            lemma = self._lem(t)
            told = [c for c in t.children if c.dep_ in ("ccomp", "xcomp") and
                    self._lem(c) in SAYING_VERBS]
            if lemma == "wish" and any(
                    c.dep_ == "ccomp" and (c.tag_ == "VBN" or any(
                        a.dep_ == "aux" and (a.lemma_.lower() == "have" or a.lower_ == "'d")
                        for a in c.children))
                    for c in t.children):
                return True  # "I wish I'd said ...", "I wish we had covered ..."
            if lemma in ("forget", "forgot") and told:
                return True  # "I forgot to mention ..."
            if lemma == "get" and (self._is_negated(t) or any(
                    c.lower_ == "never" for c in t.children)) and any(
                    c.dep_ in ("prep", "prt") and c.lower_ == "to" for c in t.children):
                return True  # "I didn't get to the downsides", "I never got to trade-offs"
            if lemma == "run" and any(c.lower_ == "out" for c in t.children) and any(
                    x.lower_ == "time" for x in t.subtree) and any(
                    c.dep_ == "prep" and c.lower_ == "before" and any(
                        self._lem(g) in SAYING_VERBS for g in c.subtree)
                    for c in t.children):
                return True  # "I ran out of time before saying how I'd try it out"
            if t.tag_ == "VBN" and lemma in SAYING_VERBS and any(
                    c.dep_ == "aux" and c.lower_ in ("should", "could", "shoulda")
                    for c in t.children) and any(
                    c.dep_ == "aux" and c.lower_ in ("have", "'ve", "of") for c in t.children):
                return True  # "I should have mentioned ..."
            if lemma in OMITTED_VERBS and self._is_negated(t) and (t.tag_ == "VBD" or any(
                    c.dep_ == "aux" and c.lower_ in ("did", "had") for c in t.children)):
                return True  # "I never said what happens if it breaks", "I didn't cover ..."
        return False

    def _skips_it(self, s: _SentInfo) -> bool:
        """Does the sentence name something and then put it off ("I had a whole point about
        what happens when a printer jams, but I'll skip that", "..., I'll come back to it")?
        The speaker defers what was just named: nothing is stated."""
        for _phrase, neg, i in s.signals.get("sig:deferral", []):
            verb = s.span.doc[i]
            subj = self._subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            if neg or subj is None or subj.lower_ not in ("i", "we", "let", "'s"):
                continue
            if verb.dep_ in ("relcl", "acl"):
                continue  # "the way I think about it is ...": framing what follows
            # ("Then I talked about who it's for: a family who ..."): what was talked about,
            # told after a colon, is said, not put off
            colon = next((t for t in s.span if t.text == ":" and t.i > verb.i), None)
            if colon is not None and sum(1 for t in s.span if t.i > colon.i and
                                         not t.is_punct) >= 3:
                continue
            if any(x.lower_ in ("that", "it", "this", "those") and x.i > verb.i
                   for x in verb.subtree):
                return True
        return False

    def _speech_act(self, s: _SentInfo) -> str | None:
        """"question", "heading", "aside", "agenda" or "skip" when the sentence states nothing
        (see signals.toml [speech_acts]); None for a statement."""
        span = s.span
        lists = self.signals.lists
        last = next((t for t in reversed(span) if t.text not in ('"', "'", ")", "”")), None)
        if last is not None and last.text == "?":
            # "I'll assume mobile only, is that fair?" states an assumption; "Should I assume
            # mobile only?" (an inverted question) only asks
            opening = next((t for t in span if not t.is_punct and
                            t.lower_ not in FILLER_OPENERS), None)
            inverted = opening is not None and (opening.tag_ in ("MD", "WDT", "WP", "WRB") or
                                                opening.pos_ == "AUX")
            if inverted or not s.signals.get("sig:assumption"):
                return "question"
        words = [t for t in span if not t.is_punct]
        if len(words) == 1 and span[-1].text == ":" and words[0].lower_ in turn_roles():
            return "heading"  # a turn label the parser left on its own ("Candidate:")
        heading = self._heading(span)
        if heading is not None:
            rest = [t for t in span if not t.is_punct and t.lower_ not in FILLER_OPENERS
                    and t.lower_ not in ("first", "then", "the", "next", "now")]
            if len(rest) <= len(heading[1].split()):
                return "heading"  # "Okay, so, users." announces; the next sentences say
        if self._aside(s) or self._restates_prompt(span) or self._about_the_interview(span):
            return "aside"
        if self._skips_it(s):
            return "skip"
        if self._regrets(s.span):
            return "regret"
        # every token of a topic name ("failure modes"), not only its first
        # (a hyphenated name is three tokens: "trade", "-", "offs")
        topics = {i + k for ph, _, i in s.signals.get("sig:topic_names", [])
                  for k in range(len(ph.replace("-", " - ").split()))}
        if not topics:
            return None
        # "Plan: 1) goal 2) metrics 3) scope ...", "Trade-offs: Failure modes: Launch:": a
        # list of topic names is a table of contents, whatever its verb
        content = [t for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")
                   and not t.is_stop]
        named = [t for t in content if t.i in topics or self._lem(t) in lists["topic_names"]]
        if named and len(named) == len(content) and len(content) <= 3:
            return "heading"  # "5) Options:", "Architecture:", "Okay, so, users."
        if len(named) >= 3 and len(named) >= AGENDA_DENSITY * len(content):
            return "agenda"
        subjects = set(lists["agenda_subjects"])
        for _phrase, neg, i in s.signals.get("sig:agenda_verbs", []):
            verb = span.doc[i]
            if neg:
                continue
            subj = self._subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lower_ not in subjects:
                continue
            if subj is None and verb.tag_ in ("VBZ", "VBD"):
                continue  # "the booking still goes through with a note": a thing's verb
            if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
                continue  # "I'd define success as ...": a definition states it
            if any(x.lower_ in ("only", "just") for x in verb.subtree):
                continue  # "start with phones only and two kinds of problem" narrows
            if any(x.lower_ == "no" and x.dep_ == "det" and x.head.head.head.i == verb.i
                   for x in verb.subtree):
                continue  # "we start with no idea what ...": nothing is announced
            colon = next((t for t in span if t.text == ":" and t.i > verb.i), None)
            if colon is not None and sum(1 for t in content if t.i > colon.i) >= 2:
                continue  # "Start with the architecture: an intake service, ...": said
            after = [x for x in verb.subtree if x.i > verb.i] or \
                [x for x in span if x.i > verb.i]
            hit = [x for x in after if x.i in topics]
            # "let me start with the member, someone browsing on a TV makes snap decisions":
            # an announcement followed by what it announces states that
            inside = {x.i for x in verb.subtree}
            rest = [t for t in content if t.i not in inside and t.i != verb.i
                    and t.i not in topics]
            # "start with members who turned on ...": a qualified group is a slice, not a topic
            # ("the member goal" is still a topic name)
            if hit and len(rest) <= AGENDA_REST and not any(
                    c.dep_ in ("relcl", "acl", "amod", "compound", "prep") and c.i not in topics
                    for x in hit for c in x.children if x.pos_ == "NOUN"):
                return "agenda"
        return None

    @staticmethod
    def _opens_list_item(t: Token) -> bool:
        """Typed notes: "... Gen Z. Step 2: Metrics: ...", "...; 3) Edge prefetch": a list
        marker after a sentence or item end starts a new sentence, whatever the parser thinks
        of the abbreviation before it."""
        doc = t.doc
        if t.i == 0 or t.i + 1 >= len(doc):
            return False
        nxt = doc[t.i + 1]
        if nxt.text in (".", ")") and t.text.isdigit() and t.i + 2 < len(doc) and \
                doc[t.i + 2].is_alpha and (doc[t.i - 1].text[-1] in ".;:!?" or any(
                    x.text == str(int(t.text) - 1) and doc[x.i + 1].text == nxt.text and
                    x.i > 0 for x in doc[max(0, t.i - NUMBERED_ITEM_SPAN):t.i - 1])):
            # "... a seller can: 1. book a pitch 2. pick the spot 3. pay by card": notes
            # typed with no full stops; an item's number, after the one before it, starts
            # the item
            return True
        if doc[t.i - 1].text[-1] not in ".;:!?":
            # ("Context: - 10m dogs, 30% out of date - company goal: ..."): notes typed with
            # no item ends; a spaced bullet opens an item once a bullet opened one earlier
            # (at the start or after an end), as numbered items do
            return t.text in BULLETS and nxt.is_alpha and bool(t.whitespace_) and \
                bool(doc[t.i - 1].whitespace_) and any(
                    x.text in BULLETS and bool(x.whitespace_) and doc[x.i + 1].is_alpha and
                    (x.i == 0 or doc[x.i - 1].text[-1] in ".;:!?") for x in doc[:t.i])
        if t.text in BULLETS:
            return nxt.is_alpha  # "v1: - one-tap report", "... spots. - leaderboard"
        if t.lower_ == "step":
            return nxt.like_num
        if t.like_num and _time_slot_length(list(doc[t.i:t.i + 6])):
            return True  # a timed plan's slot ("... min. 5-15 min: design: ...")
        if nxt.text == ":" and t.is_title and t.is_alpha:
            return True  # "... within 24 h. Guardrail: bookings per searcher flat"
        return (t.like_num or (len(t.text) == 1 and t.is_alpha)) and nxt.text == ")"

    @staticmethod
    def _list_marker(toks: list[Token], i: int) -> bool:
        """A list marker of typed notes: "1)", "a.", "2.", "Step 3:", "-", or a time slot of
        a timed plan ("12-20 min: who it's for: ...")."""
        t = toks[i]
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if i > 1 and t.like_num and toks[i - 1].text in ("-", "–") and toks[i - 2].like_num:
            return True  # (the end of "12-20")
        if i > 0 and t.lower_ in TIME_SLOT_UNITS and toks[i - 1].like_num and nxt == ":":
            return True
        if t.like_num or (len(t.text) == 1 and t.is_alpha and nxt in (")", ".")):
            return i == 0 or toks[i - 1].lower_ == "step" or nxt in (")", ".", ":")
        return t.lower_ == "step" and i + 1 < len(toks) and toks[i + 1].like_num

    def _heading(self, sent: Span) -> tuple[str, str] | None:
        """(phase, heading) when the sentence opens, after fillers, with a spoken section
        heading followed by a pause mark or the end of the sentence: "Member first, ...",
        "Design: ...", "So, scope."."""
        toks = list(sent)
        i = 0
        while i < len(toks) and (toks[i].is_punct or toks[i].lower_ in FILLER_OPENERS or
                                 self._list_marker(toks, i)):
            i += 1
        # ("Med students. Their problem: ...": a person's heading is the heading)
        if i + 1 < len(toks) and toks[i].lower_ in ("their", "her", "his") and \
                toks[i].dep_ == "poss":
            i += 1
        best: tuple[str, str, int] | None = None
        for phase, heads in self.phase_rules.headings.items():
            for h in heads:
                # (hyphens aside: "Trade-off:" is three tokens, "trade-off" one heading)
                words = self._heading_words(h)
                n, k = 0, i
                while k < len(toks) and n < len(words):
                    if toks[k].text == "-" and n > 0:
                        k += 1
                        continue
                    if toks[k].lower_ != words[n]:
                        break
                    n, k = n + 1, k + 1
                if n == len(words) and (best is None or k - i > best[2]):
                    best = (phase, h, k - i)
        if best is None:
            return None
        j = i + best[2]
        # "Member first, ...", "Design-wise, ..."
        while j < len(toks) and toks[j].lower_ in ("first", "then", "-", "wise", "side"):
            j += 1
        if j < len(toks) and not (toks[j].is_punct and toks[j].text in HEADING_MARKS):
            return None
        return best[0], best[1]

    def _typed_heading(self, t: Token) -> bool:
        """Typed notes with no full stops ("... we learn from that Build: buy on the web page
        ... Check: soft launch in June"): a capitalised one-word section heading before a
        colon starts a new line wherever it stands."""
        doc = t.doc
        if t.i == 0 or t.i + 1 >= len(doc) or not (t.is_title and t.is_alpha) or \
                (doc[t.i - 1].is_punct and doc[t.i - 1].text != "%"):
            return False
        if doc[t.i + 1].text == ":" and self._typed_heading_word(t):
            return True
        # any short capitalised label before a colon ("... pay for itself Overall: make ...",
        # "... a couple of churches Count that matters: trees delivered ..."), after a word
        # in lower case, in notes that are typed with colons throughout
        colon = next((x for x in doc[t.i + 1:t.i + 1 + LABEL_MAX_TOKENS]
                      if x.text == ":" or (x.is_punct and x.text != "'s")), None)
        before = doc[t.i - 1]
        if colon is None or colon.text != ":" or any(
                x.is_title for x in doc[t.i + 1:colon.i]) or not (
                (before.is_lower and before.is_alpha) or before.like_num or before.text == "%"):
            return False
        # (typed labels, not the speakers' of a dialogue: "Interviewer:")
        roles = turn_roles()
        return sum(x.text == ":" and x.i > 0 and doc[x.i - 1].lower_ not in roles
                   for x in doc) >= INLINE_LABEL_MIN_COLONS

    def _heard_heading(self, t: Token) -> bool:
        """Is the token a one-word section heading said as a sentence of its own, with more
        after it ("... within 24 h. Guardrail. Bookings per searcher ...")?"""
        doc = t.doc
        if t.i + 2 >= len(doc) or doc[t.i + 1].text != "." or not t.is_alpha or \
                (t.i > 0 and doc[t.i - 1].text not in (".", "?", "!")):
            return False
        return self._typed_heading_word(t)

    def _typed_heading_word(self, t: Token) -> bool:
        if self._one_word_headings is None:
            self._one_word_headings = frozenset(
                h for heads in self.phase_rules.headings.values() for h in heads
                if " " not in h and "-" not in h)
        return t.lower_ in self._one_word_headings

    def _heading_words(self, heading: str) -> list[str]:
        """The heading's words as the tokenizer splits them ("who it's for" is who / it /
        's / for; hyphens aside: "Trade-off:" is three tokens, "trade-off" one heading)."""
        words = self._heading_cache.get(heading)
        if words is None:
            words = [t.lower_ for t in self.nlp.tokenizer(heading.replace("-", " "))]
            self._heading_cache[heading] = words
        return words

    def _opens_with_marker(self, s: _SentInfo) -> bool:
        """Does the sentence open (after fillers) with "also", "second", "the other", ...?"""
        toks = [t.lower_ for t in s.span[:12] if not t.is_punct][:6]
        while toks and toks[0] in FILLER_OPENERS:
            toks.pop(0)
        markers = self.phase_rules.continuation_markers
        if toks and toks[0] in ADDING_SUBJECTS:
            # "and we should also do gift vouchers", "I'd also add ...": the speaker adds to
            # what was just said, as an opening "also" does
            rest = toks[1:]
            while rest and rest[0] in ADDING_AUX:
                rest.pop(0)
            return bool(rest) and rest[0] == "also"
        return bool(toks) and (toks[0] in markers or " ".join(toks[:2]) in markers)

    def _person_subject(self, verb: Token) -> bool:
        """Is the verb's subject a person other than the speaker ("owners pick", "she
        chooses")?"""
        return self._other_person(self._subject_of(verb))

    def _other_person(self, subj: Token | None) -> bool:
        """Is the subject a person other than the speaker or the team ("owners", "she")?"""
        return subj is not None and subj.lower_ not in ("i", "we") and (
            is_person(subj, self.persons) or subj.lower_ in ("they", "he", "she", "you"))

    def _fails_at_times(self, span: Span) -> Token | None:
        """The verb of a part said to fail at times (signals.toml [words] `fail_states` with
        one of `frequencies`), outside any condition; not a person ("riders sometimes drop
        off" is their behaviour)."""
        words = self.signals.words
        low = " " + " ".join(t.lower_ for t in span) + " "
        if not any(f" {f} " in low for f in words["frequencies"]):
            return None
        cond = self._conditional_tokens(span)
        for t in span:
            if t.i in cond or t.pos_ not in ("VERB", "AUX"):
                continue
            subj = self._subject_of(t)
            if subj is not None and subj.lower_ in ("which", "that") and t.dep_ == "relcl":
                subj = t.head  # "an old computer which is sometimes not answering"
            if subj is None or subj.pos_ == "PRON" or is_person(subj, words["persons"]):
                continue
            # ("writing things down", "carry it out": a particle that fails only as a state,
            # "goes down", "is out")
            parts = {self._lem(t)} | {self._lem(c) for c in t.children
                                      if c.dep_ in ("prt", "advmod", "acomp", "prep") and not (
                                          c.lower_ in ("down", "out") and
                                          self._lem(t) not in words["fail_particle_verbs"])}
            failing = bool(parts & words["fail_states"]) or (
                self._is_negated(t) and self._lem(t) in words["fail_when_not"])
            if failing:
                return t
        return None

    def _untrusted_delivery(self, span: Span) -> Token | None:
        """The verb of trusting, negated, over a thing that should arrive or work ("so I
        can't assume a sent email arrives", "we can't count on the upload going through";
        signals.toml [words] `trusting`, `delivers`): the design lives with a part it cannot
        take for granted. Not a person ("we can't assume the owner replies") and not inside a
        condition."""
        words = self.signals.words
        for t in span:
            lem = self._lem(t)
            if not self._is_negated(t) or not any(
                    w == lem or (w.split()[0] == lem and any(
                        c.dep_ == "prep" and c.lower_ == w.split()[-1] for c in t.children))
                    for w in words["trusting"]):
                continue
            if t.i in self._conditional_tokens(span):
                continue
            for v in t.subtree:
                if v.i <= t.i or v.pos_ not in ("VERB", "AUX") or \
                        self._lem(v) not in words["delivers"]:
                    continue
                subj = self._subject_of(v)
                # ("on the upload going through", "on the text arriving": the thing the
                # gerund is said of, however the parser hangs it)
                if subj is None and v.tag_ == "VBG":
                    subj = v.head if v.dep_ == "acl" else next(
                        (g for c in t.children if c.dep_ == "prep" for g in c.children
                         if g.dep_ == "pobj"), None)
                if subj is not None and subj.pos_ in ("NOUN", "PROPN") and \
                        not is_person(subj, words["persons"]):
                    return t
        return None

    def _in_their_moment(self, span: Span) -> Token | None:
        """The word that times what the system does by a person's own moment: the
        "before"/"while"/"until" of "it has to answer before they hang up", "the quote has to
        come back while she's still deciding whether to get in the car", or the "or" of "a
        worried reply has to reach a podiatrist the same working day, or she's already taken
        them out" (what the person will already have done when it is late). A person (not
        the speaker or the team) is the clause's subject, and what it times is done by a
        thing, not a person ("staff check it before they hand it over" is a step of the
        work). Whether it is required is read with the sentence's other requirements (flags
        `_required`); a date or an event ("before Christmas", "before the season starts") is
        no one's moment."""
        def thing(main: Token | None) -> bool:
            # (a thing: "it", "the reply"; not the firm's own people, "staff")
            return main is not None and (main.lower_ in ("it", "this", "that") or (
                self._names_thing(main) and
                self._lem(main) not in self.signals.lists["own_people"]))

        for t in span:
            if t.dep_ == "cc" and t.lower_ == "or":
                late = next((c for c in t.head.children if c.dep_ == "conj" and c.i > t.i and
                             any(g.lower_ == "already" for g in c.children)), None)
                if late is not None and self._person_subject(late) and \
                        thing(self._subject_of(t.head)):
                    return t
                continue
            if t.dep_ != "mark" or t.lower_ not in ("before", "while", "until") or \
                    t.head.dep_ != "advcl" or not self._person_subject(t.head):
                continue
            timed = t.head.head
            main = self._subject_of(timed)
            if main is None and timed.dep_ == "xcomp":
                main = self._subject_of(timed.head)
            if thing(main):
                return t
        return None

    def _unreliable_part(self, span: Span) -> Token | None:
        """The state of a part said to be unreliable by nature ("the game's match API is
        flaky"; signals.toml [words] `unreliable_states`), outside any condition, said of a
        thing, not a person."""
        words = self.signals.words
        states = [t for t in span if t.dep_ == "acomp" and t.lower_ in words["unreliable_states"]]
        if not states:
            return None  # (most sentences: no need to walk the if/when clauses)
        cond = self._conditional_tokens(span)
        for t in states:
            if t.i in cond:
                continue
            subj = self._subject_of(t.head)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and \
                    not is_person(subj, words["persons"]) and not self._is_negated(t.head):
                return t
        return None

    def _nothing_to_go_on(self, t: Token) -> bool:
        """Is the token "nothing" (or "anything" under a negation) said of what the design
        has to base its guesses on: "there's nothing to go on for a new shop", "we don't
        have anything to work from", "we've got nothing on how often their samples pass"?
        What is lacking is told by the preposition left at the end of the clause that says
        what it is for ("to go on", "to base it on"), or by what it would be about (a
        question word: "on how often ..."); "there's nothing to do" lacks no knowledge."""
        if t.lower_ not in ("nothing", "anything") or (
                t.lower_ == "anything" and not self._is_negated(t.head)):
            return False
        for c in t.children:
            # (the stranded preposition: "to go on", "to work from")
            if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX") and any(
                    g.dep_ in ("prep", "prt") and g.i > c.i and
                    not any(x.dep_ == "pobj" for x in g.children) and
                    g.lower_ in ("on", "from", "with")
                    for g in c.children):
                return True
            # ("nothing on how often their samples pass"; "old stones have nothing on file":
            # what is kept on file or on record is the data)
            if c.dep_ == "prep" and c.lower_ in ("on", "about") and any(
                    x.tag_ in ("WRB", "WP", "WDT") or x.lower_ in ("whether", "if") or (
                        c.lower_ == "on" and x.dep_ == "pobj" and x.head.i == c.i and
                        x.lower_ in ("file", "record", "records"))
                    for x in c.subtree if x.i > c.i):
                return True
        return False

    def _announces(self, span: Span) -> str | None:
        """The phase a sentence announces a count of things for ("Two things make this
        hard", "a couple of things box this in"): phases.toml [announcers]."""
        lemmas = " " + " ".join(self._lem(t) for t in span if not t.is_punct) + " "
        for phase, phrases in self.phase_rules.announcers.items():
            if any(f" {p} " in lemmas for p in phrases):
                return phase
        return None

    def _opens_item(self, span: Span) -> bool:
        """Does the sentence open (after fillers) on an announced item: "the first is",
        "one is", "and the other is", "second, ..."?"""
        toks = [t.lower_ for t in span if not t.is_punct][:8]
        while toks and (toks[0] in FILLER_OPENERS or toks[0] in ("candidate", "but")):
            toks.pop(0)
        text = " ".join(toks[:3])
        return any(text == m or text.startswith(m + " ")
                   for m in self.phase_rules.announced_items)

    def _sections(self, sents: Sequence[_SentInfo]) -> dict[int, str]:
        """Typed notes: the list items under a bare heading ("Limits:", then "- the PC crashes
        twice a month", "- no history yet") belong to that heading's part of the answer. The
        items under a first-version heading ("v1:") are what ships (design), unless an item
        says something else strongly (the slice: "- family floor only"; a limit). id(sentence)
        -> phase; a line that is not an item ends the section."""
        out: dict[int, str] = {}
        current: str | None = None
        spoken: str | None = None
        for s in sents:
            s.announced = None
            # spoken: "Two things make this hard, and the first is ...", then "The second is
            # ...": the announced items, each opening on an ordinal, are that part
            said = self._announces(s.span)
            opens = self._opens_item(s.span)
            if said is not None:
                spoken = said
            elif not opens:
                spoken = None
            if spoken is not None and (opens or said is not None):
                s.announced = spoken
                out[id(s)] = spoken
                if said is None:
                    continue
            if s.act == "heading":
                heading = self._heading(s.span)
                current = heading[0] if heading else None
                continue
            toks = [t for t in s.span if not t.is_space]
            item = bool(toks) and (_marker(toks[0]) or (
                toks[0].like_num and len(toks) > 1 and toks[1].text in (")", ".")))
            if current is None or not item:
                current = None
                continue
            if current == "scope":
                if max((w for w, _c in s.peak.values()), default=0.0) < STRONG_OWN_CUE:
                    out[id(s)] = "design"
                continue
            # (an item that says something else strongly says it: "- ...; accept this, they
            # need a call anyway" under "Build:" is the cost accepted)
            own = max(((w, p) for p, (w, _c) in s.peak.items() if p != current),
                      default=(0.0, ""))
            if own[0] >= STRONG_OWN_CUE and own[0] > s.peak.get(current, (0.0, ""))[0]:
                continue
            out[id(s)] = current
        return out

    def _asked(self, sents: Sequence[_SentInfo]) -> dict[int, str]:
        """A dialogue: id(first candidate sentence after an interviewer's question) -> the
        phase the question asks for (phases.toml [question_topics])."""
        out: dict[int, str] = {}
        topic: str | None = None
        for s in sents:
            if s.speaker != CANDIDATE:
                low = " " + s.span.text.lower() + " "
                topic = next((p for p, words in self.phase_rules.question_topics.items()
                              if any(w in low for w in words)), None) \
                    if "?" in low else None
                continue
            if topic is not None and s.act is None:
                # ("How would you know it's working?" "The number of scaffolds found out of
                # date, which should drop to zero": a measure answers it as well as a trial)
                if topic == "validation" and s.scores.get("metrics", 0.0) > max(
                        s.scores.get("validation", 0.0), self.phase_rules.threshold):
                    topic = "metrics"
                out[id(s)] = topic
                topic = None
        return out

    def _assign_phases(self, sents: list[_SentInfo]) -> None:
        if not sents:
            return
        stay = (self.opt.stay_bonus if self.opt.stay_bonus is not None
                else self.phase_rules.continuation)
        thr = self.phase_rules.threshold
        phases = PHASES
        order = {p: i for i, p in enumerate(self.phase_rules.order)}
        back_pen = self.phase_rules.backward_penalty

        def emit(s: _SentInfo, p: str) -> float:
            sc = s.scores.get(p, 0.0)
            if p == "other":
                short = len(s.span) <= self.phase_rules.other_max_tokens
                sc += self.opt.other_prior + (0.4 if short and not s.scores else 0.0)
            elif sc < thr:
                sc *= 0.5  # weak evidence alone does not open a phase
            if section.get(id(s)) == p:
                sc += SECTION_WEIGHT
            if asked.get(id(s)) == p:
                sc += self.phase_rules.question_pull
            return sc

        # once per sentence, not once per pair of phases
        marked = {id(s): self._opens_with_marker(s) for s in sents}
        section = self._sections(sents)
        asked = self._asked(sents)

        # A state is (phase, last real phase): the backward penalty is measured from the last
        # phase that was not `other`, so a pleasantry between design and metrics does not make
        # the step back free (without this, an un-cued design sentence just before a step
        # back was read as `other` to dodge the penalty).
        State = tuple[str, str]

        def trans(q: State, p: str, s: _SentInfo) -> float:
            if q[0] == p:
                if p == "other":
                    return 0.0
                return stay + (self.phase_rules.marker_bonus if marked[id(s)] else 0)
            last = q[1]
            if p != "other" and last in order and p in order and order[p] < order[last]:
                return -back_pen
            return 0.0

        def after(q: State, p: str) -> State:
            return (p, q[1] if p == "other" else p)

        best: dict[State, float] = {(p, p): emit(sents[0], p) for p in phases}
        back: list[dict[State, State]] = []
        for s in sents[1:]:
            new: dict[State, float] = {}
            ptr: dict[State, State] = {}
            for q, score in best.items():
                for p in phases:
                    nxt = after(q, p)
                    cand = score + trans(q, p, s)
                    if nxt not in new or cand > new[nxt]:
                        new[nxt] = cand
                        ptr[nxt] = q
            for nxt in new:
                new[nxt] += emit(s, nxt[0])
            back.append(ptr)
            best = new
        st = max(best, key=lambda k: best[k])
        states = [st]
        for ptr in reversed(back):
            st = ptr[st]
            states.append(st)
        states.reverse()
        path = [st[0] for st in states]
        for s, p in zip(sents, path, strict=True):
            s.phase = p

    # -- public -------------------------------------------------------------------------
    def analyze_text(self, text: str) -> Analysis:
        words = words_from_text(text)
        return self.analyze(words, estimated=True)

    def parse(self, words: Sequence[Word], context: str = "", heard: bool = True
              ) -> tuple[Doc, list[_SentInfo]]:
        """Parse the words and split them into sentences (not yet scored or phased). The
        sentences' word indices point into ``words``.

        ``context``: text said just before (already analyzed). It is parsed too, so the first
        words get the same neighbourhood as in one whole parse (spaCy's token vectors look
        four tokens either side), but a sentence boundary is forced where ``words`` begin and
        only their sentences are returned. ``heard``: the words' full stops are the
        recognizer's guesses at pauses, not a writer's (typed answers: False)."""
        pieces, chars = [], []
        pos = len(context) + 1 if context else 0
        for w in words:
            chars.append((pos, pos + len(w.text)))
            pieces.append(w.text)
            pos += len(w.text) + 1
        text = " ".join(pieces)
        doc = self.nlp.make_doc(context + " " + text if context else text)
        # a new speaker starts a new sentence: no sentence mixes the interviewer's words with
        # the candidate's
        starts = {c0 for k, (c0, _c1) in enumerate(chars)
                  if (k == 0 and context) or (k > 0 and words[k].speaker != words[k - 1].speaker)}
        roles = turn_roles()
        for t in doc:
            if t.idx in starts or self._opens_list_item(t) or self._typed_heading(t):
                t.is_sent_start = True
                # (a label keeps its colon and what follows: "Limits: owner wants ...")
                colon = next((x for x in doc[t.i + 1:t.i + 1 + LABEL_MAX_TOKENS]
                              if x.text == ":"), None)
                if colon is not None and t.idx not in starts and colon.i + 1 < len(doc) and \
                        not t.like_num:
                    for x in doc[t.i + 1:colon.i + 2]:
                        x.is_sent_start = False
                if t.text in BULLETS and t.i + 1 < len(doc):
                    doc[t.i + 1].is_sent_start = False  # the bullet and its item stay one
                if t.like_num:  # (a timed slot, "5-15 min:", and its line stay one)
                    for x in doc[t.i + 1:t.i + 6]:
                        x.is_sent_start = False
                        if x.text == ":":
                            break
            # notes read aloud: a heading heard as a sentence of its own ("Success. Flexible
            # date searches ...", "Cost. The bitmap can lag ...") heads the next one, as
            # "Success:" does in typed notes
            if self._heard_heading(t) and doc[t.i + 2].idx not in starts:
                doc[t.i + 2].is_sent_start = False
            # "Candidate: We'd A/B test ...": the turn label stands apart, so the parser reads
            # the turn's first sentence as a sentence, not as words hung off "Candidate"
            if t.text == ":" and 0 < t.i < len(doc) - 1 and doc[t.i - 1].lower_ in roles and \
                    (doc[t.i - 1].idx in starts or t.i == 1):
                doc[t.i + 1].is_sent_start = True
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        sents = self._sentences(doc, chars, heard,
                                skip_before=len(context) + 1 if context else 0,
                                apart=frozenset(starts)) if words else []
        for info in sents:
            info.speaker = words[info.first_word].speaker
        return doc, sents

    def score(self, doc: Doc, infos: list[_SentInfo]) -> None:
        """Cue scores and signals of each sentence: sentence-local, so sentences parsed at
        different times (while the candidate is still talking) can be scored separately."""
        self._score(doc, infos)

    def phases(self, infos: Sequence[_SentInfo]) -> list[str]:
        """The phase of each scored sentence, assigned jointly over the sequence as the
        analysis does, on copies (the sentences passed in are not changed)."""
        copies = [dataclasses.replace(s) for s in infos]
        self._assign_phases(copies)
        return [s.phase for s in copies]

    def explain(self, words: Sequence[Word]) -> list[_SentInfo]:
        """Sentences with their cue scores, signals and phase (for debugging rules)."""
        doc, infos = self.parse(words)
        self._score(doc, infos)
        self._assign_phases(infos)
        return infos

    def repair(self, words: Sequence[Word], origins: list[int] | None = None,
               before: Sequence[Word] = (), heard: bool = True) -> list[Word]:
        """The heard words with their usual mishearings repaired and numbered notes items
        read aloud written back as typed ("Four constraints." -> "4) Constraints:").
        ``origins`` and ``before`` as for ``repair_words``. ``heard``: the full stops are the
        recognizer's guesses at pauses, not a writer's (see ``join_heard_pauses``)."""
        if self._list_headings is None:
            self._list_headings = frozenset(
                h for heads in self.phase_rules.headings.values() for h in heads if " " not in h)
        out = spoken_list_items(repair_words(words, self.repairs, origins, before),
                                self._list_headings, before)
        return join_heard_pauses(out, self.signals.words["heard_joiners"]) if heard else out

    def analyze(self, words: Sequence[Word], duration_s: float | None = None,
                estimated: bool = False, system: str | None = None) -> Analysis:
        if self.opt.repair_asr:
            # (a typed answer's timing is estimated: its full stops are the writer's)
            words = self.repair(words, heard=not estimated)
        words = list(words)
        doc, infos = self.parse(words, heard=not estimated)
        self._score(doc, infos)
        return self.analyze_scored(words, infos, duration_s, estimated, system)

    def analyze_scored(self, words: Sequence[Word], infos: list[_SentInfo],
                       duration_s: float | None = None, estimated: bool = False,
                       system: str | None = None) -> Analysis:
        """The whole-answer part of the analysis, over sentences already parsed and scored:
        phases (jointly over the sequence), flags, strengths and delivery metrics. Cheap
        (no parsing), so it can run the moment an answer ends."""
        words = list(words)
        self._assign_phases(infos)
        sentences = [
            Sentence(s.span.text.strip(), s.phase, words[s.first_word].start_s,
                     words[s.last_word].end_s, s.speaker) for s in infos
        ]
        ctx = FlagContext(infos=infos, sentences=sentences, rules=self.flag_rules,
                          duration_s=duration_s if duration_s is not None else
                          (words[-1].end_s if words else 0.0),
                          system=system or self.opt.system, words=self.signals.words)
        found = find_claims(ctx)
        flags = compute_flags(ctx, found)
        strengths = strengths_for(ctx, {f.id for f in flags}, found)
        # (before the delivery metrics: no time to the member's goal when there is none)
        sentences = _agree_with_flags(sentences, {f.id for f in flags})
        sentences = _continue_design(sentences, infos)
        metrics = delivery_metrics(words, sentences, duration_s, estimated)
        return Analysis(sentences, flags, strengths, metrics, claim_values(ctx, found))


# A phase whose element the answer lacks: when its flag is raised, no sentence of the answer
# states that element, so a sentence that the phase reader put there (a vague wish read as the
# member's goal, an agenda read as scope) is shown as `other` on the timeline.
ABSENT_WHEN = {"clarify_goal": ("no_member_goal",), "scope": ("no_scope",),
               "tradeoffs": ("no_tradeoff",), "failure_modes": ("no_failure_mode",),
               "validation": ("no_validation",),
               "metrics": ("no_success_metric", "no_guardrail")}


def _agree_with_flags(sentences: list[Sentence], raised: set[str]) -> list[Sentence]:
    absent = {p for p, ids in ABSENT_WHEN.items() if all(f in raised for f in ids)}
    return [dataclasses.replace(s, phase="other") if s.phase in absent else s
            for s in sentences]


def _about_the_talk(span: Span) -> bool:
    """Does the sentence talk about the answer rather than the product ("Sorry, let me back up
    for a second", "I think I'm rambling")? The speaker as the subject of the main verb, with
    no decision ("I'd want all of these in the first release" decides)."""
    root = span.root
    if root.lower_ == "let" and root.i + 1 < len(root.doc) and root.doc[root.i + 1].lower_ == "me":
        return True
    return any(c.dep_ == "nsubj" and c.lower_ == "i" for c in root.children) and not any(
        c.dep_ == "aux" and c.lower_ in ("'d", "would", "will", "'ll") for c in root.children)


def _continue_design(sentences: list[Sentence], infos: list[_SentInfo]) -> list[Sentence]:
    """On the timeline, a plain sentence right after the design ("Serve the top ten.",
    "Flagged sessions get down-weighted in training.") goes on describing it: no cue of any
    phase but the design's, no speech act, no hedge, the candidate's. The phase reader leaves
    such a sentence `other` so that it claims nothing; the flags are already decided."""
    out = list(sentences)
    for i in range(1, len(out)):
        s, info = out[i], infos[i]
        if s.phase != "other" or out[i - 1].phase != "design" or s.speaker != CANDIDATE or \
                info.act is not None or "hedge" in info.signals or \
                info.scores.get("other", 0.0) > NO_CLAIM_OTHER or \
                any(v for p, v in info.scores.items() if p not in ("other", "design")) or \
                _about_the_talk(info.span):
            continue
        out[i] = dataclasses.replace(s, phase="design")
    return out


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def flag_vector(analysis: Analysis) -> dict[str, bool]:
    ids = {f.id for f in analysis.flags}
    return {f: f in ids for f in CORE_FLAGS}
