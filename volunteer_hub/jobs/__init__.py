"""Background jobs: a job table with progress, run by RQ workers or a local process."""
