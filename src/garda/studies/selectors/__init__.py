"""Every read of the studies app: eligibility (many ASN at once) and scoped lists."""
