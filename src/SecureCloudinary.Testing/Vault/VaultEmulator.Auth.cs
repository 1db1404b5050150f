using SecureCloudinary.Testing.Vault.Internal;

namespace SecureCloudinary.Testing.Vault;

public sealed partial class VaultEmulator
{
    /// <summary>
    /// Creates or replaces a policy granting <c>read</c> on <paramref name="readPaths"/> (a trailing <c>*</c>
    /// matches any suffix, e.g. <c>secret/data/cloudinary/*</c>). An empty list denies everything.
    /// </summary>
    /// <param name="name">The policy name.</param>
    /// <param name="readPaths">The paths granted <c>read</c>.</param>
    public void SetPolicy(string name, params string[] readPaths)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(readPaths);
        Set(() => _state.Policies[name] = [.. readPaths.Select(p => p.Trim().TrimStart('/'))]);
    }

    /// <summary>
    /// Defines (or replaces) a policy granting <c>create</c> and <c>update</c> on <paramref name="writePaths"/>
    /// (KV v2: <c>{mount}/data/{path}</c>). A token without such a policy gets 403 on writes. A policy name may also
    /// have read paths (<see cref="SetPolicy"/>).
    /// </summary>
    /// <param name="name">The policy name.</param>
    /// <param name="writePaths">The paths granted <c>create</c> and <c>update</c>.</param>
    public void SetWritePolicy(string name, params string[] writePaths)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(writePaths);
        Set(() => _state.WritePolicies[name] = [.. writePaths.Select(p => p.Trim().TrimStart('/'))]);
    }

    /// <summary>Creates a token, as <c>vault token create</c>.</summary>
    /// <param name="spec">Policies, TTL, max TTL and renewability; defaults when null.</param>
    /// <param name="vaultNamespace">The namespace the token belongs to, or null.</param>
    /// <returns>The token.</returns>
    public string CreateToken(VaultTokenSpec? spec = null, string? vaultNamespace = null)
    {
        lock (_state.Lock)
        {
            return _state.Issue(spec ?? new VaultTokenSpec(), VaultEmulatorState.NormalizeNamespace(vaultNamespace)).Value;
        }
    }

    /// <summary>Revokes one token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>True when the token existed.</returns>
    public bool RevokeToken(string token)
    {
        lock (_state.Lock)
        {
            if (!_state.Tokens.TryGetValue(token, out var entry))
            {
                return false;
            }

            entry.Revoked = true;
            return true;
        }
    }

    /// <summary>Revokes every token except the root token (logins keep working and issue new ones).</summary>
    /// <returns>How many tokens were revoked.</returns>
    public int RevokeAllTokens()
    {
        lock (_state.Lock)
        {
            var count = 0;
            foreach (var token in _state.Tokens.Values)
            {
                if (token.Value != _state.RootToken && !token.Revoked)
                {
                    token.Revoked = true;
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>How many live (unrevoked, unexpired) login or created tokens exist, root excluded.</summary>
    public int LiveTokenCount
    {
        get
        {
            lock (_state.Lock)
            {
                var now = _state.Time.GetUtcNow();
                return _state.Tokens.Values.Count(t => t.Value != _state.RootToken && t.WrappedSecretId is null && t.IsValid(now));
            }
        }
    }

    /// <summary>Adds an AppRole (auth method <c>approle</c> at <paramref name="mountPath"/>).</summary>
    /// <param name="roleId">The role id.</param>
    /// <param name="secretId">An accepted secret id, or null for a role without <c>bind_secret_id</c>.</param>
    /// <param name="spec">The token the login issues.</param>
    /// <param name="mountPath">The auth mount. Default <c>approle</c>.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AddAppRole(string roleId, string? secretId, VaultTokenSpec spec, string mountPath = "approle", string? vaultNamespace = null)
    {
        var role = new AuthRole { Name = roleId, Spec = spec, BindSecretId = secretId is not null };
        AddRole("approle", mountPath, vaultNamespace, role, secretId);
    }

    /// <summary>Accepts one more secret id for an AppRole added before.</summary>
    /// <param name="roleId">The role id.</param>
    /// <param name="secretId">The secret id.</param>
    /// <param name="mountPath">The auth mount.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AddSecretId(string roleId, string secretId, string mountPath = "approle", string? vaultNamespace = null) =>
        Accept(mountPath, vaultNamespace, roleId, secretId);

    /// <summary>Response-wraps a secret id, as <c>vault write -wrap-ttl=… auth/approle/role/…/secret-id</c>.</summary>
    /// <param name="secretId">The secret id to wrap.</param>
    /// <param name="ttl">The wrapping token's TTL.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    /// <returns>The single-use wrapping token.</returns>
    public string WrapSecretId(string secretId, TimeSpan ttl, string? vaultNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        lock (_state.Lock)
        {
            var now = _state.Time.GetUtcNow();
            var token = new EmulatedToken
            {
                Value = VaultEmulatorState.NewToken("hvs.wrap"),
                Namespace = VaultEmulatorState.NormalizeNamespace(vaultNamespace),
                Policies = ["response-wrapping"],
                Ttl = ttl,
                Renewable = false,
                IssuedAt = now,
                ExpiresAt = now + ttl,
                WrappedSecretId = secretId,
            };
            _state.Tokens[token.Value] = token;
            return token.Value;
        }
    }

    /// <summary>Adds a Kubernetes auth role accepting <paramref name="serviceAccountJwt"/>.</summary>
    /// <param name="role">The role name.</param>
    /// <param name="serviceAccountJwt">A service-account JWT the role accepts (add more with <see cref="AcceptJwt"/>).</param>
    /// <param name="spec">The token the login issues.</param>
    /// <param name="mountPath">The auth mount. Default <c>kubernetes</c>.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AddKubernetesRole(string role, string serviceAccountJwt, VaultTokenSpec spec, string mountPath = "kubernetes", string? vaultNamespace = null) =>
        AddRole("kubernetes", mountPath, vaultNamespace, new AuthRole { Name = role, Spec = spec }, serviceAccountJwt);

    /// <summary>Adds a JWT auth role accepting <paramref name="jwt"/>.</summary>
    /// <param name="role">The role name.</param>
    /// <param name="jwt">A JWT the role accepts.</param>
    /// <param name="spec">The token the login issues.</param>
    /// <param name="isDefaultRole">Whether logins without a role use this one (the mount's <c>default_role</c>).</param>
    /// <param name="mountPath">The auth mount. Default <c>jwt</c>.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AddJwtRole(string role, string jwt, VaultTokenSpec spec, bool isDefaultRole = false, string mountPath = "jwt", string? vaultNamespace = null)
    {
        AddRole("jwt", mountPath, vaultNamespace, new AuthRole { Name = role, Spec = spec }, jwt);
        if (isDefaultRole)
        {
            Set(() => _state.Namespace(vaultNamespace).AuthMounts[Clean(mountPath, nameof(mountPath))].DefaultRole = role);
        }
    }

    /// <summary>Makes a Kubernetes or JWT role accept one more JWT (e.g. a rotated service-account token).</summary>
    /// <param name="mountPath">The auth mount.</param>
    /// <param name="role">The role name.</param>
    /// <param name="jwt">The JWT.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AcceptJwt(string mountPath, string role, string jwt, string? vaultNamespace = null) =>
        Accept(mountPath, vaultNamespace, role, jwt);

    /// <summary>Makes a role stop accepting every credential it had (secret ids, JWTs or the password).</summary>
    /// <param name="mountPath">The auth mount.</param>
    /// <param name="role">The role id, role name or username.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void RevokeCredentials(string mountPath, string role, string? vaultNamespace = null) =>
        Set(() => FindRole(mountPath, vaultNamespace, role).Credentials.Clear());

    /// <summary>Adds a userpass user.</summary>
    /// <param name="username">The username.</param>
    /// <param name="password">The password.</param>
    /// <param name="spec">The token the login issues.</param>
    /// <param name="mountPath">The auth mount. Default <c>userpass</c>.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void AddUser(string username, string password, VaultTokenSpec spec, string mountPath = "userpass", string? vaultNamespace = null) =>
        AddRole("userpass", mountPath, vaultNamespace, new AuthRole { Name = username, Spec = spec }, password);

    private void AddRole(string type, string mountPath, string? vaultNamespace, AuthRole role, string? credential)
    {
        ArgumentNullException.ThrowIfNull(role.Spec);
        var path = Clean(mountPath, nameof(mountPath));
        lock (_state.Lock)
        {
            var mounts = _state.Namespace(vaultNamespace).AuthMounts;
            if (!mounts.TryGetValue(path, out var mount) || mount.Type != type)
            {
                mount = new AuthMount { Type = type };
                mounts[path] = mount;
            }

            mount.Roles[role.Name] = role;
            if (credential is not null)
            {
                role.Credentials.Add(credential);
            }
        }
    }

    private void Accept(string mountPath, string? vaultNamespace, string role, string credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        Set(() => FindRole(mountPath, vaultNamespace, role).Credentials.Add(credential));
    }

    private AuthRole FindRole(string mountPath, string? vaultNamespace, string role) =>
        _state.Namespace(vaultNamespace).AuthMounts.TryGetValue(Clean(mountPath, nameof(mountPath)), out var mount)
        && mount.Roles.TryGetValue(role, out var entry)
            ? entry
            : throw new InvalidOperationException("No such auth role in the emulator.");
}
