"""Exports for learning platforms: the SCORM package, Moodle XML and GIFT question banks (no mkdocs here)."""
