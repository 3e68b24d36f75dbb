"""The data layer: YAML read with line numbers (:mod:`.yamlio`), typed values with units
(:mod:`.values`), records, area schemas (:mod:`.schema`), and validation against
them. It knows nothing of workspaces, templates or documents.
"""
