"""The one registry of check rules, in the order `juesuan rules` lists them."""

from __future__ import annotations

from desktop.core.checks import balance, codes, cross, narrative, prose, self_eval, sums, values
from desktop.core.checks.findings import Rule

RULES: tuple[Rule, ...] = (
    *balance.RULES,
    *codes.RULES,
    *sums.RULES,
    *cross.RULES,
    *values.RULES,
    *narrative.RULES,
    *self_eval.RULES,
    *prose.RULES,
)
