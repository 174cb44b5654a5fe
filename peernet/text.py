"""Text as people type or paste it, cleaned one way before it is stored or written into a spreadsheet.

Control characters come in unseen: pasted from a PDF or Word (a vertical tab for a line break), or from a
spreadsheet's cell. Nobody meant them and nobody can see them to delete them, so they are dropped; but a
spreadsheet cannot hold most of them, so one stored name would stop a whole export. A NUL is different: no
keyboard types one, it means a damaged file or someone probing, and PostgreSQL cannot store it, so it is
left in for the caller to refuse with a message (Django's form fields and the import both do).
"""

import re

from django import forms

# Line breaks and tabs, which a one-line answer reads as spaces: CRLF counts as one break.
BREAKS = re.compile("\r\n|[\t\n\r\x0b\x0c]")
LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c]")
# C0 controls but NUL (tabs and line breaks are dealt with first), DEL, C1 controls, and the two code points
# XML (so .xlsx) cannot hold.
CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# What an .xlsx cell cannot hold (XML 1.0 characters); CSV and Excel exports write the same text.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NUL = "\x00"


def clean(value: str, *, multiline: bool = False) -> str:
    """`value` without control characters. In one line, a tab or line break becomes a space; in several
    (`multiline`), line breaks become newlines and tabs stay. A NUL is kept for the caller to refuse."""
    if multiline:
        return CONTROLS.sub("", LINE_BREAKS.sub("\n", value))
    return CONTROLS.sub("", BREAKS.sub(" ", value))


def storable(value: str) -> str:
    """`value` with every character an .xlsx cell cannot hold removed, for writing out what is stored."""
    return UNSTORABLE.sub("", value)


class TextField(forms.CharField):
    """A CharField for what people type: control characters cleaned away (a Textarea keeps its lines), and
    a NUL refused in words naming the field."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages.setdefault(
            "null_characters_not_allowed",
            f"{self.label or 'This answer'} contains a character that is not allowed; "
            "type it again instead of pasting it",
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = clean(value, multiline=isinstance(self.widget, forms.Textarea))
        return super().to_python(value)
