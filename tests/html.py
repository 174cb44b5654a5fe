"""Read what a page shows, as a person would: table rows and summary lists as plain text."""

import re
from html.parser import HTMLParser


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Tables(HTMLParser):
    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0  # >0 while inside the element with the id
        self.in_head = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
            if tag == "thead":
                self.in_head = True
            elif tag == "tr" and not self.in_head:
                self.rows.append([])
            elif tag in {"td", "th", "dt", "dd"} and not self.in_head:
                if tag == "dt":
                    self.rows.append([])
                self.cell = []
            elif tag == "span" and self.cell is not None:
                self.cell.append(" ")
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if tag == "thead":
            self.in_head = False
        elif tag in {"td", "th", "dt", "dd"} and self.cell is not None:
            self.rows[-1].append(_squash("".join(self.cell)))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rows(html: str | bytes, element_id: str) -> list[list[str]]:
    """The body and foot rows of the table (or the rows of the summary list) with this id, as text."""
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Tables(element_id)
    parser.feed(html)
    return parser.rows


def summary(html: str | bytes, element_id: str) -> dict[str, str]:
    return dict(rows(html, element_id))


def text(html: str | bytes) -> str:
    """The page's text without tags, e.g. to check a name appears nowhere."""
    if isinstance(html, bytes):
        html = html.decode()
    return _squash(re.sub(r"<[^>]+>", " ", html))
