"""The document: the summary markup (:mod:`.markup`), the numbered document tree (:mod:`.tree`)
and the style profile (:mod:`.style`) that the writers and the checker share.
"""
