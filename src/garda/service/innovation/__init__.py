"""Innovations of ASN and units: the registry, the Indeks Inovasi Daerah self-assessment, the
KIPP package, the public showcase, and the impact measured from Garda's own numbers."""
