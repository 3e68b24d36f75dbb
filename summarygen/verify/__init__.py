"""``summarygen verify``: check any DOCX against GB/T 9704-2012 (see :mod:`.run`)."""

from summarygen.verify.model import Expectation, Finding, expectation
from summarygen.verify.run import VerifyFailed, VerifyResult, verify_document, verify_files

__all__ = ["Expectation", "Finding", "VerifyFailed", "VerifyResult", "expectation",
           "verify_document", "verify_files"]
