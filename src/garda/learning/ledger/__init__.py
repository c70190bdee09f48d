"""The JP ledger: every learning hour an ASN earns (completed training, approved external
learning, imported history), the conversion rules and targets kept as data, and compliance."""
