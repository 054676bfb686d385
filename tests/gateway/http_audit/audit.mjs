// The graphql-http server audit (GraphQL over HTTP spec) against a running gateway.
//
//   node tests/gateway/http_audit/audit.mjs URL [TOKEN]
//
// Prints one line per audit ("ok", "warn" for a failed SHOULD/MAY, "error" for a failed MUST)
// and exits 1 when any MUST fails. The gateway refuses requests without a bearer token, and
// auditServer builds its own requests, so every request goes through a fetch that adds the
// Authorization header (auditServer accepts a fetchFn for exactly this).
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url) {
  console.error('usage: node audit.mjs URL [TOKEN]');
  process.exit(2);
}

function authorizedFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const results = await auditServer({ url, fetchFn: authorizedFetch });
let mustFailures = 0;
for (const result of results) {
  const line = `${result.status.padEnd(6)} ${result.id} ${result.name}`;
  if (result.status === 'ok') {
    console.log(line);
    continue;
  }
  if (result.status === 'error') mustFailures += 1;
  // The body says why, e.g. which status code or content type the gateway answered with.
  let body = '';
  try {
    body = (await result.response.text()).slice(0, 300);
  } catch {
    body = '(body already read)';
  }
  console.log(`${line}\n       reason: ${result.reason}\n       status ${result.response.status} ` +
    `${result.response.headers.get('content-type')}: ${body.replace(/\s+/g, ' ')}`);
}
console.log(`${results.length} audits, ${mustFailures} MUST failures`);
process.exit(mustFailures ? 1 : 0);
