using System.Security.Cryptography;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>The Vault emulator's state. All access goes through <see cref="Lock"/>.</summary>
internal sealed class VaultEmulatorState
{
    public VaultEmulatorState(TimeProvider time, string rootToken)
    {
        Time = time;
        RootToken = rootToken;
        Namespaces[string.Empty] = new VaultNamespaceState();
        Tokens[rootToken] = new EmulatedToken
        {
            Value = rootToken,
            Namespace = string.Empty,
            Policies = ["root"],
            Ttl = TimeSpan.Zero,
            Renewable = false,
            IssuedAt = time.GetUtcNow(),
        };
    }

    public Lock Lock { get; } = new();

    public TimeProvider Time { get; }

    public string RootToken { get; }

    public Dictionary<string, VaultNamespaceState> Namespaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EmulatedToken> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Policy name → paths granted <c>read</c> (a trailing <c>*</c> matches any suffix).</summary>
    public Dictionary<string, List<string>> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>Policy name → paths granted <c>create</c> and <c>update</c> (a trailing <c>*</c> matches any suffix).</summary>
    public Dictionary<string, List<string>> WritePolicies { get; } = new(StringComparer.Ordinal);

    public bool Sealed { get; set; }

    /// <summary>Standby mode: the active node every request is redirected to, or null.</summary>
    public Uri? RedirectTarget { get; set; }

    /// <summary>The status of standby redirects (301, 302, 307 or 308).</summary>
    public int RedirectStatus { get; set; } = 307;

    public FaultInjector Faults { get; } = new();

    public FaultQueue<EmulatedHttpFault> HttpFaults { get; } = new(rejectUndefined: true);

    public List<VaultEmulatedRequest> Requests { get; } = [];

    public static string NewToken(string prefix = "hvs.") =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'A').Replace('/', 'B').TrimEnd('=');

    public static string NormalizeNamespace(string? value) => (value ?? string.Empty).Trim().Trim('/');

    public VaultNamespaceState Namespace(string? name)
    {
        var key = NormalizeNamespace(name);
        if (!Namespaces.TryGetValue(key, out var ns))
        {
            ns = new VaultNamespaceState();
            Namespaces[key] = ns;
        }

        return ns;
    }

    public EmulatedToken Issue(VaultTokenSpec spec, string ns, string prefix = "hvs.")
    {
        var now = Time.GetUtcNow();
        var token = new EmulatedToken
        {
            Value = NewToken(prefix),
            Namespace = ns,
            Policies = [.. spec.Policies],
            Ttl = spec.Ttl,
            Renewable = spec.Renewable,
            IssuedAt = now,
            MaxExpiresAt = spec.MaxTtl is { } max ? now + max : null,
            ExpiresAt = now + (spec.MaxTtl is { } m && m < spec.Ttl ? m : spec.Ttl),
        };
        Tokens[token.Value] = token;
        return token;
    }

    /// <summary>Whether the token's policies grant <c>read</c> on <paramref name="path"/>.</summary>
    public bool CanRead(EmulatedToken token, string path) => Grants(token, granted => Matches(granted, path));

    /// <summary>Whether the token's policies grant <c>create</c>/<c>update</c> on <paramref name="path"/>.</summary>
    public bool CanWrite(EmulatedToken token, string path) =>
        token.IsRoot || token.Policies.Any(p => WritePolicies.TryGetValue(p, out var paths) && paths.Any(g => Matches(g, path)));

    /// <summary>Whether the token has any capability below the mount (what <c>sys/internal/ui/mounts</c> needs).</summary>
    public bool CanSeeMount(EmulatedToken token, string mount) =>
        Grants(token, granted => granted.StartsWith(mount + "/", StringComparison.Ordinal) || granted == mount);

    private bool Grants(EmulatedToken token, Func<string, bool> match)
    {
        if (token.IsRoot)
        {
            return true;
        }

        foreach (var policy in token.Policies)
        {
            if (Policies.TryGetValue(policy, out var paths) && paths.Any(match))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string granted, string path) =>
        granted.EndsWith('*')
            ? path.StartsWith(granted[..^1], StringComparison.Ordinal)
            : string.Equals(granted, path, StringComparison.Ordinal);
}
