"""The seed's FY 2565 scores (the measures report of อบต.หนองปรุง)."""

from decimal import Decimal

SEED_2565 = {
    1: "86.52",
    2: "75.34",
    3: "83.35",
    4: "74.51",
    5: "82.38",
    6: "88.42",
    7: "88.91",
    8: "83.96",
    9: "39.27",
    10: "12.50",
}


def decimals(scores):
    return {number: Decimal(value) for number, value in scores.items()}
