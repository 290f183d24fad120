"""Analysis while the candidate is still talking.

Parsing is almost all of the analyzer's cost (spaCy's tagger and parser: ~0.5 s for a
20-minute, 4,000-word answer on two cores), and it is sentence-local. So words are parsed as
they arrive: every sentence the parser has closed (one is followed by another) is scored and
kept, and only the sentence still open waits for more words. When the answer ends, only that
tail is parsed; the whole-answer part (phases over the sequence, flags, delivery metrics)
needs no parsing and takes milliseconds, so the wait no longer grows with the answer.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from voice_coach.analysis.analyzer import Analyzer, ScoredSentence
from voice_coach.analysis.repair import context_window
from voice_coach.values import Analysis, Word

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IncrementalOptions:
    # parse once this many new words have arrived: fewer means more parser calls (each
    # re-parses the open tail too), more means a longer tail left for the end of the answer
    min_pending_words: int = 40
    settle_sentences: int = 1  # whole sentences after a commit point, so the parser has seen
    # how the next one starts before the boundary is trusted
    max_pending_words: int = 400  # unpunctuated speech: commit anyway past this


class IncrementalParse:
    """The sentences of one answer, parsed and scored as its words arrive.

    ``feed`` is called with each utterance's words (in order); ``snapshot`` returns every
    word and scored sentence so far, parsing only the words not yet committed. Repair of
    mishearings runs on the raw words that are still pending, so a repair is never split by
    a commit.
    """

    def __init__(self, analyzer: Analyzer, options: IncrementalOptions | None = None) -> None:
        self.analyzer = analyzer
        self.opt = options or IncrementalOptions()
        self.words: list[Word] = []  # committed words (repaired)
        self.sentences: list[ScoredSentence] = []  # committed sentences, scored
        self._pending: list[Word] = []  # raw words not yet in a committed sentence
        self._snapshot: tuple[list[Word], list[ScoredSentence]] | None = None
        self._new_words = 0  # fed since the last parse
        # a repair may look this many words either side: a commit leaves at least this many
        # after it, so the repair of every committed word saw all of its context
        self._window = context_window(analyzer.repairs) if analyzer.opt.repair_asr else 0
        self.parse_s_total = 0.0
        self.parses = 0

    def feed(self, words: Sequence[Word]) -> None:
        if not words:
            return
        self._pending.extend(words)
        self._new_words += len(words)
        self._snapshot = None
        if self._new_words >= self.opt.min_pending_words:
            self._advance()
            self._new_words = 0

    def _repaired(self, raw: Sequence[Word]) -> tuple[list[Word], list[int]]:
        origins: list[int] = []
        if self.analyzer.opt.repair_asr:
            # the words said just before count as context ("cash" near "payment" stays)
            before = self.words[-self._window:] if self._window else []
            return self.analyzer.repair(raw, origins, before), origins
        return list(raw), list(range(len(raw)))

    def _advance(self) -> None:
        """Commit every sentence of the pending words except the last (still open)."""
        t0 = time.perf_counter()
        words, origins = self._repaired(self._pending)
        doc, infos = self.analyzer.parse(words, self._context())
        keep = infos[: self._safe_cut(words, origins, infos)]
        if keep:
            self.analyzer.score(doc, keep)
            cut = keep[-1].last_word + 1
            self._commit(words[:cut], keep)
            self._pending = self._pending[origins[cut]:] if cut < len(words) else []
        self.parse_s_total += time.perf_counter() - t0
        self.parses += 1

    def _context(self) -> str:
        """The last committed sentence, as left context for parsing what follows it."""
        return self.sentences[-1].span.text.strip() if self.sentences else ""

    def _safe_cut(self, words: list[Word], origins: list[int],
                  infos: list[ScoredSentence]) -> int:
        """How many leading sentences can be committed. The parser's boundaries near the end
        of unfinished text are unreliable ("a show that launched this morning | can't
        appear ..."), so a commit ends on a sentence that closes with . ? or ! and is
        followed by at least ``settle_sentences`` more before the open tail. Long
        unpunctuated runs are still committed once they pass ``max_pending_words``."""
        last_ok = len(infos) - 1 - self.opt.settle_sentences
        forced = len(self._pending) >= self.opt.max_pending_words
        for j in range(last_ok - 1, -1, -1):
            s = infos[j]
            cut = s.last_word + 1
            if len(words) - cut < self._window:
                continue
            # never split one repaired phrase ("a slash b test" -> "A/B test")
            if cut < len(words) and origins[cut] == origins[cut - 1]:
                continue
            closes = s.span.end == s.span.sent.end and \
                s.span.text.rstrip()[-1:] in (".", "?", "!")
            if closes or forced:
                return j + 1
        return 0

    def _commit(self, words: list[Word], infos: list[ScoredSentence]) -> None:
        offset = len(self.words)
        for s in infos:
            s.first_word += offset
            s.last_word += offset
        self.words.extend(words)
        self.sentences.extend(infos)

    def snapshot(self) -> tuple[list[Word], list[ScoredSentence]]:
        """All words and scored sentences so far; the open tail is parsed but not committed,
        so more words can still follow. Cached until the next ``feed``."""
        if self._snapshot is None:
            t0 = time.perf_counter()
            words, _ = self._repaired(self._pending)
            doc, infos = self.analyzer.parse(words, self._context())
            self.analyzer.score(doc, infos)
            offset = len(self.words)
            tail = [dataclasses.replace(s, first_word=s.first_word + offset,
                                        last_word=s.last_word + offset) for s in infos]
            self._snapshot = (self.words + words, self.sentences + tail)
            self.parse_s_total += time.perf_counter() - t0
        all_words, all_infos = self._snapshot
        return list(all_words), list(all_infos)


def analyze_parses(analyzer: Analyzer, parses: Sequence[IncrementalParse],
                   duration_s: float | None = None, system: str | None = None) -> Analysis:
    """One analysis over one or more answers parsed while listening (the turns of a mock
    interview, in order). Sentences are copied: the phases chosen here are not written
    back into the parses, which may be analyzed again with other turns."""
    words: list[Word] = []
    infos: list[ScoredSentence] = []
    for p in parses:
        w, ss = p.snapshot()
        offset = len(words)
        infos.extend(dataclasses.replace(s, first_word=s.first_word + offset,
                                         last_word=s.last_word + offset) for s in ss)
        words.extend(w)
    return analyzer.analyze_scored(words, infos, duration_s, False, system)


def parse_words(analyzer: Analyzer, words: Sequence[Word]) -> IncrementalParse:
    """An answer whose words are all known (a file, a finished turn): one parse, as
    ``Analyzer.analyze`` does."""
    p = IncrementalParse(analyzer, IncrementalOptions(min_pending_words=1 << 30))
    p.feed(words)
    return p
