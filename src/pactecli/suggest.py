""" "Did you mean": the closest known name to a mistyped key or id.

A `Suggester` indexes its candidates once, so that a thousand unknown references among ten
thousand ids cost about as much as a clean run: exact matches and swapped letters are found
through dictionaries, and the fuzzy comparison (difflib's ratio) runs only on a bounded number
of candidates that share the query's rarest three-letter sequences.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_CUTOFF = 0.7
#: The shortest word completed into the one candidate it begins.
_MIN_PREFIX = 3
#: The most candidates compared with difflib for one word (the work per suggestion is bounded).
MAX_COMPARED = 64


def _fold(text: str) -> str:
    """Compare without case, accents, underscores or dashes: `Titré` ~ `titre`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("_", "").replace("-", "")


def _trigrams(folded: str) -> set[str]:
    padded = f"^{folded}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """The candidates, folded and indexed once; `closest` answers each word in bounded time."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._by_fold: dict[str, str] = {}
        for candidate in candidates:
            self._by_fold.setdefault(_fold(candidate), candidate)
        self._by_letters: dict[str, list[str]] = defaultdict(list)
        self._by_trigram: dict[str, list[str]] = defaultdict(list)
        for folded in self._by_fold:
            self._by_letters["".join(sorted(folded))].append(folded)
            for trigram in _trigrams(folded):
                self._by_trigram[trigram].append(folded)
        self._memo: dict[str, str | None] = {}
        self._sorted = sorted(self._by_fold)

    def closest(self, word: str) -> str | None:
        """The candidate a user most probably meant, or None when nothing is close enough."""
        if word not in self._memo:
            self._memo[word] = self._closest(_fold(word))
        return self._memo[word]

    def did_you_mean(self, word: str) -> str:
        """`vouliez-vous dire « titre » ?`, or an empty string."""
        match = self.closest(word)
        return f"vouliez-vous dire « {match} » ?" if match is not None and match != word else ""

    def _closest(self, folded: str) -> str | None:
        if folded in self._by_fold:
            return self._by_fold[folded]
        for other in self._by_letters.get("".join(sorted(folded)), ()):
            if _one_swap_apart(folded, other):
                return self._by_fold[other]
        matches = difflib.get_close_matches(folded, self._shortlist(folded), n=1, cutoff=_CUTOFF)
        if matches:
            return self._by_fold[matches[0]]
        return self._only_completion(folded)

    def _only_completion(self, folded: str) -> str | None:
        """The one candidate the word begins (`cls` for `cls-2024-2027`), found by bisection."""
        if len(folded) < _MIN_PREFIX:
            return None
        start = bisect.bisect_left(self._sorted, folded)
        found = self._sorted[start : start + 2]
        starting = [c for c in found if c.startswith(folded)]
        return self._by_fold[starting[0]] if len(starting) == 1 else None

    def _shortlist(self, folded: str) -> list[str]:
        """Candidates sharing the word's rarest trigrams, at most MAX_COMPARED of them.

        A name within difflib's cutoff shares most of the word's letters in order, hence many
        of its trigrams, the rare ones included: looking at those first finds it among few.
        """
        postings = sorted(
            (self._by_trigram[t] for t in _trigrams(folded) if t in self._by_trigram), key=len
        )
        counts: dict[str, int] = defaultdict(int)
        for posting in postings:
            if len(counts) >= MAX_COMPARED:
                break
            for candidate in posting[: MAX_COMPARED * 4]:
                counts[candidate] += 1
        ranked = sorted(counts, key=lambda c: (-counts[c], c))
        return ranked[:MAX_COMPARED]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a user most probably meant among a few (keys, codes, options)."""
    return Suggester(candidates).closest(word)


def _one_swap_apart(a: str, b: str) -> bool:
    """`nmo` / `nom`: two neighbouring letters typed in the wrong order."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`vouliez-vous dire « titre » ?`, or an empty string."""
    return Suggester(candidates).did_you_mean(word)
