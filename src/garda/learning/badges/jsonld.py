"""JSON-LD canonicalisation over the vendored contexts only.

pyld expands the document with a document loader that answers from `contexts/` and refuses
every other URL, then canonicalises the RDF dataset (URDNA2015, the algorithm RDFC-1.0
standardised) into N-Quads: the bytes an `eddsa-rdfc-2022` proof hashes."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from pyld import jsonld

CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


class UnknownContext(ValueError):
    pass


@functools.cache
def vendored_contexts() -> dict[str, Any]:
    """Context URL -> parsed document, read once."""
    index = json.loads((CONTEXT_DIR / "index.json").read_text(encoding="utf-8"))
    return {
        url: json.loads((CONTEXT_DIR / name).read_text(encoding="utf-8"))
        for url, name in index.items()
    }


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's loader: a vendored context, or an error (never the network)."""
    document = vendored_contexts().get(url)
    if document is None:
        raise UnknownContext(f"JSON-LD context {url} is not vendored")
    return {"contextUrl": None, "documentUrl": url, "document": document}


def canonize(document: dict[str, Any]) -> str:
    """The canonical N-Quads of `document`."""
    result = jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
        },
    )
    return str(result)
