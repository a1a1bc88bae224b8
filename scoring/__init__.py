"""Scoring: pure functions over wide response DataFrames.

Scale scores and POMP (:mod:`scoring.scales`), input checks and reverse keying
(:mod:`scoring.responses`), reliability (:mod:`scoring.reliability`), measurement uncertainty
(:mod:`scoring.uncertainty`), the role-model verdict (:mod:`scoring.verdict`) and reliable change
(:mod:`scoring.change`). No Streamlit, no database.
"""

#: Version of the scoring rules; recorded in exports and JSON output. Bump it when a rule changes.
SCORING_VERSION = "1.0.0"

from scoring.change import (  # noqa: E402
    RCI_THRESHOLD,
    ReliableChange,
    reliable_change,
    reliable_change_frame,
)
from scoring.reliability import (  # noqa: E402
    ItemStats,
    ScaleReliability,
    analyse_items,
    covariance_matrix,
    cronbach_alpha,
    mcdonald_omega,
    one_factor_loadings,
    reliability_frame,
    reliability_report,
    scale_reliability,
)
from scoring.responses import (  # noqa: E402
    RESPONDENT_COLUMN,
    item_ranges,
    keyed_responses,
    prepare_responses,
    reverse_score,
)
from scoring.scales import scale_bounds, score_questionnaire, score_scale  # noqa: E402
from scoring.uncertainty import (  # noqa: E402
    DEFAULT_RELIABILITY,
    DEFAULT_SD_SHARE,
    ConfidenceInterval,
    design_values,
    scale_band,
    scale_sem,
    score_band,
    standard_error_of_measurement,
    to_pomp,
    to_pomp_units,
    z_value,
)
from scoring.verdict import (  # noqa: E402
    ATTAINABILITY,
    BIPOLAR_ITEMS,
    DISCOURAGEMENT,
    INSPIRATION,
    LIMITS,
    ORIENTATION,
    PROCESS,
    PROXIMITY,
    ROLE_MODEL_SCALES,
    SIMILARITY,
    Driver,
    InsufficientAnswersError,
    Verdict,
    admiration_drivers,
    classify_admiration,
    net_sem,
    verdicts_frame,
)

__all__ = [
    "ATTAINABILITY",
    "BIPOLAR_ITEMS",
    "DEFAULT_RELIABILITY",
    "DEFAULT_SD_SHARE",
    "DISCOURAGEMENT",
    "INSPIRATION",
    "LIMITS",
    "ORIENTATION",
    "PROCESS",
    "PROXIMITY",
    "RCI_THRESHOLD",
    "RESPONDENT_COLUMN",
    "ROLE_MODEL_SCALES",
    "SCORING_VERSION",
    "SIMILARITY",
    "ConfidenceInterval",
    "Driver",
    "InsufficientAnswersError",
    "ItemStats",
    "ReliableChange",
    "ScaleReliability",
    "Verdict",
    "admiration_drivers",
    "analyse_items",
    "classify_admiration",
    "covariance_matrix",
    "cronbach_alpha",
    "design_values",
    "item_ranges",
    "keyed_responses",
    "mcdonald_omega",
    "net_sem",
    "one_factor_loadings",
    "prepare_responses",
    "reliability_frame",
    "reliability_report",
    "reliable_change",
    "reliable_change_frame",
    "reverse_score",
    "scale_band",
    "scale_bounds",
    "scale_reliability",
    "scale_sem",
    "score_band",
    "score_questionnaire",
    "score_scale",
    "standard_error_of_measurement",
    "to_pomp",
    "to_pomp_units",
    "verdicts_frame",
    "z_value",
]
