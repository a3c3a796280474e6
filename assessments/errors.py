"""The refusals of the assessments app; each carries the Thai reasons the user reads.

They live apart from services.py and imports.py so both can raise them without
importing each other.
"""

from itaportal.editing import DomainError


class AssessmentError(DomainError):
    """An action refused; `messages` are the Thai reasons, one per problem."""

    def __init__(self, messages):
        if isinstance(messages, str):
            messages = [messages]
        self.messages = list(messages)
        # Each reason on top of the form (itaportal.editing.show_error).
        super().__init__("; ".join(self.messages), errors=[(None, m) for m in self.messages])


class ImportRefused(AssessmentError):
    """The file cannot be used; `messages` lists every problem, in Thai."""
