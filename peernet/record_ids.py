"""Record ids as forms receive them: digits 0 to 9, no more than a database id holds, checked before a query.

Django guards `pk = 12345678901234567890123` but not `pk IN (...)`: there SQLite raises OverflowError and
PostgreSQL a DataError. And int() reads other scripts' digits ('١' as 1), which no id is written in.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

# Ids are 64-bit on SQLite and PostgreSQL alike (BigAutoField).
MAX_ID = 2**63 - 1
DIGITS = re.compile(r"[0-9]{1,19}")


def is_id(value) -> bool:
    text = str(value)
    return DIGITS.fullmatch(text) is not None and int(text) <= MAX_ID


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Records ticked by id: a value that cannot be an id is a choice not on the list, and is not queried."""

    def clean(self, value):
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                if not is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super().clean(value)
