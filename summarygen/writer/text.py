"""The document tree as numbered Markdown (for previews) and as plain text (for diffs)."""

from __future__ import annotations

from summarygen.document.tree import Document, Heading


def to_markdown(document: Document) -> str:
    """Numbered Markdown: the title as ``#``, headings with their numbers, run-in heads in bold."""
    lines = [f"# {line}" for line in document.title]
    for block in document.blocks:
        lines.append("")
        if isinstance(block, Heading):
            if block.body is not None:
                lines.append(f"**{block.heading_text}**{block.body}")
            else:
                lines.append(f"{'#' * (block.level + 1)} {block.heading_text}")
        else:
            lines.append(block.text)
    if document.signature is not None:
        for line in document.signature.lines:
            lines += ["", line]
    return "\n".join(lines) + "\n"


def to_text(document: Document) -> str:
    """One line per paragraph, as a reader sees it (the form the samples are kept in)."""
    lines = list(document.title)
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(block.heading_text + (block.body or ""))
        else:
            lines.append(block.text)
    if document.signature is not None:
        lines += document.signature.lines
    return "\n".join(lines) + "\n"
