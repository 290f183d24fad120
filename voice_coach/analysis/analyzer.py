"""The analyzer: words -> sentences with phases -> flags, strengths and delivery metrics.

spaCy does the language work: sentences (split further when a speaker runs on without
punctuation), lemmas, and a PhraseMatcher over lemma-normalised tokens for the cue phrases in
``rules/*.toml``. Sentence phases are chosen jointly over the whole answer (a small Viterbi
pass) because an answer has an order: a sentence with no cue of its own usually continues the
phase before it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from voice_coach.analysis.delivery import delivery_metrics
from voice_coach.analysis.repair import repair_words, words_from_text
from voice_coach.analysis.rules import (
    CORE_FLAGS,
    PHASES,
    FlagRules,
    PhaseRules,
    RepairRule,
    Signals,
    default_rules,
)
from voice_coach.values import Analysis, Evidence, Flag, Sentence, Word

log = logging.getLogger(__name__)

NORM_COMPONENT = "voice_coach_lemma_norm"
NEGATORS = {"not", "n't", "no", "never", "without", "nothing", "none", "neither", "nor"}
SPLIT_MARKERS = {"so", "and", "but", "now", "then", "also", "because", "which", "after"}


@Language.component(NORM_COMPONENT)
def lemma_norm(doc: Doc) -> Doc:
    """Put the lower-cased lemma in ``norm_`` so PhraseMatcher(attr="NORM") matches on lemmas
    and still works on a blank pipeline (no lemmatizer: the lower-cased text)."""
    for tok in doc:
        tok.norm_ = (tok.lemma_ or tok.text).lower()
    return doc


@dataclass(frozen=True)
class AnalyzerOptions:
    max_sentence_tokens: int = 40  # longer run-ons are split at discourse markers
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
    # name -> [(phrase, negated, token index)]
    signals: dict[str, list[tuple[str, bool, int]]] = field(default_factory=dict)
    phase: str = "other"


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
        all_phrases = sorted({p for _, _, ps in entries for p in ps})
        # patterns go through the same pipeline so their lemmas match the text's
        docs = dict(zip(all_phrases, self.nlp.pipe(all_phrases, batch_size=256), strict=True))
        for key, info, phrases in entries:
            self.matcher.add(key, [docs[p] for p in phrases])
            self._key_info[self.nlp.vocab.strings[key]] = info

    @staticmethod
    def _negated(doc: Doc, start: int, end: int, sent: Span) -> bool:
        lo = max(sent.start, start - 4)
        if any(t.lower_ in NEGATORS for t in doc[lo:start]):
            return True
        span = doc[start:end]
        head = span.root.head
        return any(c.dep_ == "neg" for c in list(span.root.children) + list(head.children))

    # -- sentences ----------------------------------------------------------------------
    def _split_long(self, sent: Span) -> list[Span]:
        limit = self.opt.max_sentence_tokens
        if len(sent) <= limit:
            return [sent]
        doc = sent.doc
        pieces: list[Span] = []
        start = sent.start
        for tok in sent:
            if tok.i - start < self.opt.min_piece_tokens or sent.end - tok.i < self.opt.min_piece_tokens:
                continue
            prev = doc[tok.i - 1]
            boundary = tok.lower_ in SPLIT_MARKERS and (prev.is_punct or tok.lower_ in ("so", "now"))
            if boundary or (tok.i - start >= limit and prev.text == ","):
                pieces.append(doc[start:tok.i])
                start = tok.i
        pieces.append(doc[start:sent.end])
        return pieces

    def _sentences(self, doc: Doc, word_chars: list[tuple[int, int]]) -> list[_SentInfo]:
        out: list[_SentInfo] = []
        wi = 0
        for sent in doc.sents:
            for piece in self._split_long(sent):
                if not piece.text.strip():
                    continue
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
        tok_sent = {}
        for idx, s in enumerate(sents):
            for t in range(s.span.start, s.span.end):
                tok_sent[t] = idx
        hits: list[dict[str, list[tuple[float, bool, bool, str]]]] = [{} for _ in sents]
        for match_id, start, end in self.matcher(doc):
            idx = tok_sent.get(start)
            if idx is None:
                continue
            s = sents[idx]
            kind, info = self._key_info[match_id]
            phrase = doc[start:end].text.lower()
            neg = self._negated(doc, start, end, s.span)
            if kind == "cue":
                g = info
                if g.negatable and neg:
                    continue
                hits[idx].setdefault(g.phase, []).append((g.weight, g.generic, neg, phrase))
            else:
                name = f"{kind}:{info}"
                s.signals.setdefault(name, []).append((phrase, neg, start))
        n = len(sents)
        for idx, s in enumerate(sents):
            deferral = bool(s.signals.get("sig:negation"))
            for phase, lst in hits[idx].items():
                has_specific = any(not generic for _, generic, _, _ in lst)
                seen: dict[str, float] = {}
                for w, generic, _neg, phrase in lst:
                    if generic and (not has_specific or deferral):
                        continue
                    seen[phrase] = max(seen.get(phrase, 0.0), w)
                ws = sorted(seen.values(), reverse=True)
                score = sum(w * (0.5 ** k) for k, w in enumerate(ws))
                if deferral and phase in ("metrics", "tradeoffs"):
                    score *= 0.3
                if score > 0:
                    s.scores[phase] = score
            # an answer has an order: a gentle positional prior
            pos = idx / max(1, n - 1)
            if pos <= 0.3 and "clarify_goal" in s.scores:
                s.scores["clarify_goal"] += 0.4
            if pos >= 0.6 and "validation" in s.scores:
                s.scores["validation"] += 0.3

    def _assign_phases(self, sents: list[_SentInfo]) -> None:
        if not sents:
            return
        stay = self.opt.stay_bonus if self.opt.stay_bonus is not None else self.phase_rules.continuation
        thr = self.phase_rules.threshold
        phases = PHASES

        def emit(s: _SentInfo, p: str) -> float:
            sc = s.scores.get(p, 0.0)
            if p == "other":
                short = len(s.span) <= self.phase_rules.other_max_tokens
                sc += self.opt.other_prior + (0.4 if short and not s.scores else 0.0)
            elif sc < thr:
                sc *= 0.5  # weak evidence alone does not open a phase
            return sc

        best = {p: emit(sents[0], p) for p in phases}
        back: list[dict[str, str]] = []
        for s in sents[1:]:
            new: dict[str, float] = {}
            ptr: dict[str, str] = {}
            for p in phases:
                cands = {q: best[q] + (stay if q == p and p != "other" else 0.0) for q in phases}
                q = max(cands, key=lambda k: cands[k])
                new[p] = cands[q] + emit(s, p)
                ptr[p] = q
            back.append(ptr)
            best = new
        p = max(best, key=lambda k: best[k])
        path = [p]
        for ptr in reversed(back):
            p = ptr[p]
            path.append(p)
        path.reverse()
        for s, p in zip(sents, path, strict=True):
            s.phase = p

    # -- public -------------------------------------------------------------------------
    def analyze_text(self, text: str) -> Analysis:
        words = words_from_text(text)
        return self.analyze(words, estimated=True)

    def explain(self, words: Sequence[Word]) -> list[_SentInfo]:
        """Sentences with their cue scores, signals and phase (for debugging rules)."""
        pieces, chars, pos = [], [], 0
        for w in words:
            chars.append((pos, pos + len(w.text)))
            pieces.append(w.text)
            pos += len(w.text) + 1
        doc = self.nlp(" ".join(pieces))
        infos = self._sentences(doc, chars) if words else []
        self._score(doc, infos)
        self._assign_phases(infos)
        return infos

    def analyze(self, words: Sequence[Word], duration_s: float | None = None,
                estimated: bool = False, system: str | None = None) -> Analysis:
        if self.opt.repair_asr:
            words = repair_words(words, self.repairs)
        words = list(words)
        infos = self.explain(words)
        sentences = [
            Sentence(s.span.text.strip(), s.phase, words[s.first_word].start_s,
                     words[s.last_word].end_s) for s in infos
        ]
        from voice_coach.analysis.flags import FlagContext, compute_flags, strengths_for

        ctx = FlagContext(infos=infos, sentences=sentences, rules=self.flag_rules,
                          duration_s=duration_s if duration_s is not None else
                          (words[-1].end_s if words else 0.0),
                          system=system or self.opt.system)
        flags = compute_flags(ctx)
        strengths = strengths_for(ctx, {f.id for f in flags})
        metrics = delivery_metrics(words, sentences, duration_s, estimated)
        return Analysis(sentences, flags, strengths, metrics)


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def flag_vector(analysis: Analysis) -> dict[str, bool]:
    ids = {f.id for f in analysis.flags}
    return {f: f in ids for f in CORE_FLAGS}
