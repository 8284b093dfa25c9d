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
    Payment,
    Unlisted,
    Unread,
    is_closed,
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
    "Payment",
    "Unlisted",
    "Unread",
    "build",
    "is_closed",
    "to_amount",
    "to_date",
]
