"""Every model of the resources feature, so that metadata and migrations see them."""

from volunteer_hub.resources.funding.models import (  # noqa: F401
    BudgetLine,
    Contribution,
    FundingShare,
    HourValue,
    ResourceSettings,
)
from volunteer_hub.resources.opportunities.models import (  # noqa: F401
    Opportunity,
    QualificationDocument,
)
from volunteer_hub.resources.partners.models import (  # noqa: F401
    Partner,
    PartnerContact,
    PartnerLink,
    PartnerLogEntry,
)
