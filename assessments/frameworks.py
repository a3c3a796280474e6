"""The frameworks the project ships, as files under fixtures/ in the import format."""

from pathlib import Path

from django.conf import settings

from assessments.imports import read_framework_file
from assessments.services import framework_import

FIXTURE_YEARS = (2565, 2566, 2567)
# Shipped for recording a published result, but kept under fixtures/provisional/ with the
# other years rebuilt from fragments: FY 2567's item list is known only in part.
PROVISIONAL_FIXTURE_YEARS = (2567,)


def fixture_path(year, provisional=False):
    base = Path(settings.BASE_DIR) / "fixtures"
    return (base / "provisional" if provisional else base) / f"ita-{year}.yaml"


def load_frameworks(years=FIXTURE_YEARS):
    """Create or refresh the shipped frameworks; [(framework, created)]."""
    done = []
    for year in years:
        path = fixture_path(year, provisional=year in PROVISIONAL_FIXTURE_YEARS)
        done.append(framework_import(data=read_framework_file(path.read_bytes(), path.name)))
    return done
