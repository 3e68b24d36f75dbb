"""Templates: the sandboxed, strict Jinja environment (:mod:`.render`), the figure filters
(:mod:`.filters`) and the translation of template failures into messages (:mod:`.errors`).
"""
