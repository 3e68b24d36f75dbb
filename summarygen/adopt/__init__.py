"""Bringing a document of one's own: ``fix`` re-lays any DOCX in the official format
(:mod:`.relayout`); ``import`` turns last year's summary into a workspace (:mod:`.workspace`).
Both read the document through one model (:mod:`.source`, :mod:`.outline`)."""
