"""Split a budget exactly, to the cent, and prove that nothing is lost.

Run from anywhere: python examples/split_budget.py
"""

from fractions import Fraction

from romstrategy import Money

# Illustrative: the letter does not say how the EUR 4,000,000 is split. Three equal parts:
total = Money("4000000.00")
ratios = [1, 1, 1]
parts = total.allocate(ratios)
print("parts:", ", ".join(part.format("en") for part in parts))

# Proof 1: the parts add up to the total, to the cent.
assert sum(parts, Money.zero()) == total
# Proof 2: no part is a cent or more away from its exact share.
for ratio, part in zip(ratios, parts, strict=True):
    exact = Fraction(total.cents * ratio, sum(ratios))
    assert abs(part.cents - exact) < 1, (part, exact)
print("sum:  ", sum(parts, Money.zero()).format("en"), "= the total; no cent lost")

# Floats lose the cent that allocate keeps: three times 1,333,333.33 is 3,999,999.99.
rounded = round(4_000_000 / 3, 2)
print("float:", f"3 x {rounded:,.2f} = {3 * rounded:,.2f}", "(a cent short)")
assert Money(str(rounded)) * 3 != total

# Uneven ratios work the same way; the leftover cents go to the largest remainders,
# and on a tie to the earlier part.
uneven = Money("100.00").allocate([3, 3, 1])
print("100.00 in 3:3:1:", [str(part) for part in uneven])
assert sum(uneven, Money.zero()) == Money("100.00")
