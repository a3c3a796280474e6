"""The frameworks the project ships, as files under fixtures/ in the import format."""

from pathlib import Path

from django.conf import settings

from assessments.imports import read_framework_file
from assessments.services import framework_import

FIXTURE_YEARS = (2565, 2566, 2567, 2568, 2569)
# Rebuilt from fragments and kept under fixtures/provisional/ until NACC's manual of the
# year is imported: FY 2567's item list is known only in part; 2568's and 2569's are the
# fullest lists known, so the year an organization starts now is copied from 2569's.
PROVISIONAL_FIXTURE_YEARS = (2567, 2568, 2569)


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
