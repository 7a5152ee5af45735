"""Amounts in Chinese financial capital numerals (大写金额), as on receipts.

The rules follow the People's Bank of China payment-settlement conventions:
digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a four-digit section and 万亿
between sections; zeros inside the number are read as a single 零; an amount
with no 角 or 分 ends in 整; 拾 keeps its 壹 (壹拾元整).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACE_UNITS = ("", "拾", "佰", "仟")
SECTION_UNITS = ("", "万", "亿")
LIMIT = Decimal(10) ** 12
FEN = Decimal("0.01")


def _section(value: int) -> str:
    """Read 1–9999, with one 零 for each run of zeros between digits."""
    text = ""
    pending_zero = False
    for place in range(3, -1, -1):
        digit = value // 10**place % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        text += DIGITS[digit] + PLACE_UNITS[place]
    return text


def _yuan(value: int) -> str:
    """Read the whole-yuan part (0 < value < 10**12), without the 元."""
    sections = [value // 10 ** (4 * i) % 10**4 for i in range(len(SECTION_UNITS))]
    text = ""
    pending_zero = False
    for index in range(len(SECTION_UNITS) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            pending_zero = bool(text)
            continue
        # A section after a higher one is introduced by 零 when its thousands
        # digit is zero (壹万零壹) or a whole section was skipped (壹亿零壹仟).
        if text and (pending_zero or section < 1000):
            text += "零"
        text += _section(section) + SECTION_UNITS[index]
        pending_zero = False
    return text


def _to_fen(amount: Decimal) -> int:
    return int(amount.quantize(FEN, rounding=ROUND_HALF_UP) * 100)


def to_chinese_capital(amount: Decimal | int) -> str:
    """The amount in 大写, rounded half-up to the fen, e.g. 壹佰零伍元伍角.

    Raises ``ValueError`` for a negative amount, one of 10**12 or more after
    rounding, or a value that is not a finite number; ``TypeError`` for a float
    (binary floats cannot hold amounts of money exactly).
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError("amount must be a Decimal or an int")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError("amount must be a finite number")
    if amount < 0:
        raise ValueError("amount must not be negative")
    # Checked before rounding too: quantize() fails on numbers this large.
    if amount >= LIMIT or (fen_total := _to_fen(amount)) >= LIMIT * 100:
        raise ValueError("amount must be less than 1,000,000,000,000")
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)

    text = _yuan(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif text:
        text += "零"  # 壹仟零肆元零柒分: the missing 角 is read as 零
    if fen:
        text += DIGITS[fen] + "分"
    return text
