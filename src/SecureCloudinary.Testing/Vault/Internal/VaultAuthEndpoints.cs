using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>Login (AppRole, Kubernetes, JWT, userpass), token self-service and response unwrapping. Caller holds the lock.</summary>
internal sealed class VaultAuthEndpoints(VaultEmulatorState state)
{
    public bool TryLogin(string path, string ns, JsonDocument? body, [NotNullWhen(true)] out VaultReply? reply)
    {
        reply = null;
        var segments = path["auth/".Length..].Split('/');
        string mountPath;
        string? username = null;
        if (segments.Length >= 2 && segments[^1] == "login")
        {
            mountPath = string.Join('/', segments[..^1]);
        }
        else if (segments.Length >= 3 && segments[^2] == "login")
        {
            mountPath = string.Join('/', segments[..^2]);
            username = Uri.UnescapeDataString(segments[^1]);
        }
        else
        {
            return false;
        }

        if (!state.Namespace(ns).AuthMounts.TryGetValue(mountPath, out var mount))
        {
            reply = VaultReply.Error(404, $"no handler for route \"auth/{mountPath}/login\". route entry not found.");
            return true;
        }

        var root = body?.RootElement ?? default;
        reply = mount.Type switch
        {
            "approle" when username is null => AppRole(mount, root, ns),
            "kubernetes" when username is null => JwtLogin(mount, root, ns, roleRequired: true),
            "jwt" when username is null => JwtLogin(mount, root, ns, roleRequired: false),
            "userpass" when username is not null => UserPass(mount, username, root, ns),
            _ => VaultReply.Error(405, "unsupported operation"),
        };
        return true;
    }

    public VaultReply LookupSelf(EmulatedToken token)
    {
        var now = state.Time.GetUtcNow();
        var ttl = token.ExpiresAt is { } e ? (long)Math.Max(0, (e - now).TotalSeconds) : 0;
        return VaultReply.Envelope(200, w =>
        {
            w.WriteString("accessor", "acc-" + token.IssuedAt.ToUnixTimeMilliseconds());
            w.WriteNumber("creation_time", token.IssuedAt.ToUnixTimeSeconds());
            w.WriteNumber("creation_ttl", (long)token.Ttl.TotalSeconds);
            w.WriteString("display_name", "token");
            if (token.ExpiresAt is { } expires)
            {
                w.WriteString("expire_time", expires.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("expire_time");
            }

            w.WriteStartArray("policies");
            foreach (var p in token.Policies)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteBoolean("renewable", token.Renewable);
            w.WriteNumber("ttl", ttl);
            w.WriteString("type", "service");
        });
    }

    public VaultReply RenewSelf(EmulatedToken token)
    {
        if (!token.Renewable || token.IsRoot)
        {
            return VaultReply.Error(400, "lease is not renewable");
        }

        var now = state.Time.GetUtcNow();
        var expires = now + token.Ttl;
        if (token.MaxExpiresAt is { } max && expires > max)
        {
            expires = max;
        }

        token.ExpiresAt = expires;
        return AuthReply(token, (long)(expires - now).TotalSeconds);
    }

    public VaultReply Unwrap(string wrappingToken, string ns)
    {
        if (!state.Tokens.TryGetValue(wrappingToken, out var token)
            || token.WrappedSecretId is null
            || !token.IsValid(state.Time.GetUtcNow())
            || token.Namespace != ns)
        {
            return VaultReply.Error(400, "wrapping token is not valid or does not exist");
        }

        token.Revoked = true;
        var secretId = token.WrappedSecretId;
        return VaultReply.Envelope(200, w =>
        {
            w.WriteString("secret_id", secretId);
            w.WriteString("secret_id_accessor", "acc-wrapped");
            w.WriteNumber("secret_id_ttl", 0);
        });
    }

    private VaultReply AppRole(AuthMount mount, JsonElement body, string ns)
    {
        var roleId = Text(body, "role_id");
        var secretId = Text(body, "secret_id");
        var role = roleId is null ? null : mount.Roles.Values.FirstOrDefault(r => r.Name == roleId);
        if (role is null)
        {
            return VaultReply.Error(400, "invalid role ID");
        }

        if (role.BindSecretId && (secretId is null || !role.Credentials.Contains(secretId)))
        {
            return VaultReply.Error(400, "invalid secret id");
        }

        return Issue(role, ns);
    }

    private VaultReply JwtLogin(AuthMount mount, JsonElement body, string ns, bool roleRequired)
    {
        var roleName = Text(body, "role") ?? (roleRequired ? null : mount.DefaultRole);
        var jwt = Text(body, "jwt");
        if (roleName is null)
        {
            return VaultReply.Error(400, "missing role");
        }

        if (jwt is null)
        {
            return VaultReply.Error(400, "missing jwt");
        }

        if (!mount.Roles.TryGetValue(roleName, out var role))
        {
            return VaultReply.Error(400, $"invalid role name \"{roleName}\"");
        }

        return role.Credentials.Contains(jwt) ? Issue(role, ns) : VaultReply.Forbidden();
    }

    private VaultReply UserPass(AuthMount mount, string username, JsonElement body, string ns) =>
        mount.Roles.TryGetValue(username, out var user) && Text(body, "password") is { } password && user.Credentials.Contains(password)
            ? Issue(user, ns)
            : VaultReply.Error(400, "invalid username or password");

    private VaultReply Issue(AuthRole role, string ns)
    {
        var token = state.Issue(role.Spec, ns);
        return AuthReply(token, (long)((token.ExpiresAt ?? token.IssuedAt) - token.IssuedAt).TotalSeconds);
    }

    private static VaultReply AuthReply(EmulatedToken token, long leaseSeconds) => VaultReply.Envelope(200, null, w =>
    {
        w.WriteString("client_token", token.Value);
        w.WriteString("accessor", "acc-" + token.IssuedAt.ToUnixTimeMilliseconds());
        w.WriteStartArray("policies");
        foreach (var p in token.Policies)
        {
            w.WriteStringValue(p);
        }

        w.WriteEndArray();
        w.WriteNull("metadata");
        w.WriteNumber("lease_duration", leaseSeconds);
        w.WriteBoolean("renewable", token.Renewable);
        w.WriteString("token_type", "service");
        w.WriteBoolean("orphan", true);
    });

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
