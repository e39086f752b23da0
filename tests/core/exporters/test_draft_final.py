"""Draft and final for every output: a draft is named 「…（草稿）」 and says 草稿 on every
sheet; a final of any format is refused with the same blockers as a final PDF."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.core import samples
from desktop.core.exporters import (
    FORMATS,
    PublishingBlocked,
    build_outputs,
    planned_outputs,
    publishing_blockers,
)
from desktop.core.model import FiscalSpending, Income, LedgerRow, Report


@pytest.fixture(scope="module")
def blocked() -> Report:
    """The 大同 sample with a 错误: more 财政拨款 spent than the 科目 spent at all."""
    report = samples.load("datong-2024")
    row = LedgerRow(
        "2010350",
        income=Income(general_budget=Decimal("1.00")),
        fiscal=FiscalSpending(general_basic=Decimal("99999999.00")),
    )
    return dataclasses.replace(report, ledger=(*report.ledger, row))


def headers(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [ws.oddHeader.center.text or "" for ws in wb.worksheets]


def test_a_draft_workbook_says_so_in_its_name_and_on_every_sheet(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    (draft,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="晋城", draft=True)
    assert draft.path.name == "晋城（草稿）.xlsx"
    sheets = headers(draft.path)
    assert len(sheets) > 10  # the 公开 tables and the 附件
    assert all("草稿" in h for h in sheets), sheets

    (final,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="晋城")
    assert final.path.name == "晋城.xlsx"
    assert not any("草稿" in h for h in headers(final.path))
    assert draft.path.exists()  # the final did not replace the draft


def test_draft_and_final_never_share_a_file_name(blocked: Report, tmp_path: Path) -> None:
    drafts = planned_outputs(blocked, tmp_path, FORMATS, draft=True)
    finals = planned_outputs(blocked, tmp_path, FORMATS)
    assert len(drafts) == len(finals) == len(FORMATS)
    assert not set(drafts) & set(finals)
    assert all(p.stem.endswith("（草稿）") for p in drafts)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_final_of_any_format_is_refused_with_the_pdfs_blockers(
    blocked: Report, tmp_path: Path, fmt: str
) -> None:
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(blocked, tmp_path, formats=[fmt], stem="x")
    assert err.value.blockers == publishing_blockers(blocked)
    assert err.value.blockers  # (the fixture is blocked)
    assert list(tmp_path.iterdir()) == []  # refused before anything was written
    (draft,) = build_outputs(blocked, tmp_path, formats=[fmt], stem="x", draft=True)
    assert draft.path.name == f"x（草稿）.{fmt}"
