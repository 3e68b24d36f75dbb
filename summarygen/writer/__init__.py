"""Writers of the document tree: DOCX (:mod:`.docx`, the only module that imports python-docx),
Markdown and plain text (:mod:`.text`), PDF through LibreOffice (:mod:`.pdf`).
"""
