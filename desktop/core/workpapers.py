"""Working papers (工作底稿): what the derivation, the value scan and the scoring keep
beside the report they last worked on, so that after an edit only what changed is redone.

    Workpapers ──derive(report, papers=…)──> Derived ──.papers──> rules, text, scores
       ├─ derivation   derive's last result, updated after a one-row edit
       ├─ scan         the value rules' last pass over every typed figure
       ├─ scores       each project's self-evaluation scores
       ├─ rows         each row-by-row rule's findings, row by row (`checks.rows`)
       └─ kept         findings of rules whose inputs are the same objects as last time

One per open document (`ProjectDocument.papers`), one per command line run (`juesuan`),
or none: then each call computes from scratch.

An auditor's working papers hold the sums and tick marks behind the published figures,
kept for one engagement; these hold the intermediate results behind one open report,
kept for one document (or one command). Nothing is global: whoever owns a `Workpapers`
passes it in, and a `Derived` carries the papers it was derived in, so the rules and the
text that work from it share them. Kept or from scratch, the results are the same
(tests/fuzz/test_derive_incremental.py).

Each slot belongs to the module that fills it; the values in it are never mutated (an
update replaces them), so a derivation another thread holds stays valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import chain, compress, count, islice
from operator import is_not
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.checks.rows import Kept, RowIndex
    from desktop.core.checks.values import ScanMemo
    from desktop.core.derive import DeriveMemo
    from desktop.core.model import SelfEval
    from desktop.core.self_eval import Evaluation

SCORES_MAX = 4096  # scores of projects edited since kept before they are let go
SCORES_HARD_MAX = 1 << 16  # scores kept at most between two `evaluate_all`s


@dataclass(eq=False)
class Workpapers:
    """The intermediate results of one open report (see the module's note)."""

    derivation: DeriveMemo | None = None  # derive's last result and its indexes
    scan: ScanMemo | None = None  # the value rules' last pass over every typed figure
    # A project's scores by its identity (records are frozen; the project is kept, so its
    # id is not reused while it is here).
    scores: dict[int, tuple[SelfEval, Evaluation]] = field(default_factory=dict)
    # By rule id: the findings of a rule over the ledger, row by row, so that after an
    # edit only the rows that are new objects are looked at again.
    rows: dict[str, RowIndex] = field(default_factory=dict)
    # By rule id: a rule's findings and the report parts it read (kept while they are the
    # same objects).
    kept: dict[str, Kept] = field(default_factory=dict)
    # The last answers of `changed_rows` and `row_origins`: every user of the papers asks
    # about the same edit.
    _diff: tuple[tuple[object, ...], tuple[object, ...], tuple[int, ...]] | None = None
    _origins: (
        tuple[
            tuple[object, ...],
            tuple[object, ...],
            tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]],
        ]
        | None
    ) = None

    def changed_rows(
        self, before: tuple[object, ...], after: tuple[object, ...]
    ) -> tuple[int, ...] | None:
        """The positions where `after` holds another object than `before` (records are
        frozen: an edited row is a new object, the others are the same), or None when
        the two differ in length. Asked by the derivation, the value scan and each
        row-by-row rule after one edit: worked out once."""
        if len(before) != len(after):
            return None
        last = self._diff
        if last is not None and last[0] is before and last[1] is after:
            return last[2]
        found = tuple(compress(count(), map(is_not, before, after)))
        self._diff = (before, after, found)
        return found

    def row_origins(self, before: tuple[object, ...], after: tuple[object, ...]) -> tuple[int, ...]:
        """For each row of `after`, where the same object stood in `before` (-1: a new
        row); each row of `before` is the origin of one row at most. After rows were
        added or removed, what is kept of each row is found here, once per edit."""
        return self._row_moves(before, after)[0]

    def rows_replaced(
        self, before: tuple[object, ...], after: tuple[object, ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The positions in `before` of the rows no row of `after` comes from (removed or
        replaced), and those in `after` of the new rows (`row_origins`' -1s), in order:
        what changed, without a walk over the rows that did not."""
        moves = self._row_moves(before, after)
        return moves[1], moves[2]

    def _row_moves(
        self, before: tuple[object, ...], after: tuple[object, ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        last = self._origins
        if last is not None and last[0] is before and last[1] is after:
            return last[2]
        # An edit adds or removes rows in one place (or a few): the rows before and after
        # it are the same objects at the same places, found by C-speed walks from both
        # ends; only the stretch between is matched object by object.
        shorter = min(len(before), len(after))
        head = next(compress(count(), map(is_not, before, after)), shorter)
        ends = shorter - head
        tail = next(
            compress(
                count(), map(is_not, islice(reversed(before), ends), islice(reversed(after), ends))
            ),
            ends,
        )
        gone_mid, found_mid = _origins_by_identity(
            before[head : len(before) - tail], after[head : len(after) - tail], head
        )
        origins = tuple(chain(range(head), found_mid, range(len(before) - tail, len(before))))
        came = tuple(head + j for j, o in enumerate(found_mid) if o < 0)
        moves = (origins, gone_mid, came)
        self._origins = (before, after, moves)
        return moves

    def clear(self) -> None:
        """Forget everything (another project was opened)."""
        self.take(Workpapers())

    def take(self, other: Workpapers) -> None:
        """Hold what `other` holds, instead of what these held (a project opened with its
        papers filled on a worker thread): whoever refers to these papers finds it."""
        memo = other.derivation
        if memo is not None and memo.derived.papers is not self:
            # the derivation carries its papers to the rules: these, from now on
            memo = replace(memo, derived=replace(memo.derived, papers=self))
        self.derivation = memo
        self.scan = other.scan
        self.scores = other.scores
        self.rows = other.rows
        self.kept = other.kept
        self._diff = self._origins = None


def _origins_by_identity(
    before: tuple[object, ...], after: tuple[object, ...], offset: int
) -> tuple[tuple[int, ...], list[int]]:
    """`row_origins` of the stretch `after` against the stretch `before` (both starting
    at `offset` in their rows), with the positions of `before` no row comes from."""
    where = {id(r): i for i, r in enumerate(before, offset)}
    found = [where.get(id(r), -1) for r in after]
    kept = [i for i in found if i >= 0]
    if len(where) != len(before) or len(set(kept)) != len(kept):
        # one object stands twice: hand each of its places out once
        places: dict[int, list[int]] = {}
        for i, r in enumerate(before, offset):
            places.setdefault(id(r), []).append(i)
        found = [places[id(r)].pop(0) if places.get(id(r)) else -1 for r in after]
    used = set(found)
    gone = tuple(i for i in range(offset, offset + len(before)) if i not in used)
    return gone, found
