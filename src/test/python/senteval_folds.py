"""Reference values for SentEvalFolds (run by hand; tests read the JSON it writes, never Python).

SentEval's binary tasks (MR, CR, SUBJ, MPQA) and TREC evaluate by StratifiedKFold(n_splits=k,
shuffle=True, random_state=1111) over the samples sorted by (token count, label); this script
computes what scikit-learn assigns for a few label vectors and for one small binary task given as
its positive and negative sentences, in SentEval's order (positives first, then a stable sort).

    /usr/bin/python3 src/test/python/senteval_folds.py > src/test/resources/golden/senteval-folds.json

Computed with Debian's python3-sklearn 1.2.1 and numpy 1.24.2.
"""
import json
import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold


def test_folds(y, k, seed):
    folds = np.empty(len(y), dtype=int)
    for i, (_, test) in enumerate(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)):
        folds[test] = i
    return folds.tolist()


rng = np.random.RandomState(7)
cases = []
for name, y, k, seed in [
    ("binary-53", [i % 2 for i in range(53)], 10, 1111),
    ("binary-sorted-40", sorted([i % 2 for i in range(40)]), 10, 1111),
    ("three-classes-unordered", [2, 0, 2, 1, 1, 0, 2, 2, 0, 1] * 4 + [2, 2, 2], 10, 1111),
    ("six-classes-100", rng.randint(0, 6, 100).tolist(), 10, 1111),
    ("binary-31-five-folds", rng.randint(0, 2, 31).tolist(), 5, 1111),
    ("binary-60-seed-0", rng.randint(0, 2, 60).tolist(), 10, 0),
]:
    cases.append({"name": name, "y": [int(v) for v in y], "k": k, "seed": seed, "testFolds": test_folds(y, k, seed)})

pos = ["a fine film", "moving", "the best\xa0thing this year", "great fun , truly", "loved it", "warm", "a joy"]
neg = ["dull", "a waste of two hours", "flat and tedious", "no", "bad", "worst film ever made", "meh ."]
samples = [(s.split(), 1) for s in pos] + [(s.split(), 0) for s in neg]
order = sorted(range(len(samples)), key=lambda i: (len(samples[i][0]), samples[i][1]))
labels = [samples[i][1] for i in order]
task = {"positive": pos, "negative": neg, "order": order, "labels": labels, "k": 3, "seed": 1111,
        "testFolds": test_folds(labels, 3, 1111)}

print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases, "binaryTask": task},
                 separators=(",", ":")))
