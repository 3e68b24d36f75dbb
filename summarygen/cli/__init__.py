"""The command line: commands (:mod:`.commands`), shared options (:mod:`.options`), the
console that prints problems and progress, and the file watcher of ``build --watch``.

Nothing outside this package imports it: each command calls one library function.
"""

from summarygen.cli.commands import main

__all__ = ["main"]
