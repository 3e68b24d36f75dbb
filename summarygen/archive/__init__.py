"""Archived periods: ``archive`` seals a period (:mod:`.seal`), ``diff`` compares two periods
(:mod:`.compare`). Reading archived revisions lives in :mod:`summarygen.workspace.revisions`.
"""
