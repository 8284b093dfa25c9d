""" "Did you mean": the closest known name to a mistyped key or id."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _fold(text: str) -> str:
    """Compare without case, accents, underscores or dashes: `Titré` ~ `titre`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("_", "").replace("-", "")


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a user most probably meant, or None when nothing is close enough."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(_fold(candidate), candidate)
    folded = _fold(word)
    if folded in by_fold:
        return by_fold[folded]
    for candidate_fold, candidate in by_fold.items():
        if _one_swap_apart(folded, candidate_fold):
            return candidate
    matches = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.7)
    return by_fold[matches[0]] if matches else None


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
    match = closest(word, candidates)
    return f"vouliez-vous dire « {match} » ?" if match is not None and match != word else ""
