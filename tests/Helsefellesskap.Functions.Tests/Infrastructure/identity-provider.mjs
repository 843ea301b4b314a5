// A real OpenID Connect provider (npm oidc-provider) on loopback for the sign-in tests; it stands in for
// Microsoft Entra ID. Usage: node identity-provider.mjs <port> <config.json>
// config: { clientId, clientSecret, redirectUris: [], postLogoutRedirectUris: [], users: { "<login>": { name, email, roles: [] } } }
// The provider's own development login page accepts any of the configured logins (any password);
// consent is given at once, as Entra ID does for an app an administrator has approved.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.clientId,
    client_secret: config.clientSecret,
    redirect_uris: config.redirectUris,
    post_logout_redirect_uris: config.postLogoutRedirectUris ?? [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], profile: ['name', 'roles'], email: ['email'] },
  // Entra ID puts the user's app roles in the ID token; so does this provider.
  conformIdTokenClaims: false,
  findAccount: async (ctx, id) => {
    const user = config.users[id];
    if (!user) {
      return undefined;
    }
    return {
      accountId: id,
      claims: async () => ({ sub: id, name: user.name, email: user.email, roles: user.roles ?? [] }),
    };
  },
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    if (!ctx.oidc.session.accountId) {
      return undefined;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    grant.addOIDCClaims(['name', 'email', 'roles']);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['identity-provider-test-cookie-key'] },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600 },
});
provider.proxy = false;

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`identity provider listening on ${issuer}`);
});
