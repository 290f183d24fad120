"""Rubric checks over the phased sentences -> Flag values, and the strengths said first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import Any

from spacy.tokens import Span, Token

from voice_coach.analysis.rules import FlagRules
from voice_coach.values import CANDIDATE, Claim, Evidence, Flag, Sentence

MISSING = "(not said)"


@dataclass
class FlagContext:
    infos: Sequence[Any]  # analyzer._SentInfo: span, phase, signals
    sentences: Sequence[Sentence]
    rules: FlagRules
    duration_s: float
    system: str | None = None
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # signals.toml [words]

    def idx(self, phase: str) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.phase == phase]

    def signal(self, i: int, name: str, negated: bool | None = False) -> list[str]:
        hits = self.infos[i].signals.get(name, [])
        return [p for p, neg, _ in hits if negated is None or neg == negated]

    def first_at(self, i: int, name: str, negated: bool | None = False) -> int | None:
        """Token index of the first hit of a signal in sentence i."""
        hits = [t for _, neg, t in self.infos[i].signals.get(name, [])
                if negated is None or neg == negated]
        return min(hits) if hits else None

    def all_at(self, i: int, name: str, negated: bool | None = None) -> list[int]:
        """Token indices of every hit of a signal in sentence i."""
        return [t for _, neg, t in self.infos[i].signals.get(name, [])
                if negated is None or neg == negated]

    def th(self, key: str) -> float:
        return self.rules.thresholds[key]


def _quote(s: Sentence, limit: int = 160) -> str:
    text = s.text if len(s.text) <= limit else s.text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def _ev_at(ctx: FlagContext, i: int | None) -> Evidence:
    if i is None or not ctx.sentences:
        return Evidence(MISSING, 0.0)
    return Evidence(_quote(ctx.sentences[i]), ctx.sentences[i].start_s)


def _ev_missing(ctx: FlagContext, before_phase: Sequence[str], default_last: bool = False
                ) -> Evidence:
    """Evidence for something never said: where it was expected."""
    for p in before_phase:
        ids = ctx.idx(p)
        if ids:
            s = ctx.sentences[ids[0]]
            return Evidence(f"{MISSING} expected before: {_quote(s, 100)}", s.start_s)
    own = [s for s in ctx.sentences if s.speaker == CANDIDATE]  # not the interviewer's lines
    if own:
        s = own[-1] if default_last else own[0]
        where = "at the close, after" if default_last else "at the opening, before"
        return Evidence(f"{MISSING} expected {where}: {_quote(s, 100)}", s.start_s)
    return Evidence(MISSING, 0.0)


CLAUSE_DEPS = ("conj", "advcl", "ccomp", "relcl", "parataxis", "xcomp")


# nouns that introduce a measure without naming it ("the number I'd watch is ...")
MEASURE_INTROS = frozenset({"number", "metric", "measure", "thing", "one", "kpi", "signal"})


def own_clause(tok: Token) -> set[int]:
    """Token indices of the clause a token belongs to: its nearest verb's subtree without the
    other clauses hanging off that verb."""
    v = tok
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    out = {x.i for x in v.subtree}
    for c in v.children:
        if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX") and tok.i not in \
                {x.i for x in c.subtree}:
            out -= {x.i for x in c.subtree}
    return out


PEOPLE_PRONOUNS = ("they", "he", "she", "i", "you", "someone", "somebody", "people")


SHORT_ITEM_MAX_WORDS = 5  # "- search walkers", "- loyalty points": a thing, not a sentence
CONTENT_POS = ("NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "NUM")  # (an item's length)
LISTED_BUNDLE_MIN = 4  # things listed in one breath as what a first version holds
ADDED_RUN_MIN = 3  # sentences in a row each adding one more thing
# words that add to a first version ("the MVP would also have ...")
ADDITIONS = ("also", "additionally", "extra", "extras", "too")
# the nouns of adding phrases, which name no item ("on top of that", "another thing")
ADDING_WORDS = frozenset(("top", "thing", "things"))


# what a thing is made from or about, not things shipped beside it ("of" is left out: "a
# package of a map, a chat and reviews" names what ships)
INPUT_PREPS = ("from", "on", "about", "since", "than")


# nouns for the kinds of a thing ("sorts each stain into types, like oil, red wine and ink",
# "every kind of glass, windows, doors, ..."): what they list are values or the reach of one
# part, not parts
KIND_NOUNS = frozenset({"kind", "sort", "type", "size", "shape", "form", "category", "class",
                        "bucket", "grade", "tier"})


def _example_of_a_kind(t: Token) -> bool:
    """Is the noun an example given of a kind ("types, like oil, red wine, ink", "a category
    such as grass", and the ones joined to it)? "features like a map and a chat" are things;
    kinds are values."""
    while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    prep = t.head
    if t.dep_ != "pobj" or prep.dep_ != "prep" or not (
            prep.lower_ == "like" or (prep.lower_ == "as" and any(
                c.lower_ == "such" for c in prep.children))):
        return False
    return prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in KIND_NOUNS


def _listed(span: Span) -> list[Token]:
    """The longest run of coordinated nouns in the sentence ("the sync, the queue, the map
    and a dashboard"): the head nouns, in order; none that is negated ("no app")."""
    best: list[Token] = []
    for t in span:
        # (a conjunct opens a run when what it hangs off is outside the span: the list after
        # a colon, "everything together: a rent reminder, a repairs log, ...")
        if t.pos_ not in ("NOUN", "PROPN") or (
                t.dep_ in ("conj", "appos") and span.start <= t.head.i < span.end):
            continue
        if t.dep_ == "pobj" and t.head.lower_ in INPUT_PREPS:
            continue  # "a dirt score from months since the last clean, trees, ...": inputs
        if _example_of_a_kind(t):
            continue  # "sorts it into types, like oil, red wine, ink": the kinds told apart
        # the parser hangs conjuncts off each other as a tree, not always a chain; a long
        # list also comes out as several objects of one verb ("has a map, an accessibility
        # filter, user reviews, ...") or as appositions
        if t.dep_ in ("dobj", "attr") and any(
                x.dep_ == t.dep_ and x.i < t.i and x.pos_ in ("NOUN", "PROPN")
                for x in t.head.children):
            continue  # counted from the verb's first object
        run, todo = [], [t]
        if t.dep_ in ("dobj", "attr"):
            todo += [x for x in t.head.children if x.dep_ == t.dep_ and x.i > t.i and
                     x.pos_ in ("NOUN", "PROPN")]
        while todo:
            x = todo.pop()
            run.append(x)
            todo += [c for c in x.children if c.dep_ in ("conj", "appos") and
                     c.pos_ in ("NOUN", "PROPN")]
        run = sorted((r for r in run if not any(c.dep_ == "neg" or c.lower_ == "no"
                                                 for c in r.children)), key=lambda r: r.i)
        if len(run) > len(best):
            best = run
    return best


# verbs after which "up" is a measure moving ("go up", "creep up", "push up"), not a
# phrasal verb ("set up", "sign up", "show up")
MOVING_VERBS = ("go", "tick", "creep", "push", "drive", "move", "shoot", "climb", "trend",
                "inch", "bump", "jump", "edge", "head", "come", "be", "get", "keep", "stay")
LIST_ITEM_MAX_TOKENS = 9  # a list item is a short noun phrase; longer is a clause
CLAUSE_OPENERS = ("so", "because", "which", "that", "all", "since", "but", "while", "where")
# verbs of making whose object opens a list ("I'd build a calendar, an account, a text ...")
LIST_BUILDS = ("build", "ship", "have", "include", "add", "make", "launch", "give", "offer")
PREAMBLE_PIECES = 2  # comma pieces before the building verb that may only set the scene
WHOLE_WORDS = ("whole", "entire", "everything", "all", "lot")  # the whole of what was said
WIDE_WORDS = ("big", "wide", "broad", "large", "everywhere")  # how a release goes when it widens


REASON_MARKS = frozenset({"because", "since", "cause", "'cause"})  # a reason given
RELEASE_WORDS = ("launch", "release", "go", "drop", "push", "update")


def _in_reason_clause(t: Token) -> bool:
    """Is the word inside a clause said after the main one as its reason or purpose ("...,
    all in one launch so the staff only have to be retrained once", "... because members
    only trust ...")? What that clause says is not what the main clause ships. Read by the
    words, not the tree: the parser often makes the reason the root."""
    doc = t.doc
    start = t.sent.start
    return any((x.lower_ in REASON_MARKS or (x.lower_ == "so" and doc[x.i - 1].text == ","))
               for x in doc[start + 2:t.i])


def _says_worth(verb: Token) -> bool:
    """Is the verb one of being worth something ("they only make sense as one visit", "it only
    works if all of it is there")? "Only" on it argues for the whole, and narrows nothing."""
    lem = verb.lemma_.lower()
    return verb.pos_ in ("VERB", "AUX") and (lem in ("work", "matter") or (
        lem == "make" and any(c.lower_ == "sense" for c in verb.children)))


KEEP_TO_REACH = 7  # "keep the first version to ...": the words from "keep" to its "to"


def _narrows(span: Span, narrowing: frozenset[str]) -> bool:
    """Does the sentence narrow ("keep the first release to studios, not houses, and to
    Leeds, York and Hull", "only ...")? Then what it lists are slices, not parts."""
    # ("keep it to X": the "to" may hang off the verb or off its object)
    # ("the first cut is one thing, ...": a first version said to be one thing, or a
    # single one)
    # ("let's just launch the whole thing: ...", "I'd just go big for the launch: ...":
    # "just" on a verb whose object is the whole of it, or that goes big, says "simply", and
    # narrows nothing)
    return any(t.lemma_.lower() in narrowing and not _in_reason_clause(t) and
               not _says_worth(t.head) and not (
        t.lower_ == "just" and t.head.pos_ == "VERB" and any(
            (c.dep_ == "dobj" and (c.lower_ in WHOLE_WORDS or any(
                m.lower_ in WHOLE_WORDS for m in c.children))) or
            (c.dep_ in ("acomp", "advmod") and c.lower_ in WIDE_WORDS)
            for c in t.head.children))
               for t in span) or any(
        (t.lower_ == "one" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "thing" and
         t.head.lemma_.lower() in ("thing", "be")) or
        (t.lower_ == "single" and t.i > 0 and t.doc[t.i - 1].lower_ in ("a", "one") and not (
            # ("all in a single launch": one release for everything narrows nothing)
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].lemma_.lower() in RELEASE_WORDS))
        for t in span) or any(
        t.lemma_.lower() == "keep" and (any(
            c.dep_ == "prep" and c.lower_ == "to"
            for x in (t, *[o for o in t.children if o.dep_ == "dobj"]) for c in x.children) or
            # (by the words where the parser made "to trade account holders" an infinitive)
            any(x.lower_ == "to" for x in t.doc[t.i + 2:min(span.end, t.i + KEEP_TO_REACH)]))
        for t in span)


# who adds, and the auxiliaries before the adding word ("we'd also", "I should also")
ADDING_SUBJECTS = ("we", "i", "you", "they")
ADDING_AUX = ("should", "would", "'d", "could", "can", "will", "'ll", "might", "'re", "are",
              "am", "'m", "need", "want", "to", "probably", "definitely")
ADD_OPENERS = ("and", "so", "oh", "um", "uh", "then", "yeah", "yes", "okay", *ADDING_SUBJECTS,
               *ADDING_AUX)
ADD_MARKERS = ("also", "plus", "additionally", "+")
ADD_PHRASES = (("on", "top", "of", "that"), ("on", "top", "of", "this"), ("another", "thing"),
               ("besides", "that"), ("as", "well", "as", "that"))


def _past_openers(span: Span) -> tuple[list[Token], int]:
    """The sentence's words and where its adding openers end ("and we should" in "and we
    should also do gift vouchers")."""
    toks = [t for t in span if not t.is_punct and not t.is_space]
    k = 0
    while k < len(toks) and toks[k].lower_ in ADD_OPENERS:
        k += 1
    return toks, k


def _opens_adding(span: Span) -> bool:
    """Does the sentence open by adding ("and we should also ...", "plus ...", "oh and
    also ...")?"""
    toks, k = _past_openers(span)
    return k < len(toks) and toks[k].lower_ in ADD_MARKERS


def _and_a_thing(span: Span) -> bool:
    """Is the sentence a thing said after "and" with no verb before it ("And obviously a
    send-someone button, so she can ...")?"""
    toks = [t for t in span if not t.is_punct and not t.is_space]
    if not toks or toks[0].lower_ not in ("and", "plus", "oh"):
        return False
    for t in toks[1:]:
        if t.pos_ in ("VERB", "AUX") and not _hyphenated(t):  # ("a send-someone button")
            return False
        if t.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _no_items(words: dict[str, frozenset[str]]) -> frozenset[str]:
    """The nouns that name no thing added: placeholders ("feature"), words that are no item
    and people."""
    return words["placeholders"] | words["not_items"] | words["persons"]


def _piece_thing(span: Span, added: Token | None, words: dict[str, frozenset[str]]
                 ) -> Token | None:
    """The thing a sentence told as one more piece names ("Oh, and payments, so ...", "And
    then a, like, a map of the hardstanding", "Then there's, um, profiles for the crew",
    "Plus I'd want ... a tablet"): the thing it adds (``added``, from ``added_thing``) or,
    when it opens by adding or as "then there's", its first noun that is no person and no
    placeholder, as the head of its phrase. None for a sentence that opens any other way."""
    if added is not None and not is_person(added, words["persons"]):
        return added
    toks, k = _past_openers(span)
    said = [t.lower_ for t in toks[k:k + 2]]
    opened = _opens_adding(span) or _and_a_thing(span) or (
        0 < k and toks[k - 1].lower_ == "then" and said in (["there", "'s"], ["there", "is"]))
    if not opened:
        return None
    skip = _no_items(words)
    for t in toks[k:]:
        if t.pos_ != "NOUN" or t.lemma_.lower() in skip or is_person(t, words["persons"]):
            continue
        while t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN":
            t = t.head
        return t
    return None


def _added_things(thing: Token | None) -> list[Token]:
    """The thing a sentence adds (``added_thing``) and the things listed with it ("we'd also
    add reviews and a chat")."""
    if thing is None:
        return []
    return [thing, *[c for c in thing.children if c.dep_ == "conj" and c.pos_ == "NOUN"]]


def added_thing(span: Span, words: dict[str, frozenset[str]]) -> Token | None:
    """The thing a sentence adds to the design, when it opens by adding ("and we should also
    do gift vouchers", "oh and also a wait list", "plus a key code"): the object of a verb of
    having or making, or the noun the fragment is. None for anything else ("we'd also cache
    the results" adds no part)."""
    toks, k = _past_openers(span)
    # ("on top of that I'd add ...", "another thing is ...": the marker is a phrase)
    for phrase in ADD_PHRASES:
        n = len(phrase)
        if [t.lower_ for t in toks[k:k + n]] == list(phrase):
            k += n - 1
            while k + 1 < len(toks) and toks[k + 1].lower_ in (*ADD_OPENERS, "is", "be"):
                k += 1
            break
    else:
        # ("I'd throw in a tipping feature too": the marker at the end)
        last = [t.lower_ for t in toks[-2:]]
        said = [t.lower_ for t in toks[k:k + 2]]
        if last[-1:] == ["too"] or last == ["as", "well"]:
            k -= 1  # the verb after the openers is the adding one
        elif 0 < k and toks[k - 1].lower_ == "then" and said in (
                ["there", "'s"], ["there", "is"]) and next(
                (t.lower_ for t in toks[k + 2:] if t.lower_ not in (*ADD_OPENERS, "like")),
                "") in ("a", "an"):
            # ("Then there's, um, a practice tracker app": one more thing, new, next in a
            # list; "and then there's the phone call" goes on with what was there already)
            k += 1
        elif {"oh", "and"} <= {t.lower_ for t in toks[:k]} and k < len(toks) and \
                toks[k].lower_ in ("a", "an"):
            # ("Oh, and a buddy thing, where ...": a new thing, right after, unless a verb
            # of having adds one later: "Oh, and a loan bike, I'd add a loan-bike booking")
            added = _object_added(toks, words)
            if added is not None:
                return added
            k -= 1
        elif k >= len(toks) or toks[k].lower_ not in ADD_MARKERS:
            return _object_added(toks, words)
    if any(t.lower_ in words["narrowing"] for t in toks):
        return None
    skip = _no_items(words)
    if k < len(toks) and toks[k].text == "+":
        # a typed "+ weather alerts -> auto-cancel": the line is the thing added, named by
        # its first noun phrase whatever the parser made of the shorthand
        first = next((t for t in toks[k + 1:] if t.pos_ in ("NOUN", "PROPN") and
                      t.lemma_.lower() not in skip), None)
        while first is not None and first.dep_ == "compound" and first.head.i > first.i and \
                first.head.pos_ in ("NOUN", "PROPN"):
            first = first.head
        return first
    for t in toks[k + 1:]:
        # ("a messaging feature": a placeholder named by its modifier is a thing)
        named = any(c.i < t.i and (c.dep_ == "compound" or (c.dep_ in ("amod", "nmod") and (
            _hyphenated(c) or c.tag_ in ("VBG", "NN", "NNS")))) for c in t.children)
        if t.pos_ != "NOUN" or (t.lemma_.lower() in skip and not named):
            continue
        if t.lemma_.lower() in TEST_VERBS:
            return None  # "we should also A/B test ...": a test, not a part
        if t.dep_ == "dobj" and t.head.lemma_.lower() in words["add_verbs"]:
            return t
        before = [x for x in toks[k + 1:] if x.i < t.i]
        if not any(x.pos_ in ("VERB", "AUX") for x in before) and (
                t.dep_ in ("ROOT", "appos", "npadvmod", "dep", "attr") or
                # "also a wait list so when ...": a new thing (a/an) the parser made a subject
                (t.dep_.startswith("nsubj") and any(x.lower_ in ("a", "an") for x in before))):
            return t
        if t.dep_ in ("compound", "amod", "det", "nummod"):
            continue
        return None
    return None


def _object_added(toks: list[Token], words: dict[str, frozenset[str]]) -> Token | None:
    """The object of a verb of having or making that an adding word modifies mid-sentence
    ("sure, we'd put payments in as well so you pay when you book", "the driver needs an app
    too, with the route"): one more thing the speaker adds."""
    if any(t.lower_ in words["narrowing"] for t in toks):
        return None
    skip = _no_items(words)
    first_verb = next((x.i for x in toks if x.pos_ in ("VERB", "AUX")), None)
    for t in toks:
        adding = t.lower_ in ("too", "also") or (
            t.lower_ == "well" and t.i > 0 and t.doc[t.i - 1].lower_ == "as")
        # ("Yes, in-app payment as well, card on file", "so an ID check too"): a thing
        # named right before the adding word, in a clause with no verb, is added
        at = t.i - (2 if t.lower_ == "well" else 1)
        named = t.doc[at] if adding and t.lower_ != "also" and at >= 0 else None
        if named is not None and named.pos_ in ("NOUN", "PROPN") and \
                named.lemma_.lower() not in skip and (first_verb is None or first_verb > t.i):
            return named
        verb = t.head
        # ("to stop the wasted trips we'd add a photo upload": adding is the verb itself)
        if t.lemma_.lower() == "add" and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in ADDING_SUBJECTS for c in t.children):
            adding, verb = True, t
        elif not adding or t.dep_ not in ("advmod", "prep", "cc"):
            continue
        if verb.lemma_.lower() not in words["add_verbs"]:
            # (the parser may hang "too" on the next noun: "we'd put those in the launch too
            # a text the day before"; the verb is the nearest one before it)
            verb = next((v for v in reversed(toks) if v.i < t.i and v.pos_ == "VERB"), verb)
        # ("the aftercare thing you mentioned, sure, that can go in as well"): a thing said
        # to go in is added too
        goes_in = verb.lemma_.lower() == "go" and any(c.lower_ == "in" for c in verb.children)
        if verb.lemma_.lower() not in words["add_verbs"] and not goes_in:
            continue
        for o in verb.children:
            if o.dep_ == "dobj" and o.pos_ == "NOUN" and o.lemma_.lower() not in skip and \
                    o.lemma_.lower() not in TEST_VERBS:
                return o
            # ("you asked about reminders, yeah, we'd put those in the launch too"): what
            # the pronoun stands for is the nearest thing named before it
            if (o.dep_ == "dobj" or (goes_in and o.dep_ == "nsubj")) and \
                    o.lower_ in ("those", "that", "it", "them", "these", "this"):
                before = [x for x in toks if x.i < o.i and x.pos_ == "NOUN" and
                          x.lemma_.lower() not in skip and x.lemma_.lower() not in TEST_VERBS]
                if before:
                    return before[-1]
    return None


def _bulleted(span: Span) -> bool:
    """Does the line open on a typed list marker ("- ", "b.", "3)")?"""
    toks = [t for t in span if not t.is_space]
    return bool(toks) and (toks[0].text in ("-", "–", "—", "•", "*", "·") or (
        len(toks[0].text) == 2 and toks[0].text[0].isalpha() and toks[0].text[1] in ".)") or (
        toks[0].like_num and len(toks) > 1 and toks[1].text in (")", ".")))


def _bullet_lines(span: Span) -> list[list[Token]]:
    """The words of each typed line in a sentence that opens on a list marker, split again at
    markers between spaces ("- search walkers - book a slot" is two lines)."""
    lines: list[list[Token]] = [[]]
    for t in span:
        if _line_marker(t):
            if lines[-1]:
                lines.append([])
            continue
        if not t.is_punct:
            lines[-1].append(t)
    return [line for line in lines if line]


HEADING_MAX_TOKENS = 12  # a typed line short enough to head the list under it


def _unshipped_lines(ctx: FlagContext) -> set[int]:
    """Typed list lines under a heading that ships nothing ("Jury portal: requirements from
    the court office" then "- identity check", "- travel claims", ...; "Options:", "Out:",
    "Later:"): LABELS, a needs or requirements list is no first version unless said to be."""
    out: set[int] = set()
    head = False

    def unshipped(toks: list[Token]) -> bool:
        return any(t.lemma_.lower() in ctx.words["unshipped_heads"] or
                   t.lower_ in ctx.words["unshipped_heads"] for t in toks)

    for i, info in enumerate(ctx.infos):
        if _bulleted(info.span):
            # (or the line's own label: "- Not in V1: tinnitus, children, an app")
            colon = next((t for t in info.span if t.text == ":"), None)
            label = [t for t in info.span[:colon.i - info.span.start] if not t.is_punct] \
                if colon is not None else []
            if head or (0 < len(label) <= HEADING_MAX_TOKENS and unshipped(label)):
                out.add(i)
            continue
        toks = [t for t in info.span if not t.is_punct]
        # (a heading names its list: a clause, "We need three things:", says what follows)
        head = len(toks) <= HEADING_MAX_TOKENS and not any(
            t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in toks) and unshipped(toks)
    return out


def _launch_needs(span: Span) -> Token | None:
    """The "without" of a launch said to need what follows ("there's no launching without age
    checks, a tasting page, ...", "we can't launch without ..."): all of it goes out first."""
    for t in span:
        verb = t.head
        if t.lower_ == "without" and t.dep_ == "prep" and \
                verb.lemma_.lower() in ("launch", "ship", "release", "launching") and any(
                    c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                    for c in verb.children):
            return t
    return None


def _ships_together(span: Span) -> bool:
    """Is everything said to go out at once ("we'd launch all of this together", "we'd also
    add reviews in the same release")?"""
    words = [t.lower_ for t in span if not t.is_punct]
    text = " " + " ".join(words) + " "
    if any(f" {p} " in text for p in ("the same release", "the same launch", "the same version",
                                        "one big release", "one big launch")):
        return True
    # "before any owner feature I'd stand up an event bus, a data lake, ...": a build-out
    # shipped ahead of what members see
    # (or "before any of the nurse-facing stuff")
    if " before any " in text and any(t.lemma_.lower() in ("feature", "screen", "page", "app",
                                                           "stuff", "part", "bit")
                                      for t in span):
        return True
    # ("..., so all five go at launch", "all of them are in at launch": what was just listed,
    # all of it, put in the launch)
    for t in span:
        if t.lower_ == "all" and t.dep_ in ("nsubj", "nsubjpass", "det", "predet") and any(
                c.like_num or c.lower_ in ("of", "these", "those") for c in
                [*t.children, *([t.head] if t.dep_ != "nsubj" else [])]):
            verb = t.head if t.dep_ in ("nsubj", "nsubjpass") else t.head.head
            if any(x.lemma_.lower() in ("launch", "release") and x.pos_ == "NOUN" and
                   x.dep_ == "pobj" for x in verb.subtree):
                return True
    # ("we'd go live with all of that at the same time")
    if not any(f" {p} " in text for p in ("all of this", "all of that", "all of it", "it all",
                                          "everything")):
        return False
    return any((t.lemma_.lower() in ("launch", "ship", "release") and t.pos_ == "VERB") or
               (t.lemma_.lower() == "go" and any(c.lower_ == "live" for c in t.children))
               for t in span)


# the first version named by its going out ("the launch has ...", "before launch")
LAUNCH_NOUNS = frozenset({"launch", "release", "rollout", "go-live"})


def _launch_holds(span: Span) -> bool:
    """Is a launch the subject of holding things ("the first term launch has course search,
    online enrolment, ...", "the release includes ...")? It names the first version as
    "v1 has ..." does; "before launch we'd ..." or "the launch date is" names nothing held."""
    return any(t.lemma_.lower() in LAUNCH_NOUNS and t.pos_ == "NOUN" and
               t.dep_ in ("nsubj", "nsubjpass") and
               t.head.lemma_.lower() in ("have", "include", "contain", "carry", "cover")
               for t in span)


def _it_also_holds(span: Span) -> bool:
    """Does "it" also hold more things ("It would also have screen-time reports, a reward
    system, ...")? Right after the first version is named, "it" is the first version."""
    return any(t.lower_ == "it" and t.dep_ == "nsubj" and
               t.head.lemma_.lower() in ("have", "include", "get", "carry", "come") and
               any(c.lower_ == "also" for c in t.head.children) for t in span)


def _about_shipping(span: Span, names: frozenset[str], words: dict[str, frozenset[str]]) -> bool:
    """Does the sentence talk of what ships or is built ("we'd launch all of these",
    "everything in the first release", "the MVP has all five")? A bundle phrase elsewhere
    ("the pipeline must recompute all of them", "rather than ship bad subs on day one") says
    nothing of what the first version holds."""
    text = " " + " ".join(t.lower_ for t in span if not t.is_punct) + " "
    if any(f" {n} " in text for n in names):
        return True
    verbs = words["build_verbs"] | words["add_verbs"] | {"release", "go", "roll", "put", "keep",
                                                         "give"}
    # ("the whole thing has to fit inside seven days", "within seven days of getting the
    # summons": a verb of must, or a gerund after a preposition, builds nothing)
    return any(t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX") and
               not any(c.dep_ == "neg" for c in t.children) and t.dep_ != "pcomp" and
               not (t.lemma_.lower() == "have" and any(
                   c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to"
                                             for a in c.children) for c in t.children))
               for t in span)


def _one_thing_to_all(ctx: FlagContext, i: int) -> bool:
    """Is the bundle said only of one thing going to everyone at once ("I'd launch it for all
    couples on the site at once", "launch it on TV, mobile and web, everywhere, at once")?
    That widens the audience (no scope), it bundles no things."""
    hits = _bundle_hits(ctx, i)
    return bool(hits) and all(
        any(c.dep_ == "dobj" and c.lower_ in ("it", "this", "that") for c in t.children) and
        not any(x.lower_ in ("all", "everything") and x.head.i == t.i for x in t.children)
        for t in hits)


def hundreds(tok: Token) -> bool:
    """Is the word a count of hundreds or more on its noun ("eleven hundred", "400")?"""
    digits = tok.text.replace(",", "")
    return tok.dep_ == "nummod" and (
        tok.lower_ in ("hundred", "thousand") or (digits.isdigit() and int(digits) >= 100))


def _bundle_hits(ctx: FlagContext, i: int) -> list[Token]:
    """Where the sentence says everything goes out together ("all at once", "in one go")."""
    doc = ctx.infos[i].span.doc
    return [doc[at] for _p, neg, at in ctx.infos[i].signals.get("sig:bundle", []) if not neg]


def _leaves_out(span: Span) -> bool:
    """Is the line opened by putting off or leaving out ("Later (not v1): herd-health plans",
    "- Not in V1: tinnitus, children, ...", a heading "Not in V1:")? What it lists is what the
    first version leaves out."""
    opener = next((t for t in span if not t.is_punct), None)
    return opener is not None and (opener.lower_ in PUT_OFF_WORDS or opener.lower_ == "not")


def _clause_verb(t: Token) -> Token | None:
    """The verb whose clause the word is in, read up through a verb with no subject of its own
    ("want to launch half of it": "want"; "messages need to go": "need")."""
    verb = next((a for a in [t, *t.ancestors] if a.pos_ in ("VERB", "AUX")), None)
    while verb is not None and verb.dep_ == "xcomp" and \
            not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head
    return verb


def _load_at_once(ctx: FlagContext, i: int) -> bool:
    """Is the bundle said only of a load going through at once ("all four hundred messages
    need to go in one go")? Things counted in the hundreds are the design's traffic, not the
    parts of a first version."""
    def counted_in_hundreds(t: Token) -> bool:
        verb = _clause_verb(t)
        subj = None if verb is None else next(
            (c for c in verb.children if c.dep_.startswith("nsubj")), None)
        return subj is not None and any(hundreds(c) for c in subj.children)
    hits = _bundle_hits(ctx, i)
    return bool(hits) and all(counted_in_hundreds(t) for t in hits)


CLOSING_MAX_WORDS = 8  # "So yeah, that's version one." says nothing but the closing


def _closes_first_version(span: Span, names: frozenset[str]) -> bool:
    """Does a short sentence close a list just said as the first version ("That's version
    one.", "And those are the MVP.", "So that would be v1")? Everything before it ships
    together, as with a list announced ahead ("V1 is: ...")."""
    words = [t.lower_ for t in span if not t.is_punct]
    if not words or len(words) > CLOSING_MAX_WORDS:
        return False
    text = " " + " ".join(words) + " "
    pointed = any(t.lower_ in ("that", "this", "those", "these") and t.dep_.startswith("nsubj")
                  for t in span)
    return pointed and any(f" {n} " in text for n in names)


# what is less than the whole ("half of it", "a cut-down version", "in pieces")
PART_WORDS = frozenset({"half", "part", "parts", "piece", "pieces", "bit", "bits", "fraction",
                        "partial", "piecemeal", "cut-down", "stripped-down"})


def _refuses_a_part(neg: Token) -> bool:
    """Does the negation refuse to ship a part ("I don't want to launch half of it", "we
    won't ship it piecemeal")? Refusing a part argues for the whole; it keeps nothing back."""
    return any(t.lower_ in PART_WORDS and _clause_verb(t) == neg.head
               for t in neg.head.subtree if t.i > neg.i)


CLOSER_REACH = 6  # sentences after a first version a closer may sum up
BACK_POINTERS = ("those", "these", "everything")  # what was just said, all of it


def _closes_on_what_came_before(span: Span, names: frozenset[str]) -> bool | None:
    """Does a short sentence say whether everything just said goes out at once? True when it
    sends it out ("I'd launch all of those together.", "So v1 is the stream plus those.",
    "All of these go out on day one."), False when it keeps it back ("I wouldn't launch all
    of those together.", "Not all of these go out on day one."), None for any other sentence
    (a longer sentence has its own content)."""
    words = [t.lower_ for t in span if not t.is_punct]
    if not words or len(words) > CLOSING_MAX_WORDS:
        return None
    text = " " + " ".join(words) + " "
    ships = any(t.lemma_.lower() in ("launch", "ship", "release") for t in span) or \
        any(f" {n} " in text for n in names)
    if not ships or not any(w in BACK_POINTERS for w in words):
        return None
    return not any(t.dep_ == "neg" or t.lower_ == "not" for t in span)


LABEL_MAX_TOKENS = 4  # "Count that matters:": the words of a typed label before its colon
PUT_OFF_WORDS = ("later", "afterwards", "eventually", "v2", "future")  # a list for after


def _framed_by_a_first_version(ctx: FlagContext, names: frozenset[str]) -> list[int]:
    """The candidate's sentences that name no first version themselves but come right after
    a sentence that does: the interviewer's question ("First version for the food trucks?")
    or the candidate's own sentence before ("I'd say we do the lot for the pilot."). Turn
    labels between them ("Candidate:") are skipped."""
    def names_one(k: int) -> bool:
        low = " " + " ".join(t.lower_ for t in ctx.infos[k].span if not t.is_punct) + " "
        return any(f" {n} " in low for n in names) and \
            not _only_verb_names(ctx.infos[k].span, names)

    out = []
    for i, sent in enumerate(ctx.sentences):
        if sent.speaker != CANDIDATE or getattr(ctx.infos[i], "act", None) is not None or \
                names_one(i):
            continue
        k = i - 1
        while k >= 0 and getattr(ctx.infos[k], "act", None) == "heading" and \
                len(ctx.infos[k].span) <= 2:
            k -= 1  # (a turn label)
        if k >= 0 and names_one(k):
            out.append(i)
    return out


# words that say how a measure is counted (a heading's line, or a reply to "what would you
# measure?", that has one names a measure)
MEASURE_FORMS = frozenset({"per", "rate", "ratio", "share", "percent", "percentage", "%",
                           "/", "average", "median"})
# what the interviewer asks when asking for the success measure, and the words that make it a
# question about what is protected instead
MEASURE_ASKS = ("measure", "metric", "metrics", "success", "kpi", "yardstick", "worked", "work")
HELD_ASKS = ("guardrail", "guardrails", "protect", "hold", "worse", "risk", "hurt", "break")


def _asked(ctx: FlagContext, asks: Callable[[Span], bool]) -> list[tuple[int, int]]:
    """(the interviewer's question, the first sentence of the candidate's reply) for each
    question ``asks`` accepts; turn labels ("Candidate:") between them are skipped."""
    out = []
    for i, sent in enumerate(ctx.sentences):
        if sent.speaker == CANDIDATE or not asks(ctx.infos[i].span):
            continue
        j = i + 1
        while j < len(ctx.sentences) and ctx.sentences[j].speaker == CANDIDATE and \
                getattr(ctx.infos[j], "act", None) == "heading" and len(ctx.infos[j].span) <= 2:
            j += 1  # (a turn label)
        if j < len(ctx.sentences):  # (a question that ends the transcript has no reply)
            out.append((i, j))
    return out


def _asks_measure(span: Span) -> bool:
    """Does the interviewer ask how success is measured ("What would you measure?", "How
    would you know it worked?")?"""
    words = [t.lower_ for t in span]
    return "?" in words and any(w in MEASURE_ASKS for w in words) and \
        not any(w in HELD_ASKS for w in words)


def _measure_replies(ctx: FlagContext) -> dict[int, int]:
    """The candidate's reply to the interviewer's measure question, when it says how something
    is counted ("recipes marked 'cooked' per household per week", "how many guests ask to
    change rooms on their first night"): the success metric, in the reply's first two
    statements, unless it protects a measure or is vague. Reply -> question."""
    out: dict[int, int] = {}
    for i, j in _asked(ctx, _asks_measure):
        for k in (j, j + 1):
            if k >= len(ctx.sentences) or ctx.sentences[k].speaker != CANDIDATE:
                break
            info = ctx.infos[k]
            if getattr(info, "act", None) is not None or "vague" in info.signals or \
                    ctx.signal(k, "sig:guardrail") or ctx.signal(k, "sig:deferral") or \
                    ctx.signal(k, "sig:hedge"):
                continue
            words = [t.lower_ for t in info.span]
            if any(w in MEASURE_FORMS for w in words) or any(
                    a == "how" and b in ("many", "much", "often", "long")
                    for a, b in pairwise(words)):
                out[k] = i
                break
    return out


USER_WORDS = ("user", "users", "customer", "customers", "member", "members", "persona")
OWN_PRONOUNS = ("they", "their", "she", "her", "he", "his")
SHORT_REPLY_WORDS = 6  # "Candidate: Bar managers.": a reply of a few words names who


def _asks_who(span: Span) -> bool:
    """Does the interviewer ask who the member is ("Who benefits most?", "Who's waiting on
    the plow?", "Tell me about the user.")?"""
    words = [t.lower_ for t in span]
    asks = "?" in words or ("tell" in words and "me" in words)
    return asks and ("who" in words or any(w in USER_WORDS for w in words))


def _answers_who(ctx: FlagContext) -> dict[int, int]:
    """The candidate's reply to the interviewer's who-question, when it names a person and
    what is wrong for them: a member goal (LABELS: who + what they try to do or what breaks),
    said in the reply's own words ("Bar managers. They run out of a popular keg on a Friday
    ..., so they're stuck pouring something else"). The reply's first sentence names the
    person; it or the next says the trouble: a member cue that is no person word ("stuck"),
    or the same person again ("they", "their") with a consequence ("so") or a denial, or
    the person named again, obliged as things are ("a coach has to text eighteen parents"). A name
    alone ("Small restaurants.") or a situation ("They have five to fifty staff.") is no goal.
    Reply -> question."""
    out: dict[int, int] = {}
    for i, j in _asked(ctx, _asks_who):
        reply = [k for k in (j, j + 1) if k < len(ctx.sentences) and
                 ctx.sentences[k].speaker == CANDIDATE and
                 getattr(ctx.infos[k], "act", None) is None and
                 "vague" not in ctx.infos[k].signals]
        # (asked who, the noun a reply opens on names them: "Bar managers.", "Visiting
        # skippers.", whatever the parser made of the words)
        short = sum(not t.is_punct for t in ctx.infos[j].span) <= SHORT_REPLY_WORDS
        if not reply or reply[0] != j or not any(
                is_person(t, ctx.words["persons"]) or (
                    t.pos_ in ("NOUN", "PROPN") and (short or t.dep_ in ("ROOT", "nsubj")))
                for t in ctx.infos[j].span
                if not (t.lower_ in ("candidate", "interviewer") and t.i + 1 < len(t.doc) and
                        t.doc[t.i + 1].text == ":")):
            continue
        # (who the reply's first sentence names, or a pronoun for them: see below)
        who = frozenset({t.lemma_.lower() for t in ctx.infos[j].span
                         if t.pos_ in ("NOUN", "PROPN")} | set(OWN_PRONOUNS))
        for k in reply:
            span = ctx.infos[k].span
            # (a member cue of its own: the person word alone is set aside as who-only)
            cue = getattr(ctx.infos[k], "peak", {}).get("clarify_goal", (0.0, ""))[1].lower()
            cued = bool(cue) and not all(w.rstrip("s") in ctx.words["persons"] or
                                         w in ctx.words["persons"] for w in cue.split())
            again = k > j and any(t.lower_ in OWN_PRONOUNS for t in span[:3]) and any(
                t.lower_ == "so" or t.dep_ == "neg" for t in span)
            # (or the person named again, obliged as things are: "The volunteer coaches."
            # then "Every rainout, a coach has to text eighteen parents one by one")
            again = again or (k > j and obliged_now(span, partial(_one_of, who)))
            if cued or again:
                out[k] = i
                break
    return out


def _describes_thing(t: Token, line: Sequence[Token]) -> bool:
    """Is the word inside a clause on the thing the line names ("- weekly report the GP can
    see": a report, described), not the line's own condition or requirement ("- if the van is
    late, text them", "- update must reach the screen")?"""
    root = next((x for x in line if x.head == x or x.head not in line), None)
    return root is not None and root.pos_ in ("NOUN", "PROPN") and t.i > root.i and \
        any(a.dep_ in ("relcl", "acl") and a.head == root for a in [t, *t.ancestors])


def _one_of(lemmas: frozenset[str], t: Token) -> bool:
    """Is the word (or its lemma) one of ``lemmas``?"""
    return t.lemma_.lower() in lemmas or t.lower_ in lemmas


def subject_of(verb: Token) -> Token | None:
    """The verb's subject: its own, the noun a relative clause hangs on ("people who scroll"),
    or, for a verb joined to another, that one's."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in ("who", "that") and verb.dep_ == "relcl":
                return verb.head
            return c
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def obliged_now(span: Span, who: Callable[[Token], bool]) -> bool:
    """Does someone ``who`` accepts have to do something, as things are ("a caseworker has to
    call five shelters", "they need to ring round")? Not what the design will ask of them
    ("they'd have to confirm the slot": a modal on it), nor what they need not do."""
    for t in span:
        if t.lemma_.lower() not in ("have", "need") or t.tag_ not in ("VBZ", "VBP") or any(
                c.dep_ in ("aux", "neg") or c.lower_ in ("never", "not") for c in t.children):
            continue
        if not any(c.dep_ == "xcomp" and any(x.lower_ == "to" and x.dep_ == "aux"
                                             for x in c.children) for c in t.children):
            continue
        # (any subject: the parser may take a time said first, "Every rainout, a coach has
        # to ...", for one)
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(s is not None and who(s) for s in [*subjects, subject_of(t)]):
            return True
    return False


def _only_verb_names(span: Span, names: frozenset[str]) -> bool:
    """Is every one-word first-version name in the sentence a verb ("I'd pilot it with five
    percent of customers" tests; "the pilot has ..." names what ships)? Then it names no first
    version."""
    said = [t for t in span if t.lower_ in names]
    return bool(said) and all(t.pos_ in ("VERB", "AUX") or _acts(t) for t in said) and not any(
        " " in n and f" {n} " in " " + span.text.lower() + " " for n in names)


# what a first version does as the subject of a verb: it is, holds, ships or runs
HOLDING_VERBS = ("be", "have", "include", "contain", "cover", "hold", "ship", "run", "go",
                 "launch", "start", "last", "need", "get", "mean", "look", "test", "let", "give",
                 "show", "offer", "focus", "target", "serve", "do", "carry", "skip", "add")


def _acts(t: Token) -> bool:
    """Is the name someone doing something ("the pilot calls it at the field", "the pilot
    lands in a farmer's field")? A balloon's pilot is a person, no first version."""
    return t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.pos_ == "VERB" and \
        t.head.lemma_.lower() not in HOLDING_VERBS and t.head.is_alpha


LINE_BULLETS = ("-", "–", "—", "•", "*")
ARROWS = {"->", "→", "=>"}  # "X fails -> Y" in typed notes: X is a condition


def _line_marker(t: Token) -> bool:
    """Is the token a list marker standing between spaces ("V1: - search walkers - book a
    slot"), not a hyphen inside a word ("sign-up")?"""
    return (t.text in LINE_BULLETS and bool(t.whitespace_) and (
        t.i == 0 or bool(t.doc[t.i - 1].whitespace_))) or _numbered(t)


def _numbered(t: Token) -> bool:
    """Is the token a typed item number or letter inside a line ("1) live map 2) ETA texts",
    "a) ... b) ...")?"""
    doc = t.doc
    return (t.like_num or (len(t.text) == 1 and t.is_alpha and t.is_lower)) and \
        t.i + 1 < len(doc) and doc[t.i + 1].text == ")" and not t.whitespace_ and \
        (t.i == 0 or bool(doc[t.i - 1].whitespace_))


# what else a bare list of constraint names may hold ("scale, latency, the usual stuff")
BARE_REST = ("stuff", "thing", "things", "usual", "etc", "obvious", "normal", "standard",
             "general", "ones", "kind", "sort", "whatever", "beyond", "plus", "also", "too")


# words that close a list with everything else of its kind ("..., all that stuff", "etc")
LIST_CLOSERS = ("stuff", "etc", "whatever", "usual")


# what a bare list of constraint names may be said to do: matter, be thought about
MATTERING = ("be", "important", "key", "critical", "crucial", "matter", "relevant", "big",
             "main", "consideration", "concern", "factor", "think", "consider", "keep", "mind",
             "care", "worry", "here", "all", "really", "obviously", "definitely", "need",
             "would", "will", "should", "'d", "about", "also", "course")


def _bare_kinds(ctx: FlagContext, i: int) -> set[int]:
    """Where the sentence only names constraints in a list (the cues' first tokens): a
    sentence of nothing else ("Beyond that, scale, latency, the usual stuff", "Constraints:
    reliability, scale"), or a run of names closed by a word for everything else ("there's
    obviously latency scale reliability all that stuff you'd think about"). LABELS: a
    constraint named as a bare list shapes nothing. With a verb, a number or any other word
    the sentence says something of them ("scale: ten thousand at 9am")."""
    span = ctx.infos[i].span
    doc = span.doc
    starts = {at: len(phrase.split()) for kind in ("latency", "reliability", "scale", "learning")
              for phrase, _n, at in ctx.infos[i].signals.get(f"kind:{kind}", [])}
    cued = {at + k for at, n in starts.items() for k in range(n)}
    # (a heading or speaker label before a colon is no content: "Constraints: latency, scale")
    colon = max((t.i for t in span if t.text == ":"), default=span.start - 1)
    rest = [t for t in span if t.i > colon and not t.is_punct and t.i not in cued and
            t.pos_ not in ("DET", "CCONJ", "PRON", "ADP", "PART", "INTJ")]
    # (or said only to matter: "Latency, scale, reliability are all important here", "I'd
    # think about latency and scale")
    if cued and not any(t.like_num for t in rest) and all(
            t.lower_ in BARE_REST or t.lemma_.lower() in MATTERING for t in rest):
        return set(starts)
    # a run of two or more names, only commas and "and" between them, then "stuff"/"etc"
    bare: set[int] = set()
    run: list[int] = []
    for t in span:
        if t.i in cued:
            if t.i in starts:
                run.append(t.i)
            continue
        if t.is_punct or t.lower_ in ("and", "or"):
            continue
        if len(run) >= 2 and any(x.lower_ in LIST_CLOSERS
                                 for x in doc[t.i:min(t.i + 3, span.end)]):
            bare.update(run)
        run = []
    return bare


# kinds of slice a first version is narrowed to (places are told by the parser's entities)
SLICE_WORDS = ("device", "tv", "phone", "mobile", "web", "desktop", "android", "ios",
               "tablet", "country", "city", "market", "region", "language", "profile",
               "segment", "cohort")


def _slice_word(t: Token) -> bool:
    return t.ent_type_ in ("GPE", "NORP", "LANGUAGE", "LOC") or t.lemma_.lower() in SLICE_WORDS


EXIST_OPENERS = frozenset({"and", "also", "then", "so", "first", "oh", "next", "plus", "um",
                           "uh", "okay"})


def _said_to_exist(span: Span, not_items: frozenset[str]) -> Token | None:
    """"There's a heat picker that shows open heats.": one more thing said to exist, read as
    an item only in a run after a first version's name ("So for v1, here's what goes in.")."""
    # (after the openers of a run of pieces: "So first there's ...", "Oh, and then there's")
    first = next((t for t in span if not t.is_punct and t.lower_ not in EXIST_OPENERS), None)
    if first is None or first.lower_ != "there" or first.dep_ != "expl" or \
            first.head.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in first.head.children):
        return None
    held = [c for c in first.head.children if c.dep_ == "attr" and c.pos_ == "NOUN" and
            c.lower_ not in not_items and
            any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)]
    return held[0] if held and held[0].i <= first.head.i + 8 else None


def _arrow(t: Token) -> bool:
    """Is the token a typed arrow, or a piece of one ("->" comes out as "-" and ">")?"""
    doc = t.doc
    return t.text in ARROWS or (t.text in ("-", "=") and t.i + 1 < len(doc) and
                                doc[t.i + 1].text == ">") or (
        t.text == ">" and t.i > 0 and doc[t.i - 1].text in ("-", "="))


def _comma_items(span: Span, skip: frozenset[str],
                 min_pieces: int = LISTED_BUNDLE_MIN + 1) -> list[Token]:
    """A long list read by its commas, where the parser's tree breaks down ("would carry
    booking with seat count, live boat tracking on a map, payments in the app, tide-aware
    timetables, ..."): the first noun of each short comma-separated piece, up to the first
    piece that opens a clause ("all going out in one release"). ``skip``: words of the first
    version's name, which are no item. ``min_pieces``: fewer pieces than this read as no list
    (a sentence with a comma or two is no list of what a first version holds)."""
    pieces: list[list[Token]] = [[]]
    for t in span:
        # (typed items on one line: "V1: - search walkers - book a slot - pay in app")
        # (and arrows: "v1 also = live map -> ETA push -> pre-order -> in-app pay")
        # (and a typed slash between spaces: "V1 = live map / ETA texts / driver app")
        if t.text in (",", ";") or (t.dep_ == "cc" and t.lower_ in ("and", "or")) or (
                t.text == "/" and bool(t.whitespace_) and t.i > 0 and
                bool(t.doc[t.i - 1].whitespace_)) or (
                t.i > span.start and _line_marker(t)) or _arrow(t):
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(t)
    # "a ranking score from bookings, reviews, distance and price": what follows the first
    # piece's "from" are the inputs of one thing
    first = [t for t in pieces[0] if not t.is_punct]
    if first and any(t.lower_ in INPUT_PREPS and t.dep_ == "prep" and t.head.pos_ == "NOUN" and
           t.i > first[0].i for t in first[1:]):
        return []
    items: list[Token] = []
    for k, piece in enumerate(pieces):
        words = [t for t in piece if not t.is_punct]
        if not words:
            continue
        opener = next((t for t in words if t.pos_ != "DET"), words[0])
        # ("a moisture-sensor link so the dryer reports when a load is done": an item said
        # with what it does is still an item, when the piece opens on it)
        named_first = words[0].pos_ == "DET" and len(words) > 1 and \
            words[1].pos_ in ("NOUN", "PROPN", "ADJ") and opener.lower_ not in CLAUSE_OPENERS
        # ("Phase one, I'd build a booking calendar, an account for each farm, ...": the
        # clause that opens the list holds its first item, the thing built)
        # (also after a preamble, whose nouns are no items: "So day one for the transport
        # service, um, we'd have online booking, eligibility screening, ...")
        built = next((t for t in words if t.dep_ == "dobj" and t.pos_ == "NOUN" and
                      t.head.lemma_.lower() in LIST_BUILDS), None) \
            if not items or k <= PREAMBLE_PIECES else None
        if built is not None:
            items = []
        # ("..., booking with a volunteer adviser, ...": a thing done, named by its -ing
        # word and what it is done with, between things named, is one more thing)
        # (nor is an -ing word that modifies a noun: "a tasting notes page")
        gerund = opener.tag_ == "VBG" and bool(items) and opener.i + 1 < span.end and \
            span.doc[opener.i + 1].dep_ == "prep"
        modifies = opener.tag_ == "VBG" and opener.dep_ in ("amod", "compound") and \
            opener.head in piece
        if k > 0 and built is None and (
                opener.lower_ in CLAUSE_OPENERS or
                (opener.tag_ in ("VBG", "VBN") and not gerund and not modifies) or
                (len(words) > LIST_ITEM_MAX_TOKENS and not named_first) or
                any(t.dep_ == "nsubj" and t.pos_ == "PRON" for t in words)):
            break
        if any(t.lower_ in ("not", "no", "without", "except") for t in words):
            continue  # a left-out thing ("not buses") is no part
        noun = built or (opener if gerund else None) or next(
            (t for t in words if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in skip and
             (k > 0 or t.dep_ not in ("nsubj", "nsubjpass"))), None)
        # the head of its noun phrase ("tide-aware timetables", "a loyalty points thing")
        while noun is not None and noun.dep_ in ("compound", "nmod") and \
                noun.head in piece and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        if noun is not None and not _example_of_a_kind(noun):
            items.append(noun)
    return items if len(pieces) >= min_pieces else []


def comma_pieces(span: Span) -> list[list[Token]]:
    """The pieces of a sentence between commas, semicolons and "and"/"or" (a spoken list:
    "people in meetings, people on the train, people who just prefer reading"; "book a slot,
    and swap cleaners, and rate each visit")."""
    pieces: list[list[Token]] = [[]]
    for t in span:
        if t.text in (",", ";") or (t.dep_ == "cc" and t.lower_ in ("and", "or")):
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(t)
    return [p for p in pieces if p]


ENABLING_VERBS = ("let", "allow", "help", "enable")  # "let parents say if their kid can play"
FILLER_POS = ("PUNCT", "CCONJ", "INTJ", "ADV")  # "and, um, also swap cleaners"


def _action_items(span: Span, step_verbs: frozenset[str]) -> list[Token]:
    """What a first version lets people do, read as a list of actions ("It should let
    customers book a regular slot, and swap cleaners, and rate each visit, and leave notes
    about the house, and pay automatically"; "Put their place up, find matching dates,
    message the other family, agree the swap, review each other, and buy damage cover"): the
    verb that opens each comma- or "and"-separated piece, when it takes something of its own
    (an object, a particle, a phrase: "review each other afterwards"). Each distinct action
    is one more thing to build, as each thing in a list of nouns is. ``step_verbs`` are the
    moves through one screen ("open the show, tap share, pick a friend"): the steps of one
    feature, no capability each."""
    actions: dict[str, Token] = {}
    for k, piece in enumerate(comma_pieces(span)):
        words = [t for t in piece if t.pos_ not in FILLER_POS and
                 not (t.pos_ == "PART" and t.lower_ == "to")]
        if not words:
            continue
        # (the clause that opens the list: "It should let customers book ...", "members can
        # post ...": its subject and modal go first; an enabling verb and who it lets, too)
        lead = 0
        if k == 0:
            while lead < len(words) and (words[lead].dep_ in ("nsubj", "aux", "det", "compound",
                                                              "poss", "amod") or
                                         words[lead].pos_ == "AUX"):
                lead += 1
        if lead < len(words) and words[lead].lower_ in ENABLING_VERBS:
            lead += 1
            while lead < len(words) and words[lead].pos_ in ("NOUN", "PROPN", "PRON", "DET",
                                                             "ADJ"):
                lead += 1
        if lead >= len(words):
            continue
        verb = words[lead]
        if verb.pos_ != "VERB" or verb.lemma_.lower() in step_verbs or \
                verb.lower_ in ENABLING_VERBS or len(words) - lead < 2 or \
                not any(t.pos_ in ("NOUN", "PROPN", "ADP", "PRON", "ADJ")
                        for t in words[lead + 1:]):
            continue
        actions.setdefault(verb.lemma_.lower(), verb)
    return list(actions.values())


def _read_list(span: Span, names: frozenset[str], heard: bool = True) -> list[Token]:
    """What a sentence lists as a first version's things, read the ways a list comes: by the
    parser's tree, by its commas (the first version's name is no item) and, with ``heard``,
    as a list heard with no commas; the longest reading wins."""
    items = _listed(span)
    read = _comma_items(span, frozenset(w for n in names for w in n.split()))
    items = read if len(read) > len(items) else items
    if heard:
        spoken = _article_items(span)
        items = spoken if len(spoken) > max(len(items), LISTED_BUNDLE_MIN) else items
    return items


def _article_items(span: Span) -> list[Token]:
    """A list heard with no commas ("what we'd go live with is a booking page a route planner
    a text reminder the day before card payment on the spot a customer account ... and a
    driver app"): the things each opened by "a"/"an", when no finite verb comes between the
    first and the end (one makes it a clause: "a page where you pick a slot")."""
    arts = [t for t in span if t.lower_ in ("a", "an")]
    # ("an app for the driver showing his day": a participle describes a thing)
    if not arts or any(t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN") for t in span
                       if t.i > arts[0].i):
        return []
    items = []
    for a in arts:
        head = None
        for t in span.doc[a.i + 1:span.end]:
            if t.pos_ in ("NOUN", "PROPN"):
                head = t
            elif t.pos_ != "ADJ" and t.text != "-":
                break
        if head is not None:
            items.append(head)
    return items


def is_person(t: Token, persons: frozenset[str]) -> bool:
    """A listed role ([words] persons), or one of the nouns English makes for people who do
    something ("cyclist", "librarian"); not a list ("playlist", "waitlist") or "median"."""
    lem = t.lemma_.lower()
    # ("list", "wrist", "twist": too short to be a maker of people)
    return lem in persons or t.lower_ in persons or (t.pos_ == "NOUN" and len(lem) >= 6 and (
        (lem.endswith("ist") and not lem.endswith(LISTS)) or
        (lem.endswith("ian") and lem != "median")))


def _required(tok: Token, persons: frozenset[str]) -> bool:
    """Is the word inside something said to be required of the system: "has to", "must",
    "needs to" on a verb above it ("it has to work with no signal", "must reach the screen
    within 5 s")? What a person needs ("they need to know fast") is their goal."""
    for a in [tok, *tok.ancestors]:
        if a.pos_ not in ("VERB", "AUX"):
            continue
        must = any(c.dep_ == "aux" and c.lower_ == "must" for c in a.children)
        need = a.dep_ == "xcomp" and a.head.lemma_.lower() in ("have", "need") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in a.children)
        # "booking can't depend on it", "the room can never be let twice": what may not
        # happen is required as much as what must
        # (not "can't" alone, which as often says what cannot be done: "the old system can't
        # handle it")
        modal = {c.lemma_.lower() for c in a.children if c.dep_ == "aux"}
        said_never = any(c.lower_ == "never" for c in a.children) and \
            bool(modal & {"can", "could", "should", "must"})
        must_not = bool(modal & {"should", "must"}) and any(c.dep_ == "neg" for c in a.children)
        never = said_never or must_not
        if not (must or need or never):
            continue
        holder = a.head if need else a
        subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is None or not (is_person(subj, persons) or
                                    subj.lower_ in PEOPLE_PRONOUNS)
    return False


def _so_designed(span: Span, persons: frozenset[str]) -> int | None:
    """Where the sentence goes on to a design choice that follows from what it said ("the
    lift scanners lose connection all the time, so passes get validated from a list on the
    scanner", "..., so I'd cap how often one profile appears"): the token index of its "so",
    when the clause after it has a subject that is no person living with it ("so fans
    double-click" is what members do). None otherwise."""
    for t in span:
        # (typed notes say "so" with an arrow: "basement = no signal → whole map cached on the
        # phone"; what follows it is the design, with or without a verb)
        if _arrow(t) and t.text != ">" and span.start < t.i < span.end - 2:
            subj = next((c for v in t.doc[t.i + 1:span.end] for c in v.children
                         if c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i), None)
            if subj is None or not (is_person(subj, persons) or subj.lower_ in PEOPLE_PRONOUNS):
                return t.i
            continue
        if t.lower_ != "so" or t.i == span.start or t.i + 2 >= span.end or \
                t.doc[t.i + 1].lower_ in ("that", "much", "many", "far"):
            continue
        # (the subject said after the "so": a turn label before the sentence, "Candidate:",
        # can be parsed as a subject too)
        verb = next((v for v in t.doc[t.i + 1:span.end] if v.pos_ in ("VERB", "AUX") and
                     any(c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in v.children)),
                    None)
        if verb is None:
            continue
        subj = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i)
        # (the speaker choosing, "so I'd cap ...", "so we match on ...", is the design)
        if (subj.lower_ in ("i", "we") or not (
                is_person(subj, persons) or subj.lower_ in PEOPLE_PRONOUNS or
                subj.lower_ in ("everyone", "everybody", "nobody"))):
            return t.i
    return None


def _opens_on_architecture(ctx: FlagContext, first: int) -> bool:
    """Does the opening design stretch (design sentences before any other substantive phase)
    hold a clause that is about the system in its own right? An aside with a weak design
    word ("I was using it this morning") or the prompt restated as a fragment ("so, search
    on the TV app") carries on a phase by continuation but opens no architecture."""
    need = ctx.th("architecture_min_design")
    for i in range(first, len(ctx.sentences)):
        phase = ctx.sentences[i].phase
        if phase not in ("design", "other"):
            return False
        if phase != "design":
            continue
        info = ctx.infos[i]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in info.span)
        if has_verb and info.scores.get("design", 0.0) >= need and \
                not _tells_a_story(info.span, ctx.words["persons"]):
            return True
        # notes: "Architecture: scoring service -> reminder scheduler -> ...", a design
        # heading over named parts of a system, is architecture without a verb
        headed = any(p in DESIGN_HEADINGS for p in ctx.signal(i, "heading", negated=None))
        if headed and len(ctx.signal(i, "sig:components", negated=False)) >= 2:
            return True
    return False


# words of a scope cue that puts things off ("later phases", "can wait", "defer", "v2")
DEFERRING = ("later", "wait", "defer", "v2", "two", "2", "next", "afterwards", "follow")
TAKE_BACK_VERBS = ("scrap", "scratch", "forget", "ditch", "bin", "drop", "lose")


def _takes_back(span: Span) -> bool:
    """Does the speaker take back what they just said ("scrap most of that", "scratch that",
    "forget all that")? A verb of throwing away whose object is what was just said."""
    low = span.text.lower()
    if not any(v in low for v in TAKE_BACK_VERBS):
        return False  # (most sentences: no need to walk the tree)
    # (the parser may take "scrap" in "scrap most of that" for a noun)
    return any(t.lemma_.lower() in TAKE_BACK_VERBS and t.pos_ in ("VERB", "NOUN") and any(
        c.dep_ == "dobj" and (c.lower_ in ("that", "this", "those", "it", "all", "most") or any(
            x.lower_ in ("that", "this", "those") for x in c.subtree))
        for c in t.children) for t in span)


MIND_VERBS = ("think", "picture", "imagine")  # "the people I'm thinking of", "... I picture"


def _tells_a_story(span: Span, persons: frozenset[str]) -> bool:
    """Is the sentence a story of people, not of a system ("She'd booked five huts in a row,
    a storm shut the pass, and she spent the evening ringing the next three huts", "picture
    this guy Tomasz, he's got a seven forty train and he comes down at seven fifteen"), or
    someone's words told ("there's a review that says 'drove twenty minutes ... shelves
    bare'")? Its doers are people other than the speaker; a design word in it ("in a row",
    "the train") names no part of the design."""
    if any(t.text in ("'", '"', "\u2018", "\u201c") for t in span) and any(
            t.lemma_.lower() in ("say", "write", "complain") for t in span):
        return True
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and
                t.head.pos_ in ("VERB", "AUX")]
    # ("the people I'm thinking of open a stream two hours in": who the speaker has in mind,
    # doing something, is the member's story; the speaker's "I" only points at them)
    in_mind = [t for t in subjects if is_person(t, persons) and any(
        c.dep_ == "relcl" and (c.lemma_.lower() in MIND_VERBS or (  # (or "have in mind")
            c.lemma_.lower() == "have" and any(x.lower_ == "mind" for x in c.subtree))) and
        any(x.dep_ == "nsubj" and x.lower_ in ("i", "we") for x in c.children)
        for c in t.children)]
    if in_mind:
        return True
    if any(t.lower_ in ("we", "i", "you", "it") for t in subjects):
        return False
    # (one person told of: "she", "he", a name; "players" may be the app's)
    one = [t for t in subjects if t.lower_ in ("he", "she") or t.ent_type_ == "PERSON"]
    people = one + [t for t in subjects if t not in one and is_person(t, persons) and
                    t.lower_ not in ("they", "team")]
    # ("so picture a renter at eleven at night, calling plumbers off a search page")
    pictured = [c for t in span if t.lemma_.lower() in ("picture", "imagine") and
                t.pos_ == "VERB" for c in t.children
                if c.dep_ == "dobj" and is_person(c, persons)]
    told = any(t.lemma_.lower() in ("picture", "imagine") and t.pos_ == "VERB" for t in span)
    return bool(pictured) or (bool(one) and (told or 2 * len(people) > len(subjects)))


DESIGN_HEADINGS = ("architecture", "the architecture", "design", "the design", "system design")


LISTS = ("playlist", "checklist", "wishlist", "shortlist", "waitlist", "watchlist", "blacklist",
         "whitelist", "blocklist", "allowlist", "tracklist", "setlist")


def _part_name(head: Token, phrase: str) -> str:
    """A part's name with what tells it from others of its kind: "notification service" and
    "booking service" are two new parts, not one "service"."""
    # a hyphenated modifier ("listing-scoring service") names the kind too, whatever the
    # parser calls it
    # (an arrow's ">" the parser hung on the name is no word of it)
    mods = [c for c in head.children if c.i < head.i and c.is_alpha and (
        c.dep_ == "compound" or (c.dep_ in ("amod", "nmod") and (
            _hyphenated(c) or c.tag_ in ("VBG", "NN", "NNS"))))]
    if not mods or head.lemma_.lower() not in (phrase.split()[-1], phrase):
        return phrase
    # (a modifier the phrase already holds, "companion app", is not said twice)
    words = phrase.split()
    return " ".join([m.lemma_.lower() for m in mods if m.lemma_.lower() not in words] + words)


CONTAINERS = ("system", "platform", "component")
REACH_DETS = frozenset({"all", "every", "each"})


def _coverage(span: Span, name: str) -> bool:
    """Is the part named only as how far the first version reaches ("all four harbours,
    boats and jet skis", "every talk and every feed"): a thing under "all", "every" or
    "each", or listed with one, or the kinds of a thing under one ("every kind of glass,
    windows, doors, ...")?"""
    last = name.split()[-1]
    hits = [t for t in span if t.lemma_.lower() == last and t.pos_ in ("NOUN", "PROPN")]

    def reach(t: Token) -> bool:
        return any((c.lower_ in REACH_DETS and c.dep_ in ("det", "predet", "amod", "nummod"))
                   or (c.dep_ == "nummod" and any(g.lower_ in REACH_DETS for g in c.children))
                   for c in t.children) or (t.i > 0 and span.doc[t.i - 1].lower_ in REACH_DETS)

    def listed_with_reach(t: Token) -> bool:
        # (its list: the conjuncts of the first item, and the first item itself)
        head = t
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        # ("every kind of glass, windows, doors, ...": the list is of the kinds reached)
        if head.dep_ == "pobj" and head.head.lower_ == "of" and \
                head.head.head.lemma_.lower() in KIND_NOUNS:
            head = head.head.head
        return reach(head) or any(reach(c) for c in head.conjuncts)
    return bool(hits) and all(reach(t) or listed_with_reach(t) for t in hits)


def _fields_of_one(span: Span, name: str, holders: frozenset[str]) -> bool:
    """Is the part named only as a field of one form-like thing ("a web form the mason fills
    in, with the stone's size, the material, the finish and the inscription"; signals.toml
    [words] `field_holders`): what one form asks for is that form, not more parts?"""
    last = name.split()[-1]
    hits = [t for t in span if t.lemma_.lower() == last and t.pos_ in ("NOUN", "PROPN")]

    def field(t: Token) -> bool:
        head = t
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        if head.dep_ != "pobj" or head.head.lower_ != "with":
            return False
        held = head.head.head  # (the form, or the verb the parser hung "with" on)
        return held.lemma_.lower() in holders or any(
            c.dep_ == "dobj" and c.lemma_.lower() in holders for c in held.children)
    return bool(hits) and all(field(t) for t in hits)


def _distinct_parts(parts: dict[str, int]) -> dict[str, int]:
    """One part per thing: "the scheduler" after "a reminder scheduler" is that scheduler, and
    "the system I'd build has a scheduler, a page and a dashboard" names the whole beside its
    parts, not a fourth part."""
    out: dict[str, int] = {}
    for name, i in parts.items():
        longer = [n for n in parts if n != name and n.endswith(" " + name)]
        if longer:
            continue
        # ("a chat room" read both as the listed "chat" and as "chat room": one thing)
        if any(n != name and n.startswith(name + " ") and j == i for n, j in parts.items()):
            continue
        if name in CONTAINERS and any(n != name and j == i for n, j in parts.items()):
            continue
        # ("a speech recognition service" read as "speech recognition" and as "recognition
        # service": two names overlapping on a word in one sentence are one thing)
        if " " in name and any(n != name and j == i and " " in n and
                               n.split()[0] == name.split()[-1] for n, j in parts.items()):
            continue
        out[name] = i
    return out


def _hyphenated(t: Token) -> bool:
    """Is the token part of a hyphenated word ("sign-up", "opt-out" heard as "up-tout")? Such
    a part says nothing about which way a measure moves."""
    doc = t.doc
    after = t.i + 1 < len(doc) and not t.whitespace_ and doc[t.i + 1].text == "-"
    before = t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_
    return after or before


def protects(ctx: FlagContext, i: int) -> bool:
    """Does sentence i protect a measure: a named measure with protecting wording ("must not
    drop", "stays flat"), or a refusal to give something up ("what I won't give up on is
    the bingers")? The role name alone ("my guardrail would be hours, up too") protects
    nothing, and neither does a promise ("guardrails, I'll come back to those")."""
    phrases = ctx.signal(i, "sig:guardrail", negated=None)
    # a notes heading that names the role ("Hold: mis-picks per 1,000 lines at or below
    # 2.1", "Guardrail: ..."): a label, which still needs a measure under it
    phrases += [h for h in ctx.signal(i, "heading", negated=None)
                if h in ctx.words["guard_labels"]]
    if not phrases:
        return False
    if ctx.signal(i, "pattern:refusal"):
        return True  # "I won't give up X" names what it protects
    if ctx.signal(i, "sig:deferral"):
        return False
    # protecting wording: "manual rewinds stay flat"; keeping watch without a direction
    # ("keep an eye on X", [words] watch_only) protects X unless X is said to rise ("keep an
    # eye on the number of venues going up": a second measure pushed)
    watch_only = ctx.words["watch_only"]
    if any(p not in ctx.words["guard_labels"] and p not in watch_only for p in phrases):
        return True
    # (what is watched is the measure, unless the sentence's measures were set aside as
    # goal areas: "KPIs ..., things like conversion and customer happiness, and keep an eye
    # on them" watches nothing named)
    span = ctx.infos[i].span
    doc = span.doc
    # (nor does watching what names no measure: "keep an eye on the data after launch")
    watched = [c for t in span if t.lower_ == "eye" for p in t.head.children
               if p.dep_ == "prep" and p.lower_ == "on" for c in p.children if c.dep_ == "pobj"]
    # (by its word too: the lemmatiser makes "data" a "datum"; "the number of viewings
    # cancelled" says what is counted)
    if watched and all((w.lemma_.lower() in ctx.words["unwatched"] or
                        w.lower_ in ctx.words["unwatched"]) and
                       not any(c.dep_ == "prep" for c in w.children) for w in watched):
        return False
    measured = ctx.signal(i, "concrete:metrics", negated=None) or \
        ctx.signal(i, "sig:count_words", negated=None) or \
        (any(p in watch_only for p in phrases) and
         not any(r.startswith("goal area") for r in ctx.infos[i].rejected))
    # a rise said of the measure ("should go up", "increase"), not a word that only looks like
    # one ("opt-out" heard as "up-tout")
    # (a rise in a condition is the guard broken, "if that goes up, we've just moved the mess
    # onto the staff", not the measure pushed)
    # ("setting up calls" is no rise: "up" rises only after a verb of moving)
    rising = [t for t in span if t.lemma_.lower() in ctx.words["rising"] and (
        t.pos_ in ("VERB", "ADJ") or t.dep_ in ("prt", "advmod", "acomp")) and not (
        t.lower_ == "up" and t.dep_ in ("prt", "advmod") and t.head.pos_ == "VERB" and
        t.head.lemma_.lower() not in MOVING_VERBS) and
        not _hyphenated(t) and not any(
        doc[j].lower_ in ("not", "n't", "never", "no")
        for j in range(max(span.start, t.i - 2), t.i)) and not any(
        c.dep_ == "mark" and c.lower_ in ("if", "when", "unless")
        for v in (t, *t.ancestors) for c in v.children)]
    return bool(measured) and not rising


def claims(ctx: FlagContext, phase: str) -> list[int]:
    """Sentences that state an element of the phase on their own evidence: a sentence that
    only continues the phase before it, or whose only cue is weak, states nothing."""
    thr = ctx.th("claim_min_score")
    return [i for i in ctx.idx(phase)
            if getattr(ctx.infos[i], "peak", {}).get(phase, (0.0, ""))[0] >= thr and
            not _put_off(ctx, i)]


SKIP_ONLY_MAX_WORDS = 6  # "but I'll skip that": the put-off, with nothing of its own


def _put_off(ctx: FlagContext, i: int) -> bool:
    """Is the sentence put off by the next one ("I had a whole point about what happens when a
    printer jams" / "but I'll skip that")? The sentence that skips is a speech act of its own
    (analyzer._skips_it); when it holds nothing else, what it skips is the sentence before."""
    if i + 1 >= len(ctx.infos) or getattr(ctx.infos[i + 1], "act", None) != "skip":
        return False
    return sum(1 for t in ctx.infos[i + 1].span if not t.is_punct) <= SKIP_ONLY_MAX_WORDS


# verbs that say something of the answer, not what happens ("I think it should be robust")
OPINION_VERBS = ("be", "think", "guess", "hope", "believe", "say", "feel", "mean", "know")


def _does(t: Token) -> bool:
    """Does the verb say what happens, now or next ("the desk gets the list", "we'd fall back to
    ...")? Not a state claimed ("it should be pretty robust"), an opinion, or what was done
    before ("we've built a lot of this before")."""
    if t.pos_ != "VERB" or t.lemma_.lower() in OPINION_VERBS or t.tag_ == "VBD":
        return False
    return not (t.tag_ == "VBN" and any(c.lemma_.lower() == "have" and c.dep_ == "aux"
                                        for c in t.children))


TEST_VERBS = ("test", "experiment", "pilot", "trial")
# how the feature looks or is worded, not what it does ("A/B test two colour themes", "A/B
# test the wording of the order confirmation emails")
LOOK_WORDS = frozenset({"colour", "color", "theme", "font", "icon", "logo", "typeface",
                        "wording", "phrasing", "copy", "copywriting"})


def tests_something_else(ctx: FlagContext, i: int) -> str | None:
    """Why what the sentence tests is not part of this answer, or None when it is. "We should
    also A/B test the newsletter's subject lines" tests a thing the answer never otherwise
    names: validation of something else. A test of "it", of nothing named, or of anything named
    elsewhere in the candidate's answer ("A/B test car mode against ...") is this feature's."""
    span = ctx.infos[i].span
    tested: list[Token] = []
    run = [t for t in span if t.lemma_.lower() in TEST_VERBS]
    # "the organisation has run split tests on its fundraising emails for years": a test
    # someone else runs or has run is no plan of the candidate's
    for t in run:
        # (the verb that has the test done: "has run split tests", whatever the parser
        # hangs "split" on)
        for verb in [t, *t.ancestors][:3]:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            # ("we're already running an A/B test on how the fee is shown": a test that runs
            # already was set up for something before this feature)
            if any(c.dep_ == "advmod" and c.lower_ == "already" for c in verb.children):
                return f"a test already running: {verb.text}"
            perfect = verb.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
            if subj.pos_ in ("NOUN", "PROPN") and (perfect or verb.tag_ == "VBD"):
                return f"a test someone else ran: {subj.text} {verb.text}"
            break
    for t in run:
        # its object; "an experiment on X"; or, where the parser took "A/B test" for a noun,
        # the next object of the same verb ("should A/B test the lines")
        # (or what is tested, said in the passive: "the blog's sign-up box could be A/B
        # tested too")
        own = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if not own and t.pos_ == "VERB":
            # (the parser split "A/B" and hung "tested" off it: what is tested is then the
            # subject of the verb above, "the sign-up box could be A/B tested")
            above = next((a for a in list(t.ancestors)[:3] if a.pos_ in ("VERB", "AUX")), None)
            own = [c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")] \
                if above is not None else []
        tested += own
        if t.pos_ == "NOUN":  # (for a verb, "test it on half of readers" names who)
            tested += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "of")
                       for g in c.children if g.dep_ == "pobj"]
        if t.pos_ == "NOUN" and t.dep_ == "dobj":
            tested += [c for c in t.head.children if c.dep_ == "dobj" and c.i > t.i]
            # (or hung higher up: "we'd A/B test the wording of ...", whose "wording" the
            # parser gives to "said"; the object read right after the test is what is tested)
            after = next((x for x in span if x.i > t.i and x.pos_ != "DET"), None)
            if after is not None and after.dep_ == "dobj" and after.pos_ == "NOUN":
                tested.append(after)
    # ("A/B test two colour themes for the app", "..., different button colours"): variants of
    # the look are tested, not whether the feature does its job
    look = next((x for t in run for x in span if x.i > t.i and
                 x.lemma_.lower() in LOOK_WORDS), None)
    if look is not None:
        return f"a test of the look or wording ({look.text}), not of what the feature does"
    tested = [x for x in tested if x.pos_ in ("NOUN", "PROPN")]
    if not tested:
        return None
    # the thing itself: the noun and its compounds ("newsletter subject lines"), not whose it
    # is ("the shop's")
    # ("the wording of the reminder texts": what the wording is of is the thing tested too)
    tested += [g for o in tested for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    named = {x.lemma_.lower() for o in tested for x in (o, *o.children)
             if x.pos_ in ("NOUN", "PROPN") and (x is o or x.dep_ == "compound")}
    # (one bare noun, "test the banner", is too little to tell: a thing named in two or more
    # words, none of them used elsewhere, is another thing)
    if len(named) < 2:
        return None
    # (stops at the first use elsewhere: most things tested are named again)
    if any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in named
           for j, info in enumerate(ctx.infos)
           if j != i and ctx.sentences[j].speaker == CANDIDATE for t in info.span):
        return None
    return f"validation of something else: {', '.join(sorted(named))} named nowhere else"


BARE_TESTS = frozenset({"test", "test it", "to test it", "testing", "tests"})


def _empty_test(ctx: FlagContext, i: int) -> str | None:
    """Why a test said with nothing behind it is no validation ("we'd want to test it properly
    before we roll it out wider"), or None: the sentence's only validation word is a bare
    test, and it says no one it is tried on, no number, nothing it compares or watches
    (LABELS: a promise to test is no experiment)."""
    peak = getattr(ctx.infos[i], "peak", {}).get("validation", (0.0, ""))[1]
    if peak.lower() not in BARE_TESTS:
        return None
    span = ctx.infos[i].span
    # (the test words are comparison words too, and "before we roll it out" is any test's
    # "before": neither says more)
    compares = [h for h in ctx.infos[i].signals.get("sig:comparison", [])
                if h[0].lower() not in BARE_TESTS]
    if compares or any(t.like_num for t in span) or any(
            ctx.signal(i, sig, negated=None) for sig in (
                "sig:sample", "sig:watching", "sig:own_people", "concrete:metrics",
                "sig:success_metric")):
        return None
    # (tried on someone: "test it with the growers' group", "test it on the night shift")
    if any(t.dep_ == "pobj" and t.head.lower_ in ("with", "on", "in", "at", "against")
           and t.pos_ in ("NOUN", "PROPN") for t in span):
        return None
    return "a test promised with nothing behind it (who, how long, what it watches)"


# the words that point back at a measure just named ("that count must not go up")
MEASURE_BACK = frozenset({"count", "number", "figure", "rate", "measure", "metric", "share",
                          "total", "one"})


# what makes a count a measure: measuring it, a way it should move, a bound or a target
MEASURING = frozenset({"measure", "track", "count", "watch", "monitor", "report", "target",
                       "goal", "aim", "metric", "kpi", "success", "baseline", "increase",
                       "decrease", "reduce", "drop", "fall", "sink", "shrink", "cut", "halve",
                       "fewer", "less", "more", "lower", "higher", "up", "down", "zero",
                       "should", "above", "below", "under", "over", "%", "percent", "number",
                       "look", "want", "expect", "matter", "care"})


# the words that head a list of measures, as a heading ("Metrics:", "Success:") or run by the
# recognizer onto the end of the sentence before ("... to metrics.")
MEASURE_HEADS = frozenset({"metric", "metrics", "measure", "measures", "success", "kpi", "kpis",
                           "number", "numbers"})


def _in_passing(ctx: FlagContext, i: int) -> bool:
    """Is the sentence's measure a count named in passing: only count words, with nothing
    saying it is measured, moved or aimed at, and no measure introduced just before it?"""
    info = ctx.infos[i]
    peak = getattr(info, "peak", {}).get("metrics", (0.0, ""))
    if peak[0] >= ctx.th("metric_intro_min") or peak[1].startswith("heading:") or \
            ctx.signal(i, "sig:guardrail", negated=None):
        return False
    rising = ctx.words["rising"]

    def measuring(span: Span) -> bool:
        return any(t.lemma_.lower() in MEASURING or t.lower_ in MEASURING or
                   t.lemma_.lower() in rising or t.like_num or t.text[-1:] == "%"
                   for t in span)
    # (or a target in the next sentence: "The share of bookings made online. I'd want it
    # above half")
    if measuring(info.span) or (
            i + 1 < len(ctx.infos) and ctx.infos[i + 1].act is None and
            ctx.sentences[i + 1].phase == "metrics" and measuring(ctx.infos[i + 1].span)):
        return False
    # (a list of measures after one introduced: "Two numbers. The share of ... The count of",
    # or under a measures heading: "Metrics:", "Success:")
    for j in range(max(0, i - 2), i):
        p = getattr(ctx.infos[j], "peak", {}).get("metrics", (0.0, ""))
        if ctx.sentences[j].phase == "metrics" and (
                p[0] >= ctx.th("metric_intro_min") or p[1].startswith("heading:")):
            return False
        if ctx.infos[j].act == "heading" and any(
                t.lemma_.lower() in MEASURE_HEADS for t in ctx.infos[j].span):
            return False
    # (a heading the recognizer ran onto the end of the sentence before: "..., with a remote
    # to metrics. Primary, median time from homepage load to a play")
    words = [t for t in ctx.infos[i - 1].span if not t.is_punct] if i > 0 else []
    return not (words and words[-1].lemma_.lower() in MEASURE_HEADS)


def _shown_by_a_part(ctx: FlagContext, i: int) -> bool:
    """Are all the sentence's measure words inside a thing the speaker adds ("I'd throw in a
    leaderboard of kilometres rowed per member", "we'd build a dashboard of bookings per
    week")? Such a measure describes the part."""
    doc = ctx.infos[i].span.doc
    measures = ctx.all_at(i, "concrete:metrics") + ctx.all_at(i, "sig:success_metric",
                                                               negated=None)
    if not measures:
        return False

    return all(any(speaker_builds(a, ctx.words["build_verbs"]) for a in doc[m].ancestors)
               for m in measures)


def speaker_builds(t: Token, build_verbs: frozenset[str]) -> bool:
    """Is the noun what the speaker adds or builds ("we'd add a photo report", "I'd throw in
    a leaderboard")? Then it names a part, whatever measure word it is or holds."""
    v = t.head
    builds = v.lemma_.lower() in build_verbs or (
        v.lemma_.lower() == "throw" and any(c.dep_ == "prt" for c in v.children))
    return t.pos_ == "NOUN" and t.dep_ == "dobj" and builds and any(
        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in v.children)


GATE_VERBS = frozenset({"hold", "delay", "postpone", "pause", "stop", "halt", "push"})


def _gates_launch(ctx: FlagContext, i: int) -> bool:
    """Is what the condition brings about holding back the launch ("we'd hold the launch
    until that's fixed", "we delay the rollout")? A gate of the rollout, not what the member
    gets when a part fails; explain.py shows it as set aside."""
    span = ctx.infos[i].span
    gate = any(t.lemma_.lower() in GATE_VERBS and t.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in LAUNCH_NOUNS
        for c in t.children) for t in span)
    why = "a condition that holds back the launch is a gate of the rollout, no failure mode"
    if gate and why not in ctx.infos[i].rejected:
        ctx.infos[i].rejected.append(why)
    return gate


GENERIC_ADVERBS = frozenset({"always", "obviously", "inevitably", "naturally", "course"})


def _tradeoffs_exist(span: Span) -> bool:
    """Does the sentence only remark, hedged, that there are trade-offs ("there are always
    trade-offs", "obviously there are trade-offs in everything")?"""
    there = [t for t in span if t.dep_ == "expl" and t.lower_ == "there"]
    return any(c.dep_ == "attr" and c.lemma_.lower() in ("trade", "tradeoff", "trade-off", "off")
               for t in there for c in t.head.children) and \
        any(t.lower_ in GENERIC_ADVERBS for t in span)


def _denies(span: Span, doubt_verbs: frozenset[str]) -> bool:
    """Does a reply open by saying the failure will not happen ("Hopefully it doesn't, we'd
    pick a good host", "It won't, it's on a big cloud")? What follows is prevention, and the
    member is left with nothing when it does happen."""
    opening: list[Token] = []
    for t in span:
        if t.is_punct and opening and t.text in (",", ";", ".", "-", "—"):
            break
        if not t.is_punct:
            opening.append(t)
    words = {t.lower_ for t in opening}
    if "hopefully" in words:
        return True
    # "I don't think it'll go down much", "I can't see that happening", "it rarely goes
    # down": the speaker doubting the failure, about the part ("it", "that") the question named
    # ("I'd hope that's rare", "that's pretty unlikely"): said to be rare
    doubted = any((t.dep_ == "neg" and t.head.lemma_.lower() in doubt_verbs) or
                  t.lower_ in ("rarely", "seldom", "hardly", "rare", "unlikely", "uncommon")
                  for t in opening)
    if doubted and len(opening) <= 9 and any(t.lower_ in ("it", "that", "this", "they")
                                             for t in opening):
        return True
    # "We'd make sure it doesn't", "we'll ensure that never happens": preventing it
    negated = [t for t in opening if t.dep_ == "neg" or t.lower_ == "never"]
    if any(t.lower_ in ("sure", "ensure", "prevent", "avoid") for t in opening) and any(
            c.lower_ in ("it", "that", "this") and c.dep_.startswith("nsubj")
            for t in negated for c in t.head.children):
        return True
    # the opening clause is only a pronoun and a negated verb: "it doesn't", "that won't happen"
    return len(opening) <= 4 and any(t.dep_ == "neg" for t in opening) and \
        any(t.lower_ in ("it", "that", "this") and t.dep_.startswith("nsubj") for t in opening) \
        and not any(t.pos_ in ("NOUN", "PROPN") for t in opening)


# what a reply to the interviewer's question of a phase may read as and still answer it
REPLY_PHASES = {"failure_modes": ("design", "constraints")}


def answers_to(ctx: FlagContext, phase: str) -> dict[int, int]:
    """A dialogue: the candidate's reply (its first statement) to an interviewer's question that
    supplies half of an element -> that question. "What if the door scanner stops
    working?" / "Then the desk gets the day's list and ticks people off by name": the condition
    is the interviewer's, the fallback the candidate's, and the two make a failure mode. A reply
    that defers or hedges ("I'd have to think about it") completes nothing."""
    out: dict[int, int] = {}
    asked: int | None = None
    for i, info in enumerate(ctx.infos):
        if ctx.sentences[i].speaker != CANDIDATE:
            if getattr(info, "asks", None) == phase:
                asked = i
            elif i > 0 and ctx.sentences[i - 1].speaker == CANDIDATE:
                asked = None  # the interviewer moved on, whatever the candidate said
            continue
        if asked is None or getattr(info, "act", None) is not None:
            continue
        if ctx.signal(i, "sig:deferral") or ctx.signal(i, "sig:hedge") or \
                _denies(info.span, ctx.words["doubt_verbs"]):
            asked = None  # "I'd have to think about it", "it won't": nothing completed
            continue
        # (the reply may read as the design it falls back on, or as the constraint it lives
        # with: "The next day's list lives on his phone, so he can still tap done without
        # signal"; a plain first clause may lead into it, as long as the turn lasts)
        if ctx.sentences[i].phase in (phase, *REPLY_PHASES.get(phase, ())) and \
                any(_does(t) for t in info.span) and not (
                    _own_case(info.span) and not getattr(info, "scores", {}).get(phase)):
            out[i] = asked
            asked = None
        elif ctx.sentences[i].phase != "other":
            asked = None
    return out


def _own_case(span: Span) -> bool:
    """Does the reply open a case of its own ("If a child gets collected early, the day closes
    for that child"), a condition on something it names, rather than the question's ("If it
    does, ...", "if that happens")? With no cue of the element's own, it answers with a case
    that is not what was asked: a normal case of the domain, not a part failing."""
    return any(t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "when",
                                                                          "whenever")
                                         for c in t.children) and
               any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
                   for c in t.children)
               for t in span)


@dataclass
class Claims:
    """What the candidate asserted, as sentence indices per rubric element (see
    ``find_claims``); the flags, the strengths and the feedback are decided from these."""

    member_goal: list[int]
    success_metric: list[int]
    guardrail: list[int]
    metric: list[int]  # every sentence naming a measure, pushed or protected
    scope: list[int]
    constraint: dict[str, list[int]]  # latency / reliability / scale / learning -> sentences
    tradeoff: list[int]
    failure_mode: list[int]
    validation: list[int]
    design: list[int]
    parts: dict[str, int]  # the first version's parts and features -> first sentence naming it
    bundle: list[int]  # "ship all of it together"
    first: int | None  # the first sentence that claims anything
    # failure modes completed by a reply to the interviewer's what-if -> that question
    answered: dict[int, int] = field(default_factory=dict)
    # member goals and success metrics said in reply to the interviewer's who- or
    # measure-question -> that question
    replies: dict[int, int] = field(default_factory=dict)


def find_claims(ctx: FlagContext) -> Claims:
    claimed = {p: claims(ctx, p) for p in
               ("clarify_goal", "metrics", "scope", "constraints", "design", "tradeoffs",
                "failure_modes", "validation")}
    # the first thing the candidate states: what only sets the scene (the mission, the market,
    # a restated prompt) or asks states nothing
    first = min((ids[0] for ids in claimed.values() if ids), default=None)
    # a metric claim names a measure; "success is members feeling confident" names none
    # ("the number I'd drive is new paid memberships": an introducing cue and a specific noun)
    metric_ids = [i for i in claimed["metrics"]
                  if ctx.signal(i, "concrete:metrics", negated=None) or
                  ctx.signal(i, "sig:guardrail", negated=None) or
                  (ctx.infos[i].peak["metrics"][0] >= ctx.th("metric_intro_min") and
                   not ctx.signal(i, "vague") and
                   # "engagement is the metric I'd focus on": the introduced measure is a
                   # goal area with nothing counted
                   not any(r.startswith("goal area") for r in ctx.infos[i].rejected))]
    # "I'd throw in a leaderboard of kilometres rowed per member": the measure is what a part
    # the speaker adds shows, not a measure of success
    metric_ids = [i for i in metric_ids if not _shown_by_a_part(ctx, i)]
    # a count named in passing ("the licence caps how many dogs each kennel can take", "reports
    # go into a list for the depot"): nothing says it is measured, moved or a target, and no
    # measure was introduced just before it (LABELS: a success metric is what is counted and
    # which way it should move)
    metric_ids = [i for i in metric_ids if not _in_passing(ctx, i)]
    # ("Obviously there are trade-offs in everything, speed against accuracy", "There's always
    # trade-offs, so we'd keep an eye on that"): a remark that trade-offs exist names no
    # measure to move or hold
    metric_ids = [i for i in metric_ids if not _tradeoffs_exist(ctx.infos[i].span)]
    # a guardrail: protecting wording ("must not get worse", "counter-metric") in a metric
    # sentence, or in a validation sentence that names the measure it protects
    guard = [i for i in metric_ids if protects(ctx, i)]
    guard += [i for i in ctx.idx("validation") if protects(ctx, i)]

    def states_success(i: int) -> bool:
        # a measure (or success wording) in a clause that protects nothing: "success is
        # X, and the guardrail is Y" names X as success; "cancellations must not go up"
        # only protects
        span = ctx.infos[i].span
        guards = set(ctx.all_at(i, "sig:guardrail"))
        cands = ctx.all_at(i, "sig:success_metric", negated=False) + \
            ctx.all_at(i, "concrete:metrics")
        doc = span.doc

        def free(t: int) -> bool:
            clause = own_clause(doc[t])
            # "make sure hours streamed don't go down": the measure is what a guard
            # governs, in its clause or above it
            governing = {a.i for a in doc[t].ancestors} | {
                c.i for a in doc[t].ancestors for c in a.children
                if c.dep_ in ("aux", "neg", "auxpass", "prt")}
            # "..., otherwise we've just moved X around": the cost of breaking the guard
            # ("anybody else's share" is no "or else")
            return not (clause & guards) and not (governing & guards) and not any(
                doc[x].lower_ == "otherwise" or (doc[x].lower_ == "else" and x > 0 and
                                                 doc[x - 1].lower_ == "or")
                for x in clause)

        # "the number I'd watch is the junior outings, because ..., so the count of junior
        # outings can't go down": the measure named freely is the one the sentence protects,
        # held and not pushed (a guardrail only, unless it is also said to rise)
        guarded = {doc[x].lemma_.lower() for g in guards for x in own_clause(doc[g])
                   if doc[x].pos_ in ("NOUN", "PROPN")}
        rises = any(t.lemma_.lower() in ctx.words["rising"] and t.i not in guards and
                    not (own_clause(t) & guards) for t in span)

        def same_as_guarded(t: int) -> bool:
            named = {doc[x].lemma_.lower() for x in own_clause(doc[t])
                     if doc[x].pos_ in ("NOUN", "PROPN")} - MEASURE_INTROS
            return bool(named) and named <= guarded
        # ("Metric: quotes accepted / quotes sent, up from ~30%": a measure under a measure's
        # heading, with nothing protecting it, is the one pushed)
        if not guards and getattr(ctx.infos[i], "peak", {}).get(
                "metrics", (0.0, ""))[1].startswith("heading:"):
            return True
        # ("The thing I'd count is day tickets sold before nine": a measure introduced, with
        # nothing protecting it, is the one pushed)
        # (things counted: a plural noun said to be the measure, "is day tickets sold")
        if not cands and not guards and getattr(ctx.infos[i], "peak", {}).get(
                "metrics", (0.0, ""))[0] >= ctx.th("metric_intro_min") and any(
                t.dep_ == "attr" and t.tag_ == "NNS" and t.head.lemma_.lower() == "be"
                for t in span):
            return True
        # ("the thing I'd hold is complaints about blocked drives, that count must not go
        # up"): a guard said of "that count" holds the measure named before it
        back = any(doc[x].dep_ in ("nsubj", "nsubjpass") and
                   doc[x].lemma_.lower() in MEASURE_BACK and any(
                       c.dep_ == "det" and c.lower_ in ("that", "this") for c in doc[x].children)
                   for g in guards for x in own_clause(doc[g]))
        if back and not rises:
            return False
        return any(free(t) and (rises or not same_as_guarded(t)) for t in cands)

    kinds: dict[str, list[int]] = {}
    # a constraint said with a strong cue counts in a sentence that went to another phase (a
    # recognizer that runs two sentences together gives the sentence to the other element)
    strong = [i for i, info in enumerate(ctx.infos) if ctx.sentences[i].phase != "other" and
              getattr(info, "peak", {}).get("constraints", (0.0, ""))[0] >=
              ctx.th("constraint_any_phase")]
    # (and one announced as a thing that makes the problem hard, "Two things make this hard
    # ... The second is that ...", whatever phase the sentence went to)
    announced = [i for i, info in enumerate(ctx.infos)
                 if getattr(info, "announced", None) == "constraints" and info.act is None]
    for i in sorted(set(ctx.idx("constraints")) | set(strong) | set(announced)):
        # ("Beyond that, scale, latency, the usual stuff": names, shaping nothing)
        names_only = _bare_kinds(ctx, i)
        for kind in ("latency", "reliability", "scale", "learning"):
            if any(at not in names_only for at in ctx.all_at(i, f"kind:{kind}", negated=None)):
                kinds.setdefault(kind, []).append(i)
    # a part said to fail now and then is the design's reliability constraint wherever the
    # sentence went ("the calendar tool goes down now and then, so booking ...")
    for i, info in enumerate(ctx.infos):
        if info.act is None and ctx.signal(i, "fact:unreliable") and \
                i not in kinds.get("reliability", []):
            kinds.setdefault("reliability", []).append(i)
    # everyone doing it at one moment is the design's load wherever the sentence went ("when
    # a sailing is cancelled, everyone booked on it lands in the lane at the same moment")
    for i, info in enumerate(ctx.infos):
        if info.act is None and ctx.signal(i, "fact:surge") and \
                ctx.sentences[i].speaker == CANDIDATE and i not in kinds.get("scale", []):
            kinds.setdefault("scale", []).append(i)
    # a requirement on one of the kinds counts wherever the sentence went ("recognition has to
    # answer in about a second while someone is standing there" is latency even when the
    # member's giving up wins the sentence; "it has to work with no signal at all")
    in_constraints = set(ctx.idx("constraints"))  # (once: the loop runs per sentence)
    for i, info in enumerate(ctx.infos):
        # ("completion rate must not drop" holds a measure, it is no uptime; "the call has
        # to stay smooth ..., so we favour low delay audio" holds no measure)
        measure = any(info.span.doc[t].pos_ in ("NOUN", "PROPN")
                      for t in ctx.all_at(i, "concrete:metrics"))
        if info.act is not None or i in in_constraints or measure or (
                ctx.signal(i, "sig:guardrail") and (
                    ctx.signal(i, "sig:success_metric") or ctx.signal(i, "concrete:metrics"))):
            continue
        said = [k for k in ("latency", "reliability", "scale") if info.signals.get(f"kind:{k}")]
        # a kind inside a requirement, or the reason for one in the same sentence ("half these
        # streets have poor signal, so the day's plan has to be on the phone")
        if said and any(_required(t, ctx.words["persons"]) for t in info.span
                        if t.pos_ in ("VERB", "AUX")):
            for kind in said:
                kinds.setdefault(kind, []).append(i)
            continue
        # or the reason for a design choice said after it ("the scanners lose connection all
        # the time, so passes get validated from a list on the scanner"): LABELS, a constraint
        # that shapes the design
        # (not a cost accepted or a measure: "Cost I'd accept: ..., so some badges carry a
        # dated picture" says what the design gives up)
        so = _so_designed(info.span, ctx.words["persons"]) \
            if ctx.sentences[i].phase not in ("tradeoffs", "metrics") else None
        if so is not None:
            for kind in ("latency", "reliability", "scale", "learning"):
                if any(at < so for at in ctx.all_at(i, f"kind:{kind}")):
                    kinds.setdefault(kind, []).append(i)
    # the first version's parts: named system parts and features introduced one per sentence
    # or list item ("One, a plan picker. Two, wallet payments.")
    parts: dict[str, int] = {}
    widened: list[int] = []  # first-version sentences that list what ships (no scope)
    sums_up: list[int] = []  # first-version sentences that take in all that was just said
    # what is put off ships nothing first ("Then later we add sound ID, then rare bird
    # alerts, ...": LABELS, a long list put off to later is not overbuilt)
    # (not a put-off word in the piece's reason or purpose: "And reviews, so groups can rate
    # the share afterwards" ships reviews; it is the rating that comes after)
    later = {i for i, info in enumerate(ctx.infos) if ctx.signal(i, "sig:deferral") or
             any(t.lower_ in PUT_OFF_WORDS and not _in_reason_clause(t) for t in info.span)}
    unshipped = _unshipped_lines(ctx)
    later |= unshipped
    for i in sorted(ctx.idx("design") + ctx.idx("scope")):
        if i in unshipped:
            continue
        doc = ctx.infos[i].span.doc
        # ("photos, workshop orders, chat and diversions all go to later phases": what is
        # put off is no part of the first version)
        cue = getattr(ctx.infos[i], "peak", {}).get("scope", (0.0, ""))[1].lower().split()
        if ctx.sentences[i].phase == "scope" and any(w in DEFERRING for w in cue):
            continue
        for phrase, neg, at in ctx.infos[i].signals.get("sig:components", []):
            if not neg:
                parts.setdefault(_part_name(doc[at + len(phrase.split()) - 1], phrase), i)
        for name in ctx.signal(i, "sig:item", negated=None) + \
                ctx.signal(i, "sig:first_is", negated=None):
            parts.setdefault(name, i)
    names = ctx.words["first_version_names"]
    # who: a member goal names the person it is for, in the sentence or just before it
    # ("The problem is the ads repeat" names nobody; "They give up" after "Parents ..." does)
    persons = ctx.words["persons"]

    def person(t: Token) -> bool:
        # ("the worst part of his week": a person's "his" or "her" names them)
        return is_person(t, persons) or (t.lower_ in ("his", "her") and t.dep_ == "poss")

    def names_someone(i: int) -> bool:
        peak = getattr(ctx.infos[i], "peak", {}).get("clarify_goal", (0.0, ""))[1]
        if peak.startswith("persona:"):
            return True  # a quoted persona speaks for herself ("she said, I ...")
        # (the interviewer's "what we hear from riders" names nobody for the candidate)
        # nor does a speaker label ("Candidate: Right.")
        return any(person(t) for j in range(max(0, i - 2), i + 1) for t in ctx.infos[j].span
                   if not t.is_punct and not ctx.infos[j].speaker and not (
                       t.lower_ in ("candidate", "interviewer") and
                       t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ":"))
    # "The MVP is a check-in. Plus a fake-call button. Plus photo verification. ...": a first
    # version followed by a run of added items is a list of what ships together
    # what each sentence adds, read once (three of the readings below ask)
    adds_at = [added_thing(info.span, ctx.words) for info in ctx.infos]
    bundle = [i for i in range(len(ctx.sentences))
              if (ctx.signal(i, "sig:bundle", negated=False) and
                  _about_shipping(ctx.infos[i].span, names, ctx.words) and
                  not _one_thing_to_all(ctx, i) and not _load_at_once(ctx, i)) or
              _ships_together(ctx.infos[i].span) or _launch_needs(ctx.infos[i].span) is not None
              or (ctx.sentences[i].speaker == CANDIDATE and
                  _closes_first_version(ctx.infos[i].span, names) and
                  # (right after the list it closes: "So that's my v1" after the validation
                  # sums up the answer, whatever was picked in it)
                  any(ctx.sentences[j].phase == "design" or
                      ctx.signal(j, "sig:item", negated=None) or
                      ctx.infos[j].peak.get("design", (0.0, ""))[1].startswith("added:")
                      for j in range(max(0, i - 3), i)))]
    # "No, I'd give them everything together: the booking page, channel sync, a guest inbox,
    # housekeeping checklists and invoicing": what a sentence says ships together, it lists
    for i in list(bundle):
        span = ctx.infos[i].span
        if ctx.sentences[i].speaker != CANDIDATE or i in later or \
                _narrows(span, ctx.words["narrowing"]):
            continue
        # (what follows its colon, when it has one: the list it announces; or what the
        # launch is said to need)
        colon = _launch_needs(span) or next((t for t in span if t.text == ":"), None)
        listed = span.doc[colon.i + 1:span.end] if colon is not None and \
            colon.i + 1 < span.end else span
        together = _read_list(listed, names)
        if colon is not None:
            # (the list it announces may be short by commas: "without age checks at the door,
            # a tasting page for every bottle, same-evening delivery, and a case subscription")
            read = _comma_items(listed, frozenset(w for n in names for w in n.split()),
                                min_pieces=LISTED_BUNDLE_MIN - 1)
            together = read if len(read) > len(together) else together
        if len(together) >= LISTED_BUNDLE_MIN - 1 and not any(_slice_word(t) for t in together):
            for t in together:
                parts.setdefault(_part_name(t, t.lemma_.lower()), i)
    def names_first_version(i: int) -> bool:
        # ("Two-month pilot with the Devon group; every Friday look at ...; if ..., stop": a
        # pilot told as the trial is validation, it holds no list of what ships)
        # ("Launch: live van map; ETA texts; ..." names the first version under a heading the
        # validation cues also know: it takes a validation pattern to make it the trial)
        if ctx.sentences[i].phase == "validation" and getattr(ctx.infos[i], "peak", {}).get(
                "validation", (0.0, ""))[0] >= ctx.th("validation_trial_min"):
            return False
        # ("Later (not v1): herd-health plans, ...", "- Not in V1: tinnitus, children, ...": a
        # line opened by putting off or leaving out lists what the first version leaves out)
        if _leaves_out(ctx.infos[i].span):
            return False
        low = " " + ctx.sentences[i].text.lower() + " "
        # ("For launch, owners get ...": the name before a comma too)
        bare = " " + " ".join(t.lower_ for t in ctx.infos[i].span if not t.is_punct) + " "
        return (any(f" {n} " in low or f" {n}:" in low or f" {n} " in bare for n in names) or
                any(f" {n}:" in low for n in ctx.words["headed_names"]) or
                _launch_holds(ctx.infos[i].span)) and \
            not _only_verb_names(ctx.infos[i].span, names)

    for i, sent in enumerate(ctx.sentences):
        low = " " + sent.text.lower() + " "
        if getattr(ctx.infos[i], "act", None) is not None:
            continue  # "... then metrics and an MVP, then trade-offs": an agenda ships nothing
        # ("In the first release it would have a weekly schedule. It would also have ...":
        # "it" right after the first version named is the first version)
        if not names_first_version(i) and not (
                i > 0 and _it_also_holds(ctx.infos[i].span) and names_first_version(i - 1)):
            continue
        run = 0
        existing: list[tuple[Token, int]] = []
        while i + 1 + run < len(ctx.sentences):
            # (not after a first version that is a slice: "V1 is series on TV. There's a
            # latency constraint ..."; unless the run is then said to go out together: "the
            # first version starts with booking. Then there's a donor card ... I'd launch all
            # of those together.")
            thing = None if i in claimed["scope"] and not any(
                _closes_on_what_came_before(ctx.infos[k].span, names) is True
                for k in range(i + 1, min(len(ctx.sentences), i + 1 + CLOSER_REACH))
                if ctx.sentences[k].speaker == CANDIDATE) else _said_to_exist(
                ctx.infos[i + 1 + run].span, ctx.words["not_items"])
            # (an item, a thing said to exist, or a thing added: "Launch w/: slot booking.
            # + also a live map. + weather alerts.")
            nxt = ctx.infos[i + 1 + run].span
            added = adds_at[i + 1 + run] is not None or all(
                t.is_punct or t.text == "+" for t in nxt) or (  # (a "+" left on its own)
                # ("And we should also do a what's-ripe-today page ...": a sentence that
                # opens by adding a thing to make, whatever the parser made of the thing)
                _opens_adding(nxt) and any(t.pos_ == "NOUN" for t in nxt))
            if thing is None and not added and \
                    not ctx.signal(i + 1 + run, "sig:item", negated=None):
                break
            existing += [(thing, i + 1 + run)] if thing is not None else []
            run += 1
        if run >= 2 and i not in bundle:
            bundle.append(i)
            for t, at in existing:
                parts.setdefault(_part_name(t, t.lemma_.lower()), at)
            # what the first version is said to be is its first item
            for t in ctx.infos[i].span:
                if t.dep_ in ("attr", "dobj") and t.pos_ == "NOUN" and t.head.lemma_ in (
                        "be", "include", "have", "contain", "carry"):
                    parts.setdefault(t.lemma_.lower(), i)
        # "For the MVP we'd ship the status sync, the assignment queue, the floor map, the
        # damage photos and a dashboard": a first version said to hold a list of things
        span = ctx.infos[i].span
        # (a list in a sentence that narrows, "TV only, US + UK, Android", names the slices)
        items: list[Token] = []
        # (a line in the scope only by its heading, "Version one: calendar, map, payments,
        # reminders, subscriptions", lists what ships; a list of slices, "V1: US, Mexico,
        # Spain; all devices", does not)
        if not _narrows(span, ctx.words["narrowing"]):
            items = _read_list(span, names)
            # (or what follows its colon, the list it announces, where the words before
            # break the reading: "So for the charity, I'd just go big for the launch: an
            # eligibility checker, booking with a volunteer adviser, ...")
            colon = next((t for t in span if t.text == ":"), None)
            if colon is not None and colon.i + 1 < span.end:
                after = _read_list(span.doc[colon.i + 1:span.end], names)
                items = after if len(after) > len(items) else items
            if (sent.phase == "scope" or i in claimed["scope"]) and \
                    any(_slice_word(t) for t in items):
                items = []
            # ("In v1 members can save a show, share it with a friend, rate it and set a
            # reminder": what it lets people do, told as actions)
            if len(items) < LISTED_BUNDLE_MIN:
                acts = _action_items(span, ctx.words["step_verbs"])
                items = acts if len(acts) >= LISTED_BUNDLE_MIN else items
        if ctx.signal(i, "sig:deferral"):
            continue
        if len(items) >= LISTED_BUNDLE_MIN:
            if i not in bundle:
                bundle.append(i)
            # ("the first cut has the lineup, a clash finder, wristband top-ups and a friend
            # locator": a first version said to hold many things widens; it narrows nothing)
            widened.append(i)
            for t in items:
                parts.setdefault(_part_name(t, t.lemma_.lower()), i)
        # "in the MVP I'd also throw in a punch card, a recipe helper and a chat", "version
        # one would also have ...", "the MVP version of all of this": the first version is
        # added to or said to be everything, not narrowed
        words = [t.lower_ for t in span]
        adds = any(w in ADDITIONS for w in words) or " throw in " in low or " on top " in low
        # ("I think it all has to be there from day one")
        # ("That's all first release for me": what was just said, pointed at, is all of it)
        everything = any(words[k:k + 3] in (["all", "of", "this"], ["all", "of", "that"],
                                            ["all", "of", "it"]) or
                         words[k:k + 2] in (["it", "all"], ["everything", "has"]) or (
                             words[k] in ("that", "this", "those", "these") and
                             words[k + 1:k + 3] in (["'s", "all"], ["is", "all"],
                                                    ["are", "all"]))
                         for k in range(len(words)))
        # ("the first version, I would only do this on TVs, because it's also where ...":
        # a first version narrowed adds nothing to itself)
        if (adds or everything) and not _narrows(span, ctx.words["narrowing"]):
            if i not in bundle:
                bundle.append(i)
            # (not "I wouldn't put all of that in the first version"; but "That's all first
            # release for me, I don't want to launch half of it" refuses a part: all of it)
            if everything and not any(t.dep_ == "neg" and not _in_reason_clause(t) and
                                      not _refuses_a_part(t) for t in span):
                sums_up.append(i)
            for t in span:
                held = t.dep_ in ("dobj", "attr") and t.head.lemma_ in (
                    "have", "include", "contain", "carry", "get", "ship", "build", "throw")
                if t.pos_ == "NOUN" and (held or (t.dep_ == "pobj" and t.head.lower_ == "with")):
                    for x in [t, *[c for c in t.children if c.dep_ == "conj"]]:
                        parts.setdefault(_part_name(x, x.lemma_.lower()), i)
            # (and what it lists, read by its commas where the tree breaks: "the first version
            # would also carry the locker at the station, the subscription plans and the stain
            # notes")
            for t in _comma_items(span, frozenset(w for n in names for w in n.split()) |
                                  ADDING_WORDS, min_pieces=3):
                parts.setdefault(_part_name(t, t.lemma_.lower()), i)
            # (and a typed chain added, read by its arrows: "v1 also = live map -> ETA push
            # -> pre-order a cone -> in-app pay -> stamp card"; commas in speech are read by
            # the tree above)
            if sum(_arrow(t) and t.text != ">" for t in span) >= LISTED_BUNDLE_MIN:
                for t in _comma_items(span, frozenset(w for n in names for w in n.split())):
                    parts.setdefault(_part_name(t, t.lemma_.lower()), i)
    # "Then there's, um, profiles for the crew ... Oh, and payments ... And a chat ... And all
    # of that would be in the first version": the pieces told one by one just before a first
    # version said to hold all of it are what it holds, each piece's thing one part
    for i in sums_up:
        for j in range(i - 1, max(-1, i - 1 - CLOSER_REACH), -1):
            if ctx.sentences[j].speaker != CANDIDATE or j in later:
                break
            thing = _piece_thing(ctx.infos[j].span, adds_at[j], ctx.words)
            if thing is None:
                # ("It should let customers book a slot, swap cleaners, rate each visit and
                # pay automatically. That's all first release for me.": actions listed)
                acts = _action_items(ctx.infos[j].span, ctx.words["step_verbs"])
                if len(acts) >= LISTED_BUNDLE_MIN:
                    for t in acts:
                        parts.setdefault(t.lemma_.lower(), j)
                break  # (the run of pieces ends where a sentence adds nothing)
            parts.setdefault(_part_name(thing, thing.lemma_.lower()), j)
    # "Interviewer: First version for the food trucks?" / "Candidate: A truck finder map,
    # order-ahead, card payments, a kitchen display and a daily sales report.": a list right
    # after the first version is named (by the interviewer's question, or by the candidate's
    # sentence just before) is what the first version holds
    # (a bare list, with no clause of its own: "We've already got the fleet, the app, ..."
    # says what exists, "I'd measure A, B, C and D" what is counted; a noun the parser
    # misread as a verb, "a repairs log with photos", has no pronoun for its subject)
    framed = _framed_by_a_first_version(ctx, names)
    for i in framed:
        span = ctx.infos[i].span
        if i in bundle or i in later or _narrows(span, ctx.words["narrowing"]) or \
                any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.pos_ == "PRON" and
                    t.head.dep_ not in ("relcl", "acl") for t in span) or \
                any(t.text == ":" for t in span[:LABEL_MAX_TOKENS + 1]) or _bulleted(span):
            # (nor a labelled line of notes, "Constraints: 1 quarter, 2 engineers", nor a
            # typed item, read under its heading below: "Scope V1:" then "- Car tests, ...";
            # nor a list put off: "Later on, maybe, service reminders, courtesy cars, ...")
            continue
        items = _read_list(span, names, heard=False)
        if len(items) >= LISTED_BUNDLE_MIN and not any(_slice_word(t) for t in items):
            bundle.append(i)
            for t in items:
                parts.setdefault(_part_name(t, t.lemma_.lower()), i)
    # "Interviewer: What can members do at launch?" / "Candidate: Put their place up with
    # photos, find matching dates, message the other family, agree the swap, and buy damage
    # cover.": what the first version lets people do, told as actions, is what it holds (its
    # own subject may open it: "It should let coaches post fixtures, let parents say ...")
    for i in framed:
        span = ctx.infos[i].span
        if _narrows(span, ctx.words["narrowing"]) or _bulleted(span):
            continue
        acts = _action_items(span, ctx.words["step_verbs"])
        # (one of the actions may be a put-off verb's, or what one action puts off: "sort out
        # lift-sharing to away games" is a thing to do, not the topic left for later, and in
        # "review each other afterwards" the reviewing comes after the swap, not the launch)
        doc = span.doc
        if any(t.lower_ in PUT_OFF_WORDS and not _in_reason_clause(t) and t.head not in acts
               for t in span) or any(
                not neg and doc[at] not in acts
                for _p, neg, at in ctx.infos[i].signals.get("sig:deferral", [])) or \
                i in unshipped:
            continue
        # (the things a sentence was read to hold already are those actions' objects: read
        # by its actions, when they are more, it holds those, not both)
        if len(acts) >= LISTED_BUNDLE_MIN and len(acts) > sum(j == i for j in parts.values()):
            bundle += [] if i in bundle else [i]
            parts = {n: j for n, j in parts.items() if j != i}
            for t in acts:
                parts.setdefault(t.lemma_.lower(), i)
    # "Then add a notification service, a public map of requests, a voting feature and a
    # reminder app": a list of three or more things the speaker adds or builds, in the design,
    # is that many new parts (not said to ship together: no bundle); also where the list
    # left the sentence with no phase of its own ("So what I'd build is a small kiosk at the
    # entrance, a driver app, a back office ..."), the candidate's
    for i in sorted(ctx.idx("design") + [
            j for j in ctx.idx("other") if ctx.sentences[j].speaker == CANDIDATE and
            getattr(ctx.infos[j], "act", None) is None]):
        span = ctx.infos[i].span
        # (not in what a thing is said to do: "a link that offers a seat"; "the system I'd
        # build has ..." is the speaker building)
        # (the building verb first: most sentences have none, and it is the cheap test)
        if not any(
                t.pos_ == "VERB" and t.lemma_.lower() in ctx.words["build_verbs"] and not (
                    t.dep_ in ("relcl", "acl") and not any(
                        c.dep_ == "nsubj" and c.lower_ in ADDING_SUBJECTS for c in t.children))
                for t in span) or i in later or _narrows(span, ctx.words["narrowing"]):
            continue
        # (read by its commas too where the parser hung an item off the one before: "a map
        # of the vans and a parts shop")
        items = _listed(span)
        read = _comma_items(span, frozenset(), min_pieces=3)
        items = read if len(read) > len(items) else items
        if len(items) >= 3:
            for t in items:
                parts.setdefault(_part_name(t, t.lemma_.lower()), i)
    # "And we should also do gift vouchers.", "And also a wait list so ...": in the design, a
    # sentence that adds to what came before names one more part
    for i in range(len(ctx.sentences)):
        if i in later or ctx.sentences[i].speaker != CANDIDATE or \
                getattr(ctx.infos[i], "act", None) is not None:
            continue
        for thing in _added_things(adds_at[i]):
            parts.setdefault(_part_name(thing, thing.lemma_.lower()), i)
    # "Obviously it also needs cabinet status. Obviously it also needs spoken instructions.
    # And obviously a send-someone button. We'd also want the guardian portal.": three or
    # more sentences in a row, each adding one more thing, grow what ships together
    adding: list[int] = []
    for i in range(len(ctx.sentences) + 1):
        adds = i < len(ctx.sentences) and ctx.sentences[i].speaker == CANDIDATE and \
            getattr(ctx.infos[i], "act", None) is None and i not in later and (
                adds_at[i] is not None or
                _opens_adding(ctx.infos[i].span))
        # (and, inside a run, a bare thing after "and": "And obviously a send-someone button")
        if adds or (adding and i < len(ctx.sentences) and _and_a_thing(ctx.infos[i].span)):
            adding.append(i)
            continue
        if len(adding) >= ADDED_RUN_MIN and adding[0] not in bundle:
            bundle.append(adding[0])
        adding = []
    # typed notes: every line under a first-version heading that went to the design is one
    # thing shipped ("V1:" then "- search walkers", "- book a slot", "- reviews", "- chat"),
    # named by its first noun, or its verb where it has none
    for i, info in enumerate(ctx.infos):
        # (or a line that ends on a colon: "Release 1, from day one a seller can:")
        if (getattr(info, "act", None) != "heading" and
                not (len(info.span) and info.span[-1].text == ":")) or not (any(
                f" {n} " in " " + " ".join(t.lower_ for t in info.span if not t.is_punct) + " "
                for n in names) or any(f" {n}:" in " " + info.span.text.lower()
                                       for n in ctx.words["headed_names"])):
            continue  # ("Launch:" names the first version with its colon)
        if _leaves_out(info.span):
            continue  # ("Not in V1:", "Later (not v1):" head what the first version leaves out)
        j = i + 1
        shipped = []
        # (and a line the sentence splitter cut inside a numbered list: "1) live van map 2)"
        # then "ETA texts 3) driver app 4) ...")
        while j < len(ctx.infos) and (_bulleted(ctx.infos[j].span) or any(
                _numbered(t) for t in ctx.infos[j].span)):
            # (the lines run together when the notes came as one line: "- search walkers -
            # book a slot - pay in app")
            for line in _bullet_lines(ctx.infos[j].span):
                # (a short item names a thing; a longer line says how, or what if: "- clerk
                # update must reach the screen within ~5 s")
                # (under a first-version heading a short line is what ships, unless it went
                # to another element: "- p95 < 2 s", "- success: bookings up")
                # (its words of content: a typed number heads the line, "1. book a pitch", and
                # "2. pick the exact spot on a map of the field" is one thing to do)
                words = [t for t in (line[1:] if line[0].like_num else line)
                         if t.pos_ in CONTENT_POS]
                # (or a line carried into another phase by the heading with no cue of its
                # own for it: under "Launch:", "- medication reminders" is no validation)
                went = ctx.sentences[j].phase
                if (went in ("design", "other") or went not in getattr(
                        ctx.infos[j], "peak", {})) and \
                        len(words) <= SHORT_ITEM_MAX_WORDS and \
                        not any(t.tag_ == "MD" or t.lower_ in ("if", "when", ">")
                                for t in line if not _describes_thing(t, line)):
                    head = next((t for t in line if t.pos_ in ("NOUN", "PROPN")), None) or \
                        next((t for t in line if t.pos_ == "VERB"), None)
                    if head is not None:
                        # (a modifier the parser took from the line before names nothing)
                        own = all(c in line for c in head.children if c.i < head.i)
                        shipped.append((_part_name(head, head.lemma_.lower()) if own
                                        else head.lemma_.lower(), j))
            j += 1
        if len(shipped) >= LISTED_BUNDLE_MIN:
            bundle.append(i)
            for name, j in shipped:
                parts.setdefault(name, j)
    member = [i for i in claimed["clarify_goal"] if names_someone(i)]
    who = _answers_who(ctx)
    member = sorted(set(member) | set(who))
    # (who gets the things is no part: "for launch, owners get a map, a chat, ..."; nor is a
    # placeholder alone: "three things: ...")
    parts = {n: i for n, i in parts.items()
             if n.split()[-1] not in persons and n not in ctx.words["placeholders"]}
    # ("So I'm picturing a tablet with defect reports, photos, a parts link and a chat." ...
    # "Yeah, fair, scrap most of that."): what the speaker takes back ships nothing
    for j in range(len(ctx.sentences)):
        if ctx.sentences[j].speaker == CANDIDATE and _takes_back(ctx.infos[j].span):
            back = [k for k in range(max(0, j - 6), j) if ctx.sentences[k].speaker == CANDIDATE
                    and k in parts.values()]
            if back:
                parts = {n: k for n, k in parts.items() if k != back[-1]}
                bundle = [k for k in bundle if k != back[-1]]
    # ("Plus water rota reminders. Oh, and a produce market. I wouldn't launch all of those
    # together."): the things added just before a refusal to send them out are held back
    for j in range(len(ctx.sentences)):
        if ctx.sentences[j].speaker == CANDIDATE and \
                _closes_on_what_came_before(ctx.infos[j].span, names) is False:
            kept_back = {k for k in range(max(0, j - CLOSER_REACH), j) if adds_at[k] is not None}
            parts = {n: k for n, k in parts.items() if k not in kept_back}
    parts = _distinct_parts(parts)  # after every way of naming parts above
    # ("All four harbours, boats and jet skis, every day of the year": where it reaches, not
    # what it is made of)
    parts = {n: k for n, k in parts.items() if not _coverage(ctx.infos[k].span, n) and
             not _fields_of_one(ctx.infos[k].span, n, ctx.words["field_holders"])}
    widens = "a first version said to hold many things widens it: no scope"
    for i in widened:
        if i in claimed["scope"] and widens not in ctx.infos[i].rejected:
            ctx.infos[i].rejected.append(widens)  # shown by explain.py
    answered = answers_to(ctx, "failure_modes")
    replied = _measure_replies(ctx)
    validation = []
    for i in claimed["validation"]:
        why = tests_something_else(ctx, i) or _empty_test(ctx, i)
        if why is None:
            validation.append(i)
        elif why not in ctx.infos[i].rejected:
            ctx.infos[i].rejected.append(why)  # shown by explain.py
    return Claims(
        member_goal=member, success_metric=sorted({i for i in metric_ids if states_success(i)} |
                                                  set(replied)),
        guardrail=guard, metric=sorted(set(metric_ids) | set(replied)),
        scope=[i for i in claimed["scope"] if i not in widened], constraint=kinds,
        tradeoff=claimed["tradeoffs"],
        # ("I don't think it'll go down much, those feeds are solid": the failure doubted,
        # with nothing for the member when it happens)
        # ("if the nudges land late, we'd hold the launch until that's fixed": what stops the
        # launch is a gate of the rollout, and the member gets nothing from it at run time)
        failure_mode=sorted({i for i in claimed["failure_modes"]
                             if not _denies(ctx.infos[i].span, ctx.words["doubt_verbs"]) and
                             not _gates_launch(ctx, i)}
                            | set(answered) | set(_link_down_then(ctx))),
        validation=validation,
        design=claimed["design"], parts=parts,
        bundle=sorted(bundle), answered=answered, replies={**who, **replied},
        first=first)


def _link_down_then(ctx: FlagContext) -> list[int]:
    """A link that drops, said as a fact, then what people get ("the gardener's phone often
    has no signal in those cemeteries, so the photos sit on the phone until he's back on the
    road and the family sees 'photos on their way'"): a failure mode with no "if" (LABELS:
    the part that fails and what the member then gets), beside the reliability constraint."""
    out = []
    for i, info in enumerate(ctx.infos):
        if ctx.sentences[i].speaker != CANDIDATE or getattr(info, "act", None) is not None:
            continue
        span = info.span
        doc = span.doc
        links = [at for at in ctx.all_at(i, "kind:reliability")
                 if doc[at].lemma_.lower() in ctx.words["links"]]
        if not links:
            continue
        # (the "so" in the sentence, or opening the next one where speech was split there)
        then = next((t for t in span if t.lower_ == "so" and t.i > links[0]), None)
        rest = doc[then.i + 1:span.end] if then is not None else None
        if rest is None and i + 1 < len(ctx.infos) and \
                ctx.sentences[i + 1].speaker == CANDIDATE and \
                ctx.infos[i + 1].span[0].lower_ == "so":
            rest = ctx.infos[i + 1].span[1:]
        # (what they then get, in a clause of its own: "so nothing can depend on the driver
        # seeing an update" says what the design may not lean on)
        if rest is not None and any(
                is_person(t, ctx.words["persons"]) and t.lower_ not in ("you", "they") and
                t.dep_ in ("nsubj", "nsubjpass") and not any(
                    a.dep_ in ("pcomp", "pobj", "acl") or a.tag_ == "VBG"
                    for a in (t.head, *t.head.ancestors))
                for t in rest):
            out.append(i)
    return out


def _questions(ctx: FlagContext) -> list[int]:
    return [i for i, info in enumerate(ctx.infos) if getattr(info, "act", None) == "question"]


def _assumption_after(ctx: FlagContext, c: Claims, first_q: int) -> int | None:
    """The first statement after the first question that says what the candidate assumes
    ("I'll assume returning members on TV") or narrows the scope."""
    scope = set(c.scope)
    for i in range(first_q + 1, len(ctx.sentences)):
        if ctx.sentences[i].speaker != CANDIDATE or getattr(ctx.infos[i], "act", None):
            continue
        if ctx.signal(i, "sig:assumption") or i in scope:
            return i
    return None


def opening_flags(ctx: FlagContext, c: Claims, raised: dict[str, Evidence]) -> None:
    """Clarifying questions: asked without ever stating an assumption (no_assumption), or
    too many before any substance, by count or by time (too_many_questions)."""
    questions = _questions(ctx)
    if not questions:
        return
    if _assumption_after(ctx, c, questions[0]) is None:
        raised["no_assumption"] = _ev_at(ctx, questions[-1])
    before = [i for i in questions if c.first is None or i < c.first]
    sents = ctx.sentences
    asking = 0.0
    for i in questions:  # the question and the interviewer's reply to it
        j = i + 1
        while j < len(sents) and sents[j].speaker != CANDIDATE:
            j += 1
        asking += sents[j - 1].end_s - sents[i].start_s
    total = max(ctx.duration_s, sents[-1].end_s if sents else 0.0)
    long_enough = total >= ctx.th("question_time_min_s")
    if len(before) > ctx.th("max_opening_questions") or (
            long_enough and asking > ctx.th("max_question_time_fraction") * total):
        raised["too_many_questions"] = _ev_at(ctx, (before or questions)[0])


def compute_flags(ctx: FlagContext, found: Claims | None = None) -> list[Flag]:
    raised: dict[str, Evidence] = {}
    sents = ctx.sentences
    c = found or find_claims(ctx)
    if c.first is not None and sents[c.first].phase == "design" and \
            _opens_on_architecture(ctx, c.first):
        raised["architecture_before_goal"] = _ev_at(ctx, c.first)
    # ("Phase one, I'd build a booking calendar, an account for each farm, a sensor link, a
    # dashboard and invoicing" before anything else: the first thing said is what gets built)
    elif c.bundle and (c.first is None or c.bundle[0] <= c.first) and sum(
            1 for i in c.parts.values() if i == c.bundle[0]) >= ctx.th("overbuilt_bundled_min"):
        raised["architecture_before_goal"] = _ev_at(ctx, c.bundle[0])
    if not c.member_goal:
        raised["no_member_goal"] = _ev_missing(ctx, ("metrics", "design"))
    if not c.metric:
        ev = _ev_missing(ctx, ("scope", "constraints", "design"))
        raised["no_success_metric"] = ev
        raised["no_guardrail"] = ev
    else:
        if not c.success_metric:
            raised["no_success_metric"] = _ev_at(ctx, c.metric[0])
        if not c.guardrail:
            raised["no_guardrail"] = _ev_at(ctx, (c.success_metric or c.metric)[0])
    if not c.scope:
        raised["no_scope"] = _ev_missing(ctx, ("design",))
    if len(c.constraint) < ctx.th("min_constraint_kinds"):
        cids = ctx.idx("constraints")
        raised["missing_constraints"] = (_ev_at(ctx, cids[0]) if cids
                                         else _ev_missing(ctx, ("design",)))
    if not c.tradeoff:
        raised["no_tradeoff"] = _ev_missing(ctx, ("failure_modes", "validation"), default_last=True)
    if not c.failure_mode:
        raised["no_failure_mode"] = _ev_missing(ctx, ("validation",), default_last=True)
    if not c.validation:
        raised["no_validation"] = _ev_missing(ctx, (), default_last=True)

    # overbuilt v1: many distinct new parts, said to ship together or with no scope
    n_parts = len(c.parts)
    if (c.bundle and n_parts >= ctx.th("overbuilt_bundled_min")) or \
       (not c.scope and n_parts >= ctx.th("overbuilt_unscoped_min")) or \
       n_parts >= ctx.th("overbuilt_scoped_min"):
        design = ctx.idx("design")
        where = c.bundle[0] if c.bundle else (design[0] if design else None)
        raised["overbuilt_v1"] = _ev_at(ctx, where)

    opening_flags(ctx, c, raised)

    # beyond the ten
    infra = [i for i in ctx.idx("design") if ctx.signal(i, "sig:infrastructure", negated=False)]
    if infra:
        # what the member gets may follow in the next sentences ("..., so the row loads
        # before they reach it")
        explained = [i for i in infra
                     if any(ctx.signal(j, "sig:member_effect")
                            for j in range(i, min(len(sents), i + 3)))]
        if len(explained) < max(1, len(infra) // 2):
            raised["no_member_effect"] = _ev_at(ctx, infra[0])

    claimed = {"clarify_goal": c.member_goal, "metrics": c.metric, "scope": c.scope}
    framing = [p for p in ("clarify_goal", "metrics", "scope") if claimed[p]]
    if framing and sents:
        total = max(ctx.duration_s, sents[-1].end_s)
        frac = ctx.th("late_framing_fraction") * total
        deadline = max(ctx.th("late_framing_seconds"), frac)
        design_ids = ctx.idx("design")
        # the design has begun once two design sentences are said
        design_at = sents[design_ids[1]].start_s if len(design_ids) > 1 else total
        firsts = {p: sents[claimed[p][0]] for p in framing}
        # late: after the first minutes, or (in a short answer) after the design has begun
        # and past the first fifth of the answer
        late = [s for s in firsts.values()
                if s.start_s > deadline or (s.start_s > frac and s.start_s > design_at)]
        if late:
            raised["late_framing"] = Evidence(_quote(late[0]), late[0].start_s)

    vids = ctx.idx("validation")
    if vids and sents:
        total = sents[-1].end_s
        window = total * (1 - ctx.th("closing_window_fraction"))
        if sents[vids[-1]].end_s < window:
            last_sub = max(i for i, s in enumerate(sents) if s.phase != "other")
            raised["no_closing_validation"] = _ev_at(ctx, last_sub)

    return order_flags(
        [Flag(fid, ctx.rules.flags[fid].severity, ev, ctx.rules.flags[fid].advice)
         for fid, ev in raised.items()], ctx.rules, ctx.system)


def flag_priority(fid: str, rules: FlagRules, system: str | None) -> float:
    override = rules.priority_by_system.get(system or "", {})
    return override.get(fid, rules.flags[fid].priority)


def order_flags(flags: list[Flag], rules: FlagRules, system: str | None) -> list[Flag]:
    return sorted(flags, key=lambda f: flag_priority(f.id, rules, system))


def _cue(ctx: FlagContext, i: int, phase: str) -> str:
    peak = getattr(ctx.infos[i], "peak", {}).get(phase)
    return str(peak[1]) if peak else ""


def claim_values(ctx: FlagContext, c: Claims) -> list[Claim]:
    """The claims as values for the session, the report and explain.py, in answer order."""
    sents = ctx.sentences

    def one(kind: str, i: int, phase: str, detail: str = "", cue: str = "") -> Claim:
        return Claim(kind, _quote(sents[i]), cue or _cue(ctx, i, phase), sents[i].start_s,
                     detail)
    def reply(i: int) -> str:
        return f"answers: {_short(_quote(sents[c.replies[i]]), 10)}" if i in c.replies else ""
    out = [one("member_goal", i, "clarify_goal", cue=reply(i)) for i in c.member_goal]
    out += [one("success_metric", i, "metrics", cue=reply(i)) for i in c.success_metric]
    out += [one("guardrail", i, "metrics", cue=", ".join(ctx.signal(i, "sig:guardrail", None)))
            for i in c.guardrail]
    out += [one("scope", i, "scope") for i in c.scope]
    out += [one("constraint", i, "constraints", kind) for kind, ids in c.constraint.items()
            for i in ids]
    out += [one("tradeoff", i, "tradeoffs") for i in c.tradeoff]
    out += [one("failure_mode", i, "failure_modes", cue="" if i not in c.answered else
                f"answers: {_short(_quote(sents[c.answered[i]]), 10)}") for i in c.failure_mode]
    out += [one("validation", i, "validation") for i in c.validation]
    out += [one("first_version_part", i, "design", name, cue=name)
            for name, i in c.parts.items()]
    return sorted(out, key=lambda x: x.start_s)


NUMBER_WORDS = {1: "one", 2: "two", 3: "three"}


def _short(quote: str, words: int = 14) -> str:
    w = quote.rstrip(".!?…").split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


def strengths_for(ctx: FlagContext, raised: set[str], found: Claims | None = None
                  ) -> list[str]:
    """What went well: only for an element the candidate stated, and naming it ("You paired
    the success metric with a guardrail you would protect: cancellations must not go up")."""
    c = found or find_claims(ctx)
    kinds = ", ".join(k for k in ("latency", "reliability", "scale", "learning")
                      if k in c.constraint)
    said: dict[str, str | None] = {
        "architecture_before_goal": "" if c.member_goal and c.design else None,
        "no_member_goal": _quote(ctx.sentences[c.member_goal[0]]) if c.member_goal else None,
        "no_success_metric": _quote(ctx.sentences[c.success_metric[0]])
        if c.success_metric else None,
        # "paired the success metric with a guardrail": only when both were said
        "no_guardrail": _quote(ctx.sentences[c.guardrail[0]])
        if c.guardrail and c.success_metric else None,
        "no_scope": _quote(ctx.sentences[c.scope[0]]) if c.scope else None,
        "missing_constraints": kinds or None,
        "no_tradeoff": _quote(ctx.sentences[c.tradeoff[0]]) if c.tradeoff else None,
        "no_failure_mode": _quote(ctx.sentences[c.failure_mode[0]]) if c.failure_mode else None,
        "no_validation": _quote(ctx.sentences[c.validation[0]]) if c.validation else None,
        "overbuilt_v1": (", ".join(list(c.parts)[:4]) or "one change")
        if c.design and c.scope else None,
        "late_framing": "" if c.member_goal and c.metric and c.scope else None,
    }
    questions = _questions(ctx)
    if questions:
        after = _assumption_after(ctx, c, questions[0])
        n = len(questions)
        said["no_assumption"] = (
            f"{NUMBER_WORDS.get(n, str(n))} question{'s' if n > 1 else ''}, then: "
            f"\"{_short(_quote(ctx.sentences[after]))}\"") if after is not None else None
    out = []
    for fid, quote in said.items():
        if quote is None or fid in raised:
            continue
        base = ctx.rules.flags[fid].strength.rstrip(".")
        if not quote:
            out.append(f"{base}.")
        elif fid in ("missing_constraints", "overbuilt_v1", "no_assumption"):
            out.append(f"{base} ({quote}).")
        else:
            out.append(f"{base}: \"{_short(quote)}\".")
    return out
