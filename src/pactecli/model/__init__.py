"""The typed pact (`records`) and its construction from loaded documents (`build`)."""

from pactecli.model.build import Loaded, build, to_amount, to_date
from pactecli.model.records import (
    Action,
    Amendment,
    Axis,
    Cofunding,
    Contribution,
    Convention,
    Indicator,
    Objective,
    Origin,
    Pact,
    PactModel,
    Partner,
    Unlisted,
    Unread,
)

__all__ = [
    "Action",
    "Amendment",
    "Axis",
    "Cofunding",
    "Contribution",
    "Convention",
    "Indicator",
    "Loaded",
    "Objective",
    "Origin",
    "Pact",
    "PactModel",
    "Partner",
    "Unlisted",
    "Unread",
    "build",
    "to_amount",
    "to_date",
]
