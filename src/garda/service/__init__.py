"""Public service quality: satisfaction surveys (`skm`) and ASN innovations (`innovation`).

A package, not an app: each part below it is its own Django app in the `garda.service` layer,
above every app whose numbers they read (the queue, PPID, learning)."""
