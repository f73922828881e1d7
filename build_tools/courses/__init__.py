"""Course files: which modules and assessments a course holds, its branding, editions and session plan."""
