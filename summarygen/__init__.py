"""summarygen: Chinese government work summaries in the official format, from YAML and templates."""

__version__ = "0.1.0"
