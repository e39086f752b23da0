"""The report's text parts — 概况, 情况说明, 名词解释 — generated from the same figures as
the tables. `build_text(report)` gives the structured `Document`; `placeholders` lists
what the officer still has to write; `reason_keys` every reason the templates read for
the report; `desktop.core.text.facts.facts` is every figure the templates may place."""

from desktop.core.text.document import Document, Heading, Paragraph, Part, Run, plain_text
from desktop.core.text.facts import shares
from desktop.core.text.render import TextTemplateError, build_text, placeholders, reason_keys

__all__ = [
    "Document",
    "Heading",
    "Paragraph",
    "Part",
    "Run",
    "TextTemplateError",
    "build_text",
    "placeholders",
    "plain_text",
    "reason_keys",
    "shares",
]
