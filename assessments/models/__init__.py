"""The assessments app's models, split by noun: the framework of a year, the
organization's assessment of that year."""

from assessments.models.assessment import (  # noqa: F401
    Assessment,
    IndicatorScore,
    InstrumentAnalysis,
    OITItemResult,
)
from assessments.models.framework import (  # noqa: F401
    ITEM_FRAMEWORK,
    ITEM_YEAR,
    Framework,
    Indicator,
    Instrument,
    OITItem,
    OITSubIndicator,
    RatingBand,
)
