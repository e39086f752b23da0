"""The one registry of check rules, in the order `juesuan rules` lists them."""

from __future__ import annotations

from desktop.core.checks import balance, codes
from desktop.core.checks.findings import Rule

RULES: tuple[Rule, ...] = (*balance.RULES, *codes.RULES)
