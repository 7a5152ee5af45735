"""Chinese capital numerals (大写金额) for receipts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from volunteer_hub.numerals import DIGITS, to_chinese_capital


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", "零元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("105.5", "壹佰零伍元伍角"),
        ("1004.07", "壹仟零肆元零柒分"),
        ("100000", "壹拾万元整"),
        ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
        ("10000.01", "壹万元零壹分"),
        ("0.5", "伍角"),
        ("20.30", "贰拾元叁角"),
        ("10001", "壹万零壹元整"),
        ("100100", "壹拾万零壹佰元整"),
        ("1000000001", "壹拾亿零壹元整"),
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0.00", "零元整"),
        ("1010", "壹仟零壹拾元整"),
        ("1001", "壹仟零壹元整"),
        ("110", "壹佰壹拾元整"),
        ("15", "壹拾伍元整"),
        ("100000000", "壹亿元整"),
        ("100010000", "壹亿零壹万元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("12340000", "壹仟贰佰叁拾肆万元整"),
        ("12301234", "壹仟贰佰叁拾万壹仟贰佰叁拾肆元整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_known_amounts(amount, expected):
    assert to_chinese_capital(Decimal(amount)) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.005", "壹分"),
        ("0.004", "零元整"),
        ("1.995", "贰元整"),
        ("19.999", "贰拾元整"),
        ("2.345", "贰元叁角伍分"),
    ],
)
def test_rounds_half_up_to_the_fen(amount, expected):
    assert to_chinese_capital(Decimal(amount)) == expected


def test_accepts_int():
    assert to_chinese_capital(300) == "叁佰元整"


@pytest.mark.parametrize(
    "amount", ["-0.01", "-1", "1000000000000", "999999999999.995", "1E+30", "NaN"]
)
def test_rejects_out_of_range(amount):
    with pytest.raises(ValueError):
        to_chinese_capital(Decimal(amount))


@pytest.mark.parametrize("amount", [1.5, "1.5", None, True])
def test_rejects_non_decimal_types(amount):
    with pytest.raises(TypeError):
        to_chinese_capital(amount)


PLACES = {"拾": 10, "佰": 100, "仟": 1000}


def _read_section(text: str) -> int:
    value, digit = 0, 0
    for char in text.replace("零", ""):
        if char in PLACES:
            value += digit * PLACES[char]
            digit = 0
        else:
            digit = DIGITS.index(char)
    return value + digit


def _read_capital(text: str) -> Decimal:
    """Parse 大写 back to a number, independently of the code under test."""
    yuan_text, _, fraction = text.rpartition("元") if "元" in text else ("", "", text)
    yuan = 0
    for unit, scale in (("亿", 10**8), ("万", 10**4)):
        if unit in yuan_text:
            head, yuan_text = yuan_text.split(unit)
            yuan += _read_section(head) * scale
    yuan += _read_section(yuan_text)
    jiao = fen = 0
    if "角" in fraction:
        jiao = DIGITS.index(fraction[fraction.index("角") - 1])
    if "分" in fraction:
        fen = DIGITS.index(fraction[fraction.index("分") - 1])
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_round_trip_and_zero_rules(amount):
    text = to_chinese_capital(amount)
    assert _read_capital(text) == amount
    assert "零零" not in text
    for unit in ("零元", "零万", "零亿", "零角", "零分"):
        assert unit not in text or text == "零元整"
    assert not text.startswith("零") or text == "零元整"
    assert text.endswith(("整", "角", "分"))
    assert text.endswith("整") == (amount == amount.to_integral_value())
