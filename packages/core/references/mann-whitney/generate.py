#!/usr/bin/env python3
"""Regenerates mann-whitney.json: reference p-values for the Mann-Whitney U test, written by code nobody here wrote.

    python3 packages/core/references/mann-whitney/generate.py   # needs numpy and scipy (checked with scipy 1.17)

For each seeded case (tie-free, heavily tied counts, lopsided sizes, and a few large ones):
- p_exact: the exact permutation p-value, scipy.stats.permutation_test with n_resamples=inf, which enumerates
  every way of splitting the pooled values into the two samples (ties included). Left null when there are more
  than MAX_ENUMERATED splits. scipy's own mannwhitneyu(method='exact') is not used: it ignores ties.
- p_asymptotic: scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True), the normal approximation
  with tie correction.
The vitest suite (mann-whitney-reference.test.ts) compares rollgate with this file and never runs Python.
"""
import json
import math
import pathlib

import numpy as np
import scipy
from scipy import stats

MAX_ENUMERATED = 200_000
ALTERNATIVES = ('two-sided', 'greater', 'less')


def u_statistic(x, y, axis=-1):
    return stats.mannwhitneyu(x, y, axis=axis, method='asymptotic').statistic


def case(name, x, y, alternative):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    asym = stats.mannwhitneyu(x, y, alternative=alternative, method='asymptotic', use_continuity=True)
    p_exact = None
    if math.comb(len(x) + len(y), len(x)) <= MAX_ENUMERATED:
        res = stats.permutation_test(
            (x, y), u_statistic, permutation_type='independent', n_resamples=np.inf,
            alternative=alternative, vectorized=True, batch=20_000)
        p_exact = float(res.pvalue)
    return {
        'name': name, 'canary': x, 'baseline': y, 'alternative': alternative,
        'u': float(asym.statistic), 'p_exact': p_exact, 'p_asymptotic': float(asym.pvalue),
    }


def one_case_a_line(doc):
    head = {k: v for k, v in doc.items() if k != 'cases'}
    lines = [json.dumps(c) for c in doc['cases']]
    return json.dumps(head, indent=1)[:-2] + ',\n "cases": [\n  ' + ',\n  '.join(lines) + '\n ]\n}\n'


def main():
    rng = np.random.default_rng(20261201)
    cases = [case('issue-13 example: tied counts, lopsided', [3, 1, 1, 0, 0], [0] * 16 + [1], 'two-sided'),
             case('2 against 9, one-sided, separated', [1, 2], list(range(3, 12)), 'less')]
    for i in range(45):  # tie-free, small
        n1, n2 = int(rng.integers(2, 11)), int(rng.integers(2, 13))
        shift = float(rng.choice([0, 0.5, 1, 2]))
        cases.append(case(f'tie-free {i}', np.round(rng.normal(shift, 1, n1), 6), np.round(rng.normal(0, 1, n2), 6),
                          ALTERNATIVES[i % 3]))
    for i in range(45):  # heavily tied counts (errors per scrape, queue depth)
        n1, n2 = int(rng.integers(3, 10)), int(rng.integers(5, 15))
        lam = float(rng.choice([0.3, 0.8, 1.5]))
        cases.append(case(f'tied counts {i}', rng.poisson(lam * float(rng.choice([1, 2, 4])), n1),
                          rng.poisson(lam, n2), ALTERNATIVES[i % 3]))
    for i in range(30):  # lopsided: a few canary samples against a long baseline
        n1, n2 = int(rng.integers(2, 5)), int(rng.integers(15, 40))
        tied = i % 2 == 0
        x = rng.poisson(1.5, n1) if tied else np.round(rng.normal(1, 1, n1), 4)
        y = rng.poisson(0.7, n2) if tied else np.round(rng.normal(0, 1, n2), 4)
        cases.append(case(f'lopsided {"tied" if tied else "tie-free"} {i}', x, y, ALTERNATIVES[i % 3]))
    for i in range(12):  # large: the normal approximation decides
        n1, n2 = int(rng.integers(40, 120)), int(rng.integers(40, 120))
        x = rng.poisson(3, n1) if i % 2 else np.round(rng.normal(0.3, 1, n1), 4)
        y = rng.poisson(2.6, n2) if i % 2 else np.round(rng.normal(0, 1, n2), 4)
        cases.append(case(f'large {i}', x, y, ALTERNATIVES[i % 3]))
    out = {
        'generator': 'packages/core/references/mann-whitney/generate.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'seed': 20261201,
        'cases': cases,
    }
    path = pathlib.Path(__file__).with_name('mann-whitney.json')
    path.write_text(one_case_a_line(out))
    print(f'{len(cases)} cases, {sum(c["p_exact"] is not None for c in cases)} with an exact p -> {path}')


if __name__ == '__main__':
    main()
