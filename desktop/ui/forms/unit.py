"""单位信息: who publishes, for which year, in which unit and layout."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from desktop.core.checks import Form
from desktop.core.editions import edition_ids, load_edition
from desktop.core.edits import parse_date, parse_year
from desktop.core.model import UnitKind
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, hint, scrolled


def _members(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _shown_date(stored: str | None) -> str:
    """「2025年3月」 or 「2025年3月15日」 for the stored ISO form; nothing when not set."""
    if not stored:
        return ""
    parts = [int(p) for p in stored.split("-")]
    return "".join(f"{v}{u}" for v, u in zip(parts, "年月日", strict=False))


def _edition_options() -> list[tuple[str, str]]:
    out = []
    for edition_id in edition_ids():
        try:
            name = load_edition(edition_id).name
        except Exception:  # a broken edition file still shows its id; the core reports why
            name = edition_id
        out.append((f"{name}（{edition_id}）", edition_id))
    return out


class UnitPage(FormPage):
    form = Form.UNIT
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        b = self.binder
        assert b is not None
        basic = QWidget()
        rows = QFormLayout(basic)
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows.addRow(
            "单位名称",
            b.line(("unit", "name"), "单位名称", placeholder="如：大同市公共资源交易中心"),
        )
        rows.addRow("单位编码", b.line(("unit", "code"), "单位编码"))
        rows.addRow("主管部门", b.line(("unit", "department"), "主管部门"))
        rows.addRow("主管部门编码", b.line(("unit", "department_code"), "主管部门编码"))
        rows.addRow(
            "年度",
            b.line(
                ("unit", "year"),
                "年度",
                parse=parse_year,
                placeholder="决算年度，如 2024",
            ),
        )
        rows.addRow(
            "单位性质",
            b.combo(("unit", "kind"), "单位性质", [(k.value, k) for k in UnitKind]),
        )
        publish = QWidget()
        prow = QFormLayout(publish)
        prow.addRow(
            "公开金额单位",
            b.combo(("unit", "amount_unit"), "公开金额单位", [("万元", "万元"), ("元", "元")]),
        )
        prow.addRow("报表版式", b.combo(("unit", "edition"), "报表版式", _edition_options()))
        prow.addRow(
            "编制日期",
            b.line(
                ("unit", "compiled_on"),
                "编制日期",
                parse=parse_date,
                show=_shown_date,
                placeholder="印在封面上，如 2025年3月；不填则为生成当天",
            ),
        )
        consolidated = QWidget()
        crow = QFormLayout(consolidated)
        crow.addRow(b.check(("unit", "consolidated"), "这是部门汇总决算（含所属单位）"))
        members = b.text(
            ("unit", "member_units"),
            "汇总的单位",
            parse=_members,
            show=lambda v: "\n".join(v or ()),
            placeholder="每行一个单位，如：本级、所属某某中心",
        )
        members.setMaximumHeight(110)
        crow.addRow("汇总的单位", members)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(group("基本信息", basic))
        layout.addWidget(
            group(
                "公开方式",
                publish,
                note="各项金额一律按“元”录入；生成公开表时按这里选择的单位换算"
                "（万元按每个单元格四舍五入到两位小数）。",
            )
        )
        layout.addWidget(group("汇总报表", consolidated))
        layout.addWidget(hint("提示：单位名称和年度显示在窗口标题和每张公开表的表头。"))
        layout.addStretch(1)
        inner.setMaximumWidth(760)
        scrolled(self, inner)
