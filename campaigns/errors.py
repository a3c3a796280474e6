from itaportal.editing import DomainError


class CampaignError(DomainError):
    """A refused change to an IIT/EIT campaign; str() is the Thai message."""
