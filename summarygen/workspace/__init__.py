"""The workspace: ``summarygen.yaml`` (:mod:`.config`), periods, the datasets of a variant, the
built-in pack, ``init``, ``new-period``, the JSON Schemas
for editors and the archived revisions kept in ``archive/``.
"""
