// Test-only OpenID Provider for the Rust integration tests, built on the
// certified `oidc-provider` (v9). Usage:
//   node tests/oidc/provider.mjs --client-key-out /some/dir/client.pem
// Prints ONE JSON line on stdout once listening, then serves until stdin ends
// or SIGTERM. Everything else goes to stderr. See README.md next to this file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { SignJWT, importJWK, generateKeyPair, decodeJwt, decodeProtectedHeader } from 'jose';

// stdout is the protocol channel (one JSON line). oidc-provider prints its
// "you SHOULD/MUST change ..." dev notices via console.info (= stdout!) and
// console.warn, so route console to stderr and drop those notices. This must
// happen before oidc-provider is loaded, hence the dynamic import below.
const toStderr = (...args) => {
  const line = args.map(String).join(' ');
  if (!line.startsWith('oidc-provider ')) process.stderr.write(`${line}\n`);
};
console.log = console.info = console.warn = console.debug = toStderr;
const { default: Provider } = await import('oidc-provider');

const keyOutIdx = process.argv.indexOf('--client-key-out');
const clientKeyFile = keyOutIdx > 0 ? process.argv[keyOutIdx + 1] : undefined;
if (!clientKeyFile) {
  process.stderr.write('usage: node provider.mjs --client-key-out <path/to/client.pem>\n');
  process.exit(2);
}

// Key of the private_key_jwt client: the Rust side reads it back with
// openidconnect's `from_pem`, which only accepts PKCS#1 ("BEGIN RSA PRIVATE KEY").
const clientKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
fs.writeFileSync(clientKeyFile, clientKey.privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
const clientPublicJwk = { ...clientKey.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'sportello-jwt-1' };

// The provider's own signing key; kept in memory so the tamper modes can re-sign.
const opJwk = {
  ...crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  alg: 'RS256', use: 'sig', kid: 'test-op-rs256-1',
};
const opSigningKey = await importJWK(opJwk, 'RS256');

// Accounts: login name -> claims. Mutable through POST /__test/accounts.
const accounts = new Map(Object.entries({
  mario: {
    given_name: 'Mario', family_name: 'Rossi', fiscal_number: 'TINIT-RSSMRA80A01H501U',
    email: 'mario.rossi@example.org', email_verified: true,
  },
  giulia: { given_name: 'Giulia', family_name: 'Bianchi', fiscal_number: 'BNCGLI85M41F205X' },
}));

let tamperMode = 'none'; // POST /__test/mode; stays until changed
const TAMPER_MODES = new Set(['none', 'wrong_key', 'wrong_nonce', 'expired', 'userinfo_only']);

// The Rust test server's port is only known at run time: any loopback port is OK.
const REDIRECT_URI_RE = /^http:\/\/127\.0\.0\.1:\d{1,5}\/auth\/oidc\/[A-Za-z0-9_-]+\/callback$/;
const POST_LOGOUT_URI_RE = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[^#]*$/;

const clientCommon = {
  grant_types: ['authorization_code'],
  response_types: ['code'],
  id_token_signed_response_alg: 'RS256',
  // Placeholders: metadata validation needs one; the checks are overridden below.
  redirect_uris: ['http://127.0.0.1:1/auth/oidc/placeholder/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:1/'],
};

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    { ...clientCommon, client_id: 'sportello', client_secret: 'sportello-test-secret-0123456789abcdef', token_endpoint_auth_method: 'client_secret_basic' },
    {
      ...clientCommon,
      client_id: 'sportello-jwt',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [clientPublicJwk] },
    },
  ],
  jwks: { keys: [opJwk] },
  cookies: { keys: ['sportello-test-cookie-key-0123456789', 'sportello-test-cookie-key-older'] },
  // Scope -> claims; the keys double as the supported scopes.
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name', 'name', 'fiscal_number', 'groups', 'office'],
    email: ['email', 'email_verified'],
  },
  // Put the scope claims in the ID token itself (default true keeps them for userinfo only).
  conformIdTokenClaims: false,
  pkce: { required: () => true }, // only S256 exists in v9
  features: {
    devInteractions: { enabled: false }, // our own pages under /interaction/:uid
    rpInitiatedLogout: { enabled: true, logoutSource },
  },
  async findAccount(ctx, sub) {
    const claims = accounts.get(sub);
    if (!claims) return undefined;
    const name = [claims.given_name, claims.family_name].filter(Boolean).join(' ') || undefined;
    return { accountId: sub, claims: () => ({ name, ...claims, sub }) };
  },
  // Never show consent: every client here is first party. Load (or create) the
  // grant and add whatever OIDC scopes/claims this request asks for.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (grantId && await ctx.oidc.provider.Grant.find(grantId))
      || new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamOIDCScopes);
    grant.addOIDCClaims(ctx.oidc.requestParamClaims);
    await grant.save();
    return grant;
  },
});

// v9 has no option for wildcard redirect URIs: Client#redirectUriAllowed and
// #postLogoutRedirectUriAllowed are the checks used by the authorization and
// end_session endpoints, so override them on this provider's Client class.
// (The token endpoint still requires redirect_uri to equal the authorization one.)
provider.Client.prototype.redirectUriAllowed = (uri) => REDIRECT_URI_RE.test(uri);
provider.Client.prototype.postLogoutRedirectUriAllowed = (uri) => POST_LOGOUT_URI_RE.test(uri);

// RP-initiated logout confirmation: auto-submit "yes, log out" so a headless
// browser lands straight on post_logout_redirect_uri. `form` is the provider's
// <form id="op.logoutForm"> with the xsrf input; we add logout=yes and submit.
async function logoutSource(ctx, form) {
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head>
<body>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form>')}
<script>document.forms[0].submit()</script></body></html>`;
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function loginPage(uid, error) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test OP sign-in</title></head><body>
<h1>Test OP sign-in</h1>${error ? `<p id="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">User</label><input id="login" name="login" autofocus>
<button id="submit" type="submit">Sign in</button>
</form></body></html>`;
}

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// Interaction pages and test controls. provider.use() puts this before the
// provider's own routes; paths not matched here fall through to them.
provider.use(async (ctx, next) => {
  const m = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (m && ctx.method === 'GET' && !m[2]) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== m[1]) ctx.throw(400, 'interaction mismatch');
    // Only "login" is expected; loadExistingGrant makes "consent" unreachable.
    if (details.prompt.name !== 'login') ctx.throw(500, `unexpected prompt ${details.prompt.name}`);
    ctx.type = 'html';
    ctx.body = loginPage(details.uid);
    return;
  }
  if (m && ctx.method === 'POST' && m[2]) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== m[1]) ctx.throw(400, 'interaction mismatch');
    const login = (new URLSearchParams(await readBody(ctx)).get('login') || '').trim();
    if (!accounts.has(login)) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, `Unknown user "${login}"`);
      return;
    }
    // interactionResult (not interactionFinished, which writes to res itself) so Koa sends the 303.
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return;
  }
  if (ctx.method === 'POST' && (ctx.path === '/__test/accounts' || ctx.path === '/__test/mode')) {
    let body;
    try { body = JSON.parse(await readBody(ctx)); } catch { ctx.throw(400, 'invalid JSON'); }
    if (ctx.path === '/__test/accounts') {
      if (!body || typeof body !== 'object' || Array.isArray(body)) ctx.throw(400, 'expected {"<id>": {claims}}');
      for (const [id, claims] of Object.entries(body)) accounts.set(id, claims);
    } else {
      if (!TAMPER_MODES.has(body?.mode)) ctx.throw(400, `mode must be one of ${[...TAMPER_MODES].join(', ')}`);
      tamperMode = body.mode;
    }
    ctx.status = 204;
    return;
  }

  await next();

  // Tamper modes: rewrite the ID token of a successful token response.
  if (tamperMode !== 'none' && ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
  }
});

async function tamper(idToken) {
  const header = decodeProtectedHeader(idToken);
  const payload = decodeJwt(idToken);
  let key = opSigningKey;
  if (tamperMode === 'wrong_key') {
    // Same kid as the real key, so the RP picks the provider's key and the signature check fails.
    ({ privateKey: key } = await generateKeyPair('RS256'));
  } else if (tamperMode === 'wrong_nonce') {
    payload.nonce = 'not-the-nonce-you-sent';
  } else if (tamperMode === 'expired') {
    payload.iat = 1577836800; // 2020-01-01T00:00:00Z
    payload.exp = 1577840400; // one hour later
  } else if (tamperMode === 'userinfo_only') {
    // As SPID and CIE do: the person's attributes only from the userinfo endpoint.
    for (const claim of ['given_name', 'family_name', 'name', 'fiscal_number', 'email', 'email_verified', 'groups', 'office']) {
      delete payload[claim];
    }
  }
  return new SignJWT(payload).setProtectedHeader({ ...header, alg: 'RS256', kid: opJwk.kid }).sign(key);
}

// Quiet logs: only real failures, on stderr.
provider.on('server_error', (ctx, err) => process.stderr.write(`oidc server_error: ${err?.stack || err}\n`));

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer, client_key_file: clientKeyFile })}\n`);

// Lifetime is tied to the parent: it pipes stdin and closes it when done.
const shutdown = () => process.exit(0);
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);
