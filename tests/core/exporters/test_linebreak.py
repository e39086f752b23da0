"""Chinese line breaking (禁则, GB/T 15834, W3C clreq) as `linebreak` does it, on text
measured in the bundled 仿宋 at 12 pt: what may start or end a line, what stays whole,
what hangs in the margin, and the even lines of a cover's name."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    Line,
    balanced,
    fill,
    one_face,
    split_by_character,
    units,
)

FACE = font_set().body
EM = 12.0


def lines(text: str, chars: float) -> list[Line]:
    measure = one_face(text, lambda s: stringWidth(s, FACE, EM))
    return fill(units(text, measure), chars * EM, split=split_by_character(measure))


def texts(text: str, chars: float) -> list[str]:
    return [line.text for line in lines(text, chars)]


def test_a_figure_stays_whole_with_its_sign_decimals_percent_and_unit() -> None:
    # 「267.｜37万元」 and 「10｜0.00%」 were the old breaks
    assert texts("本年支出为267.37万元", 7) == ["本年支出为", "267.37万元"]
    assert texts("增长率为-100.00%，", 6) == ["增长率为", "-100.00%，"]
    assert texts("收入9,361,502.66元", 7.5) == ["收入", "9,361,502.66元"]
    assert texts("目标值≤197921.6元", 6) == ["目标值", "≤197921.6元"]


def test_closing_punctuation_hangs_and_opening_punctuation_goes_down() -> None:
    hung = lines("一二三四五，六七", 5)
    assert [line.text for line in hung] == ["一二三四五，", "六七"]
    assert hung[0].width == EM * 5 and hung[0].hang > 0  # placed without its comma
    assert texts("一二三四（五六）", 5) == ["一二三四", "（五六）"]


def test_a_last_line_of_one_character_takes_one_from_the_line_before() -> None:
    assert texts("一二三四五六", 5) == ["一二三四", "五六"]


def test_a_line_break_in_the_text_starts_a_line_not_justified() -> None:
    out = lines("备注：1.说明\n2.说明", 20)
    assert [line.text for line in out] == ["备注：1.说明", "2.说明"]
    assert out[0].hard and not out[1].hard


def test_a_long_name_is_set_in_even_lines() -> None:
    name = "大同市公共资源交易中心（大同市政府采购中心）"
    measure = one_face(name, lambda s: stringWidth(s, FACE, 24))
    out = balanced(units(name, measure), 18 * 24)
    assert len(out) == 2 and out[1].text != "心）"
    assert abs(out[0].width - out[1].width) <= 2 * 24


_ALPHABET = list("预算执行率财政拨款项目支出万元人（）《》“”，。、；：？！%") + list(
    "0123456789.,-"
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from([*_ALPHABET, " "]), max_size=150),
    chars=st.integers(3, 30),
)
def test_no_rule_is_broken_and_nothing_is_lost(text: str, chars: int) -> None:
    out = lines(text, chars)
    assert "".join(line.text for line in out).replace(" ", "") == text.replace(" ", "")
    for before, after in itertools.pairwise(out):
        assert after.text[:1] not in NO_LINE_START, (before.text, after.text)
        assert before.text[-1:] not in NO_LINE_END, (before.text, after.text)
    for line in out:
        assert line.width <= chars * EM + 1e-6 or len(units(line.text, lambda a, b: 0.0)) == 1
