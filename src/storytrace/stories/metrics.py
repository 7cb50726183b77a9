"""B-cubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin).

Per item: precision is the share of its predicted cluster that shares its gold label;
recall is the share of its gold cluster that shares its predicted cluster. Averages over
the items present in both mappings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    items: int
    predicted_clusters: int
    gold_clusters: int


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    items = [i for i in gold if i in predicted]
    if not items:
        return BCubed(0.0, 0.0, 0.0, 0, 0, 0)
    pairs = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    p = sum(pairs[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items) / len(items)
    r = sum(pairs[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return BCubed(p, r, f1, len(items), len(pred_size), len(gold_size))
