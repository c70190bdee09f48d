#!/usr/bin/env node
// Verifies a Garda Open Badge 3.0 credential with Digital Bazaar's libraries, independently of
// Garda's own Python code: the `eddsa-rdfc-2022` Data Integrity proof, the issuer's key taken
// from its did:web document, and revocation from the Bitstring Status List credential (itself
// verified). JSON-LD contexts come only from Garda's vendored files; the only other documents
// read are the DID document and the status list, from the Garda named by --garda.
//
//   node verify.mjs BADGE.json --garda http://127.0.0.1:8000
//
// Prints one JSON line {"verified", "revoked", "issuer", "error"} and exits 0 when the badge is
// verified and not revoked, 2 when it is verified but revoked, 1 otherwise (64: bad usage).
import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const here = dirname(fileURLToPath(import.meta.url));
const CONTEXT_DIR = join(here, '..', '..', 'src', 'garda', 'learning', 'badges', 'contexts');
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

function usage(message) {
  process.stderr.write(`${message}\nusage: node verify.mjs BADGE.json --garda URL\n`);
  process.exit(64);
}

function parseArgs(argv) {
  const options = {badge: null, garda: null};
  for(let i = 0; i < argv.length; i++) {
    if(argv[i] === '--garda') {
      options.garda = argv[++i];
    } else if(!options.badge) {
      options.badge = argv[i];
    } else {
      usage(`unexpected argument ${argv[i]}`);
    }
  }
  if(!options.badge || !options.garda) {
    usage('a badge file and --garda are required');
  }
  return options;
}

async function loadContexts() {
  const index = JSON.parse(await readFile(join(CONTEXT_DIR, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, file] of Object.entries(index)) {
    contexts.set(url, JSON.parse(await readFile(join(CONTEXT_DIR, file), 'utf8')));
  }
  return contexts;
}

// did:web:host%3Aport:a:b -> <scheme>://host:port/a/b/did.json, the scheme of --garda when the
// host is Garda's (a test server speaks plain HTTP), https otherwise (and then refused below).
function didWebUrl(did, garda) {
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const host = parts.shift();
  const path = parts.length ? `/${parts.join('/')}/did.json` : '/.well-known/did.json';
  const scheme = host === garda.host ? garda.protocol : 'https:';
  return `${scheme}//${host}${path}`;
}

function makeDocumentLoader(contexts, garda) {
  async function fetchJson(url) {
    if(new URL(url).origin !== garda.origin) {
      throw new Error(`refusing to fetch ${url}: not on ${garda.origin}`);
    }
    const response = await fetch(url, {headers: {Accept: 'application/json'}});
    if(!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    return response.json();
  }
  return async function documentLoader(url) {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const didDocument = await fetchJson(didWebUrl(did, garda));
      if(didDocument.id !== did) {
        throw new Error(`DID document ${didDocument.id} is not ${did}`);
      }
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: didDocument};
      }
      const method = (didDocument.verificationMethod || []).find(vm => vm.id === url);
      if(!method) {
        throw new Error(`${url} is not in the DID document`);
      }
      return {
        contextUrl: null, documentUrl: url,
        document: {'@context': MULTIKEY_V1, ...method}
      };
    }
    if(url.startsWith('http://') || url.startsWith('https://')) {
      return {contextUrl: null, documentUrl: url, document: await fetchJson(url)};
    }
    throw new Error(`cannot load ${url}`);
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const garda = new URL(options.garda);
  const credential = JSON.parse(await readFile(options.badge, 'utf8'));
  const documentLoader = makeDocumentLoader(await loadContexts(), garda);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus
  });
  const statuses = result.statusResult?.results || [];
  const revoked = statuses.some(
    entry => entry.credentialStatus?.statusPurpose === 'revocation' && entry.status === true);
  const failures = [result.error, result.statusResult?.error,
    ...(result.results || []).map(r => r.error)].filter(Boolean);
  const error = failures.length ?
    failures.flatMap(e => [e, ...(e.errors || [])]).map(e => e.message).join('; ') : null;
  const issuer = typeof credential.issuer === 'object' ? credential.issuer.id : credential.issuer;
  process.stdout.write(JSON.stringify({
    verified: result.verified, revoked, issuer, error
  }) + '\n');
  if(!result.verified) {
    process.exitCode = 1;
  } else if(revoked) {
    process.exitCode = 2;
  }
}

main().catch(error => {
  process.stdout.write(JSON.stringify({
    verified: false, revoked: false, issuer: null, error: error.message
  }) + '\n');
  process.exitCode = 1;
});
