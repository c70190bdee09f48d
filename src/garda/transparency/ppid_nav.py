"""Menu entries of PPID (registered by the PPID work)."""
