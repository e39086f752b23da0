"""政府采购与资产: 政府采购, 机关运行经费 and 国有资产占用 (→ 公开10)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.core.checks import Form
from desktop.core.model import VEHICLE_CATEGORIES, Vehicles
from desktop.core.vocabulary import LABELS
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, hint, scrolled
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.sheet import Emphasis, Kind


def _procurement_rows(document: ProjectDocument) -> tuple[FieldRow, ...]:
    def kind(name: str, label: str) -> FieldRow:
        return FieldRow(
            label, (Field(("stats", "procurement", name), keys=(("政府采购", name), (None, name))),)
        )

    return (
        FieldRow(
            "政府采购支出合计",
            (Computed(lambda r: document.derived(r).procurement_total),),
            Emphasis.TOTAL,
        ),
        kind("goods", "　货物"),
        kind("works", "　工程"),
        kind("services", "　服务"),
        kind("sme", "授予中小企业合同金额"),
        kind("small_micro", "　其中：授予小微企业合同金额"),
    )


def _vehicle_rows(document: ProjectDocument) -> tuple[FieldRow, ...]:
    def category(name: str) -> FieldRow:
        return FieldRow(
            f"　{LABELS[Vehicles][name]}",
            (Field(("stats", "assets", "vehicles", name), Kind.COUNT, keys=((None, name),)),),
        )

    return (
        FieldRow(
            "车辆数合计（按类别汇总）",
            (Computed(lambda r: document.derived(r).vehicle_total, Kind.COUNT),),
            Emphasis.TOTAL,
        ),
        *(category(n) for n in VEHICLE_CATEGORIES),
        FieldRow(
            "车辆数合计（填报数）",
            (Field(("stats", "assets", "declared_vehicle_total"), Kind.COUNT),),
            tip="可不填；填了就与各类别之和核对",
        ),
        FieldRow(
            "单价100万元（含）以上设备（不含车辆）",
            (Field(("stats", "assets", "equipment_over_1m"), Kind.COUNT),),
        ),
    )


class StatsPage(FormPage):
    form = Form.STATS
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        b = self.binder
        assert b is not None
        self.procurement = procurement = FieldTableModel(
            document,
            checker,
            Form.STATS,
            ("政府采购", "金额（元）"),
            _procurement_rows(document),
            (34, 18),
        )
        self.admin = admin = FieldTableModel(
            document,
            checker,
            Form.STATS,
            ("机关运行经费", "金额（元）"),
            (
                FieldRow(
                    "机关运行经费",
                    (Field(("stats", "admin_cost"), keys=(("机关运行经费", "admin_cost"),)),),
                    tip="行政单位和参公事业单位填写；事业单位不填",
                ),
            ),
            (34, 18),
        )
        self.vehicles = vehicles = FieldTableModel(
            document,
            checker,
            Form.STATS,
            ("国有资产占用", "数量（辆、台套）"),
            _vehicle_rows(document),
            (34, 18),
        )
        note = QWidget()
        note_form = QFormLayout(note)
        note_form.addRow(
            "其他用车说明",
            b.line(
                ("stats", "assets", "other_vehicle_note"),
                "其他用车说明",
                placeholder="其他用车主要是……；没有时写“本单位无其他用车”",
            ),
        )
        left = QVBoxLayout()
        left.addWidget(group("政府采购", self.sheet(procurement, fit=True)))
        left.addWidget(
            group(
                "机关运行经费",
                self.sheet(admin, fit=True),
                note="机关运行经费是行政单位和参公事业单位的公用经费；事业单位不填报。",
            )
        )
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(group("国有资产占用", self.sheet(vehicles, fit=True), note))
        right.addWidget(hint("金额单位：元。灰底的合计自动计算。"))
        right.addStretch(1)
        inner = QWidget()
        columns = QHBoxLayout(inner)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scrolled(self, inner)
