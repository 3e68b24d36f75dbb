"""``summarygen doctor``: what this machine has and lacks for a workspace (:mod:`.checks`), and
how fonts are found on Linux, Windows and macOS (:mod:`.fonts`)."""

from summarygen.doctor.checks import Diagnosis, Finding, Machine, Status, diagnose

__all__ = ["Diagnosis", "Finding", "Machine", "Status", "diagnose"]
