"""What a reviewer may type in the value field."""

from __future__ import annotations

import pytest

from reviewer.core.review import InvalidDecision, parse_value


@pytest.mark.parametrize(("typed", "value", "low", "high", "unit"), [
    ("$1.2bn", 1.2e9, None, None, "USD"),
    ("$212.4 million", 212.4e6, None, None, "USD"),
    ("60.9%", 60.9, None, None, "percent"),
    ("-5%", -5.0, None, None, "percent"),
    ("(3.2)", -3.2, None, None, None),
    ("25 bps", 25.0, None, None, "bps"),
    ("1,750", 1750.0, None, None, None),
    ("10-12%", None, 10.0, 12.0, "percent"),
    ("$1.2 to $1.4 billion", None, 1.2e9, 1.4e9, "USD"),
    ("2.5 億美元", 2.5e8, None, None, "USD"),
    ("1,750 萬美元", 1.75e7, None, None, "USD"),
])
def test_typed_values(typed, value, low, high, unit) -> None:
    got = parse_value(typed)
    assert got.value == pytest.approx(value) if value is not None else got.value is None
    assert (got.low, got.high) == (pytest.approx(low) if low else None,
                                   pytest.approx(high) if high else None)
    if unit:
        assert got.unit == unit


@pytest.mark.parametrize("typed", ["", "   ", "lots", "12 months of"])
def test_not_values(typed) -> None:
    with pytest.raises(InvalidDecision):
        parse_value(typed)
