"""NACC's yearly calendar as far as the reference gives it (docs in
/work/shared/reference: ita-framework.md §5 and ita-frameworks-2567-2570.md §1).

Dates are (kind, start, end, provisional, source). A date is firm only where two sources
agree or NACC's own announcement gives it; month-level dates, one-source dates and the
estimates of a year NACC has not announced are provisional until the operator confirms
them in the admin.
"""

from datetime import date

from assessments.models import Framework
from deadlines.models import Milestone

K = Milestone.Kind

NACC_CALENDAR = {
    2564: [
        (K.REGISTRATION, date(2021, 2, 1), date(2021, 3, 31), True, "รายงานของ อปท. (รายเดือน)"),
        (K.OIT, date(2021, 3, 1), date(2021, 4, 30), True, "รายงานของ อปท. (รายเดือน)"),
        (K.IIT_EIT, date(2021, 4, 1), date(2021, 5, 31), True, "รายงานของ อปท. (รายเดือน)"),
        (K.CLARIFICATION, date(2021, 6, 1), date(2021, 6, 30), True, "รายงานของ อปท. (รายเดือน)"),
        (K.ANNOUNCEMENT, date(2021, 8, 1), date(2021, 8, 31), True, "รายงานของ อปท. (รายเดือน)"),
    ],
    2565: [
        (K.REGISTRATION, date(2022, 1, 1), date(2022, 2, 28), False, "ประกาศ ป.ป.ช. 26 พ.ย. 2564"),
        (K.OIT, date(2022, 3, 1), date(2022, 4, 30), False, "ประกาศ ป.ป.ช. 26 พ.ย. 2564"),
        (K.PRELIMINARY, date(2022, 5, 1), date(2022, 5, 31), False, "ประกาศ ป.ป.ช. 26 พ.ย. 2564"),
        (K.CLARIFICATION, date(2022, 6, 1), date(2022, 6, 15), False, "ITAS ข่าว 2761"),
        (K.CONFIRMATION, date(2022, 6, 16), date(2022, 6, 30), False, "ประกาศ ป.ป.ช. 26 พ.ย. 2564"),
    ],
    2567: [
        (K.OTHER, date(2024, 1, 1), date(2024, 6, 30), True, "ข่าว อสมท. (แหล่งเดียว)"),
        (K.ANNOUNCEMENT, date(2024, 7, 30), date(2024, 7, 30), True, "ข่าว อสมท. (แหล่งเดียว)"),
    ],
    2568: [
        (K.ANNOUNCEMENT, date(2025, 8, 15), date(2025, 8, 15), False, "แถลงข่าว ป.ป.ช. 2568"),
    ],
    # Not announced by NACC: estimated from the 2565 calendar and the 2568 announcement day.
    2570: [
        (K.REGISTRATION, date(2027, 1, 1), date(2027, 2, 28), True, "ประมาณการจากปี 2565"),
        (K.OIT, date(2027, 3, 1), date(2027, 4, 30), True, "ประมาณการจากปี 2565"),
        (K.IIT_EIT, date(2027, 4, 1), date(2027, 5, 31), True, "ประมาณการจากปี 2564"),
        (K.PRELIMINARY, date(2027, 5, 1), date(2027, 5, 31), True, "ประมาณการจากปี 2565"),
        (K.CLARIFICATION, date(2027, 6, 1), date(2027, 6, 15), True, "ประมาณการจากปี 2565"),
        (K.CONFIRMATION, date(2027, 6, 16), date(2027, 6, 30), True, "ประมาณการจากปี 2565"),
        (K.ANNOUNCEMENT, date(2027, 8, 15), date(2027, 8, 15), True, "ประมาณการจากปี 2568"),
    ],
}
TITLES = {(2567, K.OTHER): "ช่วงการประเมิน ITA (IIT, EIT และ OIT)"}


def milestones_seed(years=None):
    """Give each framework year in the database the milestones known for it, once: a
    year that already has milestones is left as the operator edited it. Returns how many
    were made."""
    made = 0
    frameworks = Framework.objects.filter(year__in=years or NACC_CALENDAR)
    for framework in frameworks.exclude(milestones__isnull=False):
        for kind, start, end, provisional, source in NACC_CALENDAR.get(framework.year, []):
            Milestone.objects.create(
                framework=framework,
                kind=kind,
                title=TITLES.get((framework.year, kind), ""),
                starts_on=start,
                ends_on=end,
                provisional=provisional,
                source=source,
            )
            made += 1
    return made
