"""Signed Open Badges 3.0: Data Integrity proofs (`eddsa-rdfc-2022`) with the badge key, the
issuer's did:web document and the Bitstring Status List for revocation. The JSON-LD contexts
are vendored in `contexts/`; nothing here touches the network."""
