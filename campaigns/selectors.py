"""What the campaign page shows: the year's campaign (unsaved defaults when nobody has
set it up yet), its stakeholders, and the response counts against the targets, laid
out for a server-drawn SVG chart with a table that says the same in text."""

from dataclasses import dataclass, field
from datetime import date

from campaigns.models import Campaign, Instrument, ResponseCount
from itaportal import thai

COLORS = {Instrument.IIT: "#1d4f91", Instrument.EIT: "#198754"}


def campaign_of(organization, year):
    campaign = (
        Campaign.objects.filter(organization=organization, year=year)
        .select_related("itas_holder", "updated_by")
        .first()
    )
    return campaign or Campaign(organization=organization, year=year)


@dataclass
class Series:
    instrument: str
    label: str
    target: int | None
    rows: list = field(default_factory=list)  # [(date, count, percent or None)]

    @property
    def latest(self):
        return self.rows[-1][1] if self.rows else None

    @property
    def latest_percent(self):
        return self.rows[-1][2] if self.rows else None


def series_of(campaign, stakeholder_count):
    counts = (
        list(ResponseCount.objects.filter(campaign=campaign).order_by("counted_on"))
        if campaign.pk
        else []
    )
    result = []
    for instrument, label in Instrument.choices:
        target = campaign.target(instrument, stakeholder_count)
        rows = [
            (c.counted_on, c.count, round(100 * c.count / target) if target else None, c.pk)
            for c in counts
            if c.instrument == instrument
        ]
        result.append(Series(instrument, label, target, rows))
    return result


def progress_chart(series, width=640, height=260):
    """Counts over time, one line per survey, each target a dashed line in its colour.
    Returns None when nothing was counted yet."""
    days = sorted({row[0] for s in series for row in s.rows})
    if not days:
        return None
    left, right, top, bottom = 48, 40, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    high = max([row[1] for s in series for row in s.rows] + [s.target or 0 for s in series])
    high = max(high, 1)
    first, last = days[0], days[-1]
    span = (last - first).days

    def x(day: date):
        if span == 0:
            return round(left + plot_w / 2, 1)
        return round(left + plot_w * (day - first).days / span, 1)

    def y(value):
        return round(top + plot_h * (1 - value / high), 1)

    grid = [{"y": y(high * i / 4), "value": round(high * i / 4)} for i in range(5)]
    lines = []
    for s in series:
        color = COLORS[s.instrument]
        points = [(x(d), y(n)) for d, n, *_ in s.rows]
        lines.append(
            {
                "instrument": s.instrument,
                "color": color,
                "points": " ".join(f"{px},{py}" for px, py in points),
                "dots": [
                    {
                        "x": px,
                        "y": py,
                        "title": f"{s.instrument} {thai.thai_date(d, 'short', 'arabic')}: {n:,}",
                    }
                    for (px, py), (d, n, *_) in zip(points, s.rows, strict=True)
                ],
                "target_y": y(s.target) if s.target else None,
                "target": s.target,
            }
        )
    ticks = [{"x": x(d), "label": thai.thai_date(d, "short", "arabic")} for d in _tick_days(days)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "plot_right": left + plot_w,
        "axis_y": y(0),
        "label_y": y(0) + 18,
        "grid_label_x": left - 6,
        "grid": grid,
        "lines": lines,
        "ticks": ticks,
    }


def _tick_days(days, most=6):
    if len(days) <= most:
        return days
    step = (len(days) - 1) / (most - 1)
    return [days[round(i * step)] for i in range(most)]
