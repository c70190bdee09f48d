"""Menu entries of the budget portal and open data (registered by the budget work)."""
