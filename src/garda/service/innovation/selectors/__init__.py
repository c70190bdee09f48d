"""Every read of the innovation app that has rules (one module per concept)."""
