"""Checking the links of OIT answers and keeping the latest verdict of each.

The network and the verdicts are itaportal.linkcheck's; this module knows which links an
answer has, which domains are the organization's own, which years the evidence must
mention, and stores one LinkCheck per (answer, link). Checks run in the background
(oit/tasks.py): when an answer is saved, nightly for the current year, and on demand
with a progress bar (LinkCheckRun). Every function here may run again safely: a check
replaces the last one.
"""

import datetime
import re
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.db import transaction
from django.utils import timezone

from assessments import scoring
from assessments.models import Framework
from itaportal import access, linkcheck
from itaportal.editing import DomainError
from itaportal.prepared import PreparedQuery
from oit.models import LinkCheck, LinkCheckRun, OITAnswer

# A run nobody finished (a worker killed mid-way) stops blocking a new one after this.
RUN_STALE_AFTER = datetime.timedelta(hours=2)

_PREVIOUS_YEAR = re.compile(r"ปีก่อน|ปีที่ผ่านมา|ย้อนหลัง|ปีงบประมาณที่ผ่านมา")


class LinkCheckError(DomainError):
    """A refused link-check request; str() is the Thai message."""


def required_years(answer):
    """Buddhist Era years of which one must appear in the evidence: the answer's fiscal
    year, or the year before when the item asks for the past year's data."""
    year = answer.year
    if _PREVIOUS_YEAR.search(answer.item.evidence_period or ""):
        return [year - 1, year]
    return [year]


def answer_urls(answer):
    """The answer's distinct link URLs, in their order."""
    seen = []
    for link in answer.links or []:
        url = (link.get("url") or "").strip()
        if url and url not in seen:
            seen.append(url)
    return seen


def check_answer(answer, *, check=linkcheck.check):
    """Check every link of `answer` now and store the verdicts; results of links the
    answer no longer has are dropped. Returns the LinkCheck rows in link order."""
    urls = answer_urls(answer)
    domains = answer.organization.domains
    years = required_years(answer)
    rows = []
    for url in urls:
        result = check(url, domains=domains, years=years)
        rows.append(_store(answer, result))
    LinkCheck.objects.filter(answer=answer).exclude(url__in=urls).delete()
    return rows


def _store(answer, result):
    row, _ = LinkCheck.objects.update_or_create(
        answer=answer,
        url=result.url[:2000],
        defaults={
            "status": result.status,
            "final_url": (result.final_url or "")[:2000],
            "content_type": (result.content_type or "")[:200],
            "size": result.size,
            "title": result.title[:500],
            "verdict": result.verdict,
            "message": result.message,
            "checked_at": timezone.now(),
        },
    )
    return row


def year_answers(organization, year):
    return (
        OITAnswer.objects.for_year(organization, year)
        .current()
        .for_listing()
        .select_related("item__sub_indicator__indicator__framework")
    )


def check_year(organization, year, *, run=None, check=linkcheck.check):
    """Check every link of the organization's answers of `year`, moving `run`'s progress
    on as links are done. Returns the number of links checked.

    A link is mostly waiting for a distant website, so the links are opened
    `linkcheck.PER_HOST` at a time (an organization's links are on one website, whose
    limit that is); the rows are written by this thread alone."""
    answers = [a for a in year_answers(organization, year) if answer_urls(a)]
    jobs = [(answer, url) for answer in answers for url in answer_urls(answer)]
    if run is not None:
        run.total, run.done = len(jobs), 0
        run.save(update_fields=["total", "done"])
    done = 0
    try:
        done = _check_jobs(jobs, run, check)
    finally:
        # Even a run that failed half-way stops showing "checking…" and frees the button.
        if run is not None:
            LinkCheckRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    for answer in answers:
        LinkCheck.objects.filter(answer=answer).exclude(url__in=answer_urls(answer)).delete()
    return done


def _check_jobs(jobs, run, check):
    done = 0
    with ThreadPoolExecutor(max_workers=linkcheck.PER_HOST) as pool:
        futures = {
            pool.submit(
                check,
                url,
                domains=answer.organization.domains,
                years=required_years(answer),
            ): answer
            for answer, url in jobs
        }
        for future in as_completed(futures):
            _store(futures[future], future.result())
            done += 1
            if run is not None:
                LinkCheckRun.objects.filter(pk=run.pk).update(done=done)
    return done


def latest_run(organization, year):
    return LinkCheckRun.objects.filter(organization=organization, year=year).first()


@transaction.atomic
def link_check_run_start(*, organization, year, actor):
    """Ask for every link of the year to be checked now (admin or executive); a run
    still going is returned instead of starting a second one."""
    if actor.organization_id != organization.pk or not (
        access.can_manage(actor) or access.can_approve(actor)
    ):
        raise LinkCheckError("เฉพาะผู้ดูแลระบบหน่วยงานและผู้บริหารเท่านั้นที่สั่งตรวจลิงก์ทั้งหมดได้")
    if not Framework.objects.filter(year=year).exists():
        raise LinkCheckError(f"ไม่มีกรอบการประเมินของปี {year}")
    running = (
        LinkCheckRun.objects.select_for_update()
        .filter(organization=organization, year=year, finished_at__isnull=True)
        .filter(created_at__gte=timezone.now() - RUN_STALE_AFTER)
        .first()
    )
    if running:
        return running
    run = LinkCheckRun.objects.create(organization=organization, year=year, requested_by=actor)
    from oit import tasks  # the tasks import this module

    # The database backend stores the task in this transaction: both happen or neither.
    tasks.check_organization_links.enqueue(organization.pk, year, run.pk)
    return run


def checks_by_answer(answers):
    """{answer id: {url: LinkCheck}} for the given answers, in one query."""
    found = {}
    for row in LinkCheck.objects.filter(answer__in=[a.pk for a in answers]):
        found.setdefault(row.answer_id, {})[row.url] = row
    return found


_checks_of_answer = PreparedQuery(lambda answer: LinkCheck.objects.filter(answer=answer), "answer")


def checks_of_answer(answer_id):
    """{url: LinkCheck} of one answer (its page), through a compiled query."""
    return _by_url(_checks_of_answer(answer=answer_id))


def prefetched_checks(answer):
    """{url: LinkCheck} of an answer read with its `checked_links` (`for_review()`)."""
    return _by_url(answer.checked_links.all())


def _by_url(checks):
    return {row.url: row for row in checks}


def with_checks(links, checks):
    """The link dicts of OITAnswer.link_checks, each with `check`: its latest LinkCheck
    for the same URL, or None while it is not checked yet."""
    for link in links:
        link["check"] = checks.get((link.get("url") or "").strip())
    return links


def year_report(organization, year):
    """Every answer of the year with links, its points at stake and its links' verdicts,
    the items worth most first; and the counts per verdict."""
    framework = Framework.objects.with_structure().get(year=year)
    points = scoring.item_points(framework)
    answers = list(year_answers(organization, year))
    checks = checks_by_answer(answers)
    rows, counts = [], {}
    for answer in answers:
        urls = answer_urls(answer)
        if not urls:
            continue
        by_url = checks.get(answer.pk, {})
        links = [{"url": url, "check": by_url.get(url)} for url in urls]
        problems = [link["check"] for link in links if link["check"] and not link["check"].is_ok]
        for link in links:
            key = link["check"].verdict if link["check"] else "unchecked"
            counts[key] = counts.get(key, 0) + 1
        rows.append(
            {
                "answer": answer,
                "points": points.get(answer.item.code),
                "links": links,
                "problems": len(problems),
                "unchecked": sum(1 for link in links if link["check"] is None),
            }
        )
    rows.sort(
        key=lambda r: (
            -(1 if r["problems"] else 0),
            -(r["points"] or 0),
            r["answer"].item.number,
        )
    )
    return rows, counts


def points_at_risk(rows):
    """The points of the total that the items with a link problem are worth together."""
    return sum((r["points"] for r in rows if r["problems"] and r["points"] is not None), 0)
