"""Server-drawn SVG charts (no JavaScript): the numbers are laid out here; the shapes are
written by `{% year_chart %}` (assessments/templatetags/dashboard_parts.py)."""

from decimal import Decimal

# Bootstrap's palette, for SVG fills (SVG has no Bootstrap classes).
COLORS = {
    "success": "#198754",
    "primary": "#1d4f91",
    "info": "#0aa2c0",
    "warning": "#e0a800",
    "danger": "#dc3545",
    "secondary": "#6c757d",
    "dark": "#212529",
}


def color(name):
    return COLORS.get(name, COLORS["secondary"])


def year_bars(points, pass_mark=Decimal(85), width=None, height=240):
    """A bar per year: points = [(year, total or None, color name, label)], oldest first.

    Returns a dict the template draws: viewBox size, gridlines, the pass line and bars
    with their label positions, all in SVG user units.
    """
    left, right, top, bottom = 40, 64, 24, 52
    # About 110 units per year: drawn at natural size it stays legible on a phone.
    width = width or min(900, max(360, left + right + 110 * len(points)))
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(points), 1)
    bar_w = min(72, slot * 0.6)

    def y(value):
        return top + plot_h * (1 - float(value) / 100)

    bars = []
    for index, (year, total, color_name, label) in enumerate(points):
        x = left + slot * index + (slot - bar_w) / 2
        cx = x + bar_w / 2
        if total is None:
            bars.append({"year": year, "x": x, "cx": cx, "missing": True, "label_y": y(0) - 6})
            continue
        top_y = y(total)
        bars.append(
            {
                "year": year,
                "x": round(x, 1),
                "cx": round(cx, 1),
                "y": round(top_y, 1),
                "w": round(bar_w, 1),
                "h": round(y(0) - top_y, 1),
                "fill": color(color_name),
                "total": total,
                "label": label,
                "value_y": round(top_y - 6, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "grid_label_x": left - 6,
        "pass_label_y": round(y(pass_mark), 1),
        "right_x": width - right,
        "grid": [{"value": v, "y": round(y(v), 1)} for v in (0, 25, 50, 75, 100)],
        "pass_y": round(y(pass_mark), 1),
        "pass_mark": pass_mark,
        "axis_y": round(y(0), 1),
        "year_y": round(y(0) + 20, 1),
        "level_y": round(y(0) + 38, 1),
        "plot_right": width - right,
        "pass_label_x": width - right + 6,
        "bars": bars,
    }
