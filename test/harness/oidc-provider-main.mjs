/**
 * The tests' OpenID provider: oidc-provider (a certified implementation) with its development
 * sign-in form (any login and password; the login becomes the account), one confidential client
 * that must use PKCE, and RP-initiated logout. Run as a child by test/harness/oidc-provider.ts
 * (oidc-provider ships only ES modules, which jest's CommonJS cannot load), it prints
 * `ready <issuer>` once it listens. Each account's `sub` is opaque (`idp-<login>`); the person's
 * id is its `preferred_username`, as a district's provider would name it.
 */
import process from 'node:process';
import Provider from 'oidc-provider';

const { port, clientId, clientSecret, redirectUri, postLogoutRedirectUri } = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;

const page = (title, body) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: `idp-${id}`, preferred_username: id, name: id }),
  }),
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
  pkce: { required: () => true },
  cookies: { keys: ['greenlight-test-provider-cookie-key'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The default pages load a web font from the internet; these need nothing.
      logoutSource: async (ctx, form) => { ctx.body = page('退出统一身份认证', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">确认退出</button>`); },
      postLogoutSuccessSource: async (ctx) => { ctx.body = page('已退出', ''); },
    },
  },
  renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = page('错误', `<pre>${JSON.stringify(out).replace(/</g, '&lt;')}</pre>`); },
});
// The account's id is the `sub` oidc-provider keeps; the claims above say what the client sees.
provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
