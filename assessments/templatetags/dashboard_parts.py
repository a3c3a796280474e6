"""The parts of the dashboard and a year's page that repeat per indicator and year,
written in Python: the year-over-year rows, the chart of totals and the ranked scores.

Through the template engine each cell or bar cost a dozen nodes (the dashboard's chart
alone 0.7 ms, five times what it costs here). As Django's admin writes its change list's
cells (`items_for_result`), these are written with format_html, which escapes every value;
the markup is what the templates wrote.
"""

from django import template
from django.utils.safestring import mark_safe

from itaportal.html import format_html, format_html_join
from itaportal.templatetags.thai import number, thai_text

register = template.Library()

_DASH = mark_safe("—")


def _history_cell(cell):
    score = cell["score"]
    if score is None:
        return _DASH
    change = cell["change"]
    if not change:
        return number(score, 2)
    up = change > 0
    return format_html(
        '{}<span class="d-none d-md-inline small {} ms-1">{}{}</span>',
        number(score, 2),
        "text-success" if up else "text-danger",
        "▲" if up else "▼",
        number(change, 2),
    )


@register.simple_tag(takes_context=True)
def history_rows(context, rows):
    """The `<tr>` of each indicator in the year-over-year table (history.rows)."""
    words = context.get("keep_words", ())
    return format_html_join(
        "\n",
        "<tr><td>{}. {}</td>{}</tr>",
        (
            (
                row["number"],
                thai_text(row["name"], words),
                format_html_join(
                    "", '<td class="num">{}</td>', ((_history_cell(c),) for c in row["cells"])
                ),
            )
            for row in rows
        ),
    )


_GRID = (
    '<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#dee2e6" stroke-width="1"/>'
    '<text x="{label_x}" y="{y}" text-anchor="end" dominant-baseline="middle" font-size="12" '
    'fill="#6c757d">{value}</text>'
)
_MISSING_BAR = (
    '<text x="{cx}" y="{label_y}" text-anchor="middle" font-size="12" fill="#6c757d">ยังไม่ครบ</text>'
)
_BAR = (
    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" rx="3"><title>ปี {year}: '
    "{total} ({label})</title></rect>"
    '<text x="{cx}" y="{value_y}" text-anchor="middle" font-size="13" font-weight="600" '
    'fill="#212529" stroke="#fff" stroke-width="3" paint-order="stroke">{total}</text>'
    '<text x="{cx}" y="{level_y}" text-anchor="middle" font-size="11" fill="{fill}" '
    'font-weight="600">{label}</text>'
)
_YEAR = (
    '<text x="{cx}" y="{year_y}" text-anchor="middle" font-size="13" fill="#212529">{year}</text>'
)


@register.simple_tag
def year_chart(chart):
    """The year-over-year totals (assessments.charts.year_bars) as SVG bars with the pass
    line, its label saying every bar for screen readers."""
    pass_mark = number(chart["pass_mark"], 0)
    spoken = ", ".join(
        f"ปี {b['year']} ยังไม่ครบ"
        if b.get("missing")
        else f"ปี {b['year']} {number(b['total'], 2)} {b['label']}"
        for b in chart["bars"]
    )
    grid = format_html_join(
        "",
        _GRID,
        (
            {
                "left": chart["left"],
                "right": chart["plot_right"],
                "label_x": chart["grid_label_x"],
                "y": g["y"],
                "value": g["value"],
            }
            for g in chart["grid"]
        ),
    )
    bars = mark_safe(
        "".join(
            (
                format_html(_MISSING_BAR, cx=b["cx"], label_y=b["label_y"])
                if b.get("missing")
                else format_html(
                    _BAR,
                    **{**b, "total": number(b["total"], 2)},
                    level_y=chart["level_y"],
                )
            )
            + format_html(_YEAR, cx=b["cx"], year_y=chart["year_y"], year=b["year"])
            for b in chart["bars"]
        )
    )
    return format_html(
        '<svg class="year-chart" width="{width}" height="{height}" '
        'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="คะแนนรวม ITA รายปี (เกณฑ์ผ่าน {pass_mark}){spoken}">'
        "{grid}"
        '<line x1="{left}" y1="{pass_y}" x2="{right}" y2="{pass_y}" stroke="#dc3545" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>'
        '<text x="{pass_label_x}" y="{pass_label_y}" dominant-baseline="middle" '
        'font-size="11" fill="#dc3545">ผ่าน {pass_mark}</text>'
        "{bars}"
        '<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#495057" '
        'stroke-width="1"/></svg>',
        width=chart["width"],
        height=chart["height"],
        pass_mark=pass_mark,
        spoken=f": {spoken}" if spoken else "",
        grid=grid,
        left=chart["left"],
        right=chart["plot_right"],
        pass_y=chart["pass_y"],
        pass_label_x=chart["pass_label_x"],
        pass_label_y=chart["pass_label_y"],
        bars=bars,
        axis_y=chart["axis_y"],
    )


_RANKED = (
    '<li class="ranked-row{weakest_class}"><div class="d-flex justify-content-between gap-2">'
    "<span>{n}. {name} "
    '<span class="text-muted small d-none d-sm-inline">(ตัวชี้วัดที่ {number} · {code})</span>'
    "{weakest_badge}</span>"
    '<span class="num fw-semibold">{score}</span></div>'
    '<svg class="score-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" '
    'aria-label="{score} คะแนน">'
    '<rect x="0" y="0" width="100" height="6" fill="#e9ecef"/>'
    '<rect x="0" y="0" width="{width}" height="6" fill="{fill}"/>'
    '<line x1="{pass_x}" y1="0" x2="{pass_x}" y2="6" stroke="#212529" stroke-width="0.5"/>'
    "</svg></li>"
)
_WEAKEST = mark_safe(' <span class="badge text-bg-danger">ต่ำสุด</span>')


@register.simple_tag(takes_context=True)
def ranked_scores(context, ranked, pass_mark):
    """The scored indicators highest first (selectors.ranked_rows), each with a bar against
    the pass mark; the weakest in red and marked ต่ำสุด."""
    words = context.get("keep_words", ())
    pass_x = f"{pass_mark:f}"
    items = format_html_join(
        "",
        _RANKED,
        (
            {
                "weakest_class": " ranked-weakest" if row.get("weakest") else "",
                "n": n,
                "name": thai_text(row["name"], words),
                "number": row["number"],
                "code": row["instrument"].code,
                "weakest_badge": _WEAKEST if row.get("weakest") else "",
                "score": number(row["score"], 2),
                "width": f"{row['score']:f}",
                "fill": "#dc3545"
                if row.get("weakest")
                else ("#198754" if row["score"] >= pass_mark else "#e0a800"),
                "pass_x": pass_x,
            }
            for n, row in enumerate(ranked, 1)
        ),
    )
    return format_html(
        '<ol class="list-unstyled mb-0 ranked">{}</ol>'
        '<p class="small text-muted mt-2 mb-0">เส้นแนวตั้งคือเกณฑ์ผ่าน {} คะแนน</p>',
        items,
        number(pass_mark, 0),
    )
