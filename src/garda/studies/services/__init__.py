"""Every write of the studies app, one module per concept."""
