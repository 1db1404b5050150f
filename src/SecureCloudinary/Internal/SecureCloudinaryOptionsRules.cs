using Microsoft.Extensions.Options;

namespace SecureCloudinary.Internal;

/// <summary>
/// Validates <see cref="SecureCloudinaryOptions"/> at start-up. Messages name configuration keys, never values
/// (except the names of known backends, to say which package to add).
/// </summary>
internal sealed class SecureCloudinaryOptionsRules : IValidateOptions<SecureCloudinaryOptions>
{
    private static readonly (string Name, string Package, string Method)[] KnownBackends =
    [
        ("AwsSecretsManager", "SecureCloudinary.AwsSecretsManager", "AddAwsSecretsManager"),
        ("Vault", "SecureCloudinary.Vault", "AddVault"),
        ("Conjur", "SecureCloudinary.Conjur", "AddConjur"),
    ];

    private readonly IEnumerable<CredentialSourceRegistration> _sources;
    private readonly IEnumerable<SecureCloudinaryRegistration> _registrations;

    public SecureCloudinaryOptionsRules(
        IEnumerable<CredentialSourceRegistration> sources, IEnumerable<SecureCloudinaryRegistration> registrations)
    {
        _sources = sources;
        _registrations = registrations;
    }

    public ValidateOptionsResult Validate(string? name, SecureCloudinaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registration = SecureCloudinaryRegistration.Find(_registrations, name);
        var prefix = (registration?.SectionPath ?? SecureCloudinaryRegistration.DefaultSectionPathFor(name)) + ":";
        var failures = new List<string>();
        var sourceError = ValidateSource(prefix, options.Source, CredentialSourceRegistration.Of(_sources, name).ToList());
        if (sourceError is not null)
        {
            failures.Add(sourceError);
        }

        if (options.ApiBaseAddress is { } address && !EndpointRules.IsHttpsOrLoopback(address))
        {
            failures.Add($"{prefix}ApiBaseAddress must be an absolute https:// address without a user name or password (http:// is allowed only for loopback hosts).");
        }

        if (options.ChunkSize < CloudinaryClientOptions.MinimumChunkSize)
        {
            failures.Add($"{prefix}ChunkSize must be at least 5000000 bytes (5 MB), the smallest chunk Cloudinary accepts.");
        }

        if (options.ChunkedUploadThreshold < 0)
        {
            failures.Add($"{prefix}ChunkedUploadThreshold must not be negative.");
        }

        if (options.MaxResponseBodyBytes <= 0)
        {
            failures.Add($"{prefix}MaxResponseBodyBytes must be greater than 0.");
        }

        ValidateLifecycle(prefix, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLifecycle(string prefix, SecureCloudinaryOptions options, List<string> failures)
    {
        foreach (var key in options.UnreadableKeys.Distinct(StringComparer.Ordinal))
        {
            failures.Add($"{prefix}{key} is not a time span: use the form 00:05:00 (hh:mm:ss) or 1.00:00:00 (one day)"
                + (key == LifecycleSettingsBinding.MaxStaleness ? ", or Infinite." : "."));
        }

        var infinite = Timeout.InfiniteTimeSpan;
        if (!options.UnreadableKeys.Contains(LifecycleSettingsBinding.RefreshInterval)
            && (options.RefreshInterval == infinite || options.RefreshInterval < TimeSpan.FromSeconds(1)))
        {
            failures.Add($"{prefix}RefreshInterval must be at least 00:00:01 (one second) and not Infinite.");
        }

        if (!options.UnreadableKeys.Contains(LifecycleSettingsBinding.MinimumForcedRefreshInterval)
            && (options.MinimumForcedRefreshInterval == infinite || options.MinimumForcedRefreshInterval < TimeSpan.Zero))
        {
            failures.Add($"{prefix}MinimumForcedRefreshInterval must be zero or a positive time span, not Infinite.");
        }

        if (!options.UnreadableKeys.Contains(LifecycleSettingsBinding.MaxStaleness)
            && options.MaxStaleness != infinite
            && options.MaxStaleness < options.RefreshInterval)
        {
            failures.Add($"{prefix}MaxStaleness must be Infinite or at least {prefix}RefreshInterval.");
        }
    }

    /// <summary>Finds the registration <paramref name="sourceName"/> selects, or null.</summary>
    internal static CredentialSourceRegistration? Find(IEnumerable<CredentialSourceRegistration> sources, string? sourceName) =>
        string.IsNullOrWhiteSpace(sourceName)
            ? null
            : sources.LastOrDefault(s => string.Equals(s.Name, sourceName.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string? ValidateSource(string prefix, string? source, List<CredentialSourceRegistration> sources)
    {
        if (Find(sources, source) is not null)
        {
            return null;
        }

        var registered = string.Join(", ", sources.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        var list = $" Registered sources: {registered}.";
        if (string.IsNullOrWhiteSpace(source))
        {
            return $"{prefix}Source is empty: it must name a registered credential source.{list}";
        }

        foreach (var (backend, package, method) in KnownBackends)
        {
            if (string.Equals(backend, source.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return $"{prefix}Source selects the {backend} credential source, which is not registered. "
                    + $"Run `dotnet add package {package}` and call .{method}() on the builder AddSecureCloudinary returns.{list}";
            }
        }

        var names = sources.Select(s => s.Name).Concat(KnownBackends.Select(b => b.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var suggestion = Suggest(source.Trim(), names) is { } nearest ? $" Did you mean {nearest}?" : string.Empty;
        var fromPackages = KnownBackends
            .Where(b => !sources.Any(s => string.Equals(s.Name, b.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(b => $"{b.Name} ({b.Package}, .{b.Method}())")
            .ToList();
        return $"{prefix}Source names a credential source that is not registered.{suggestion}{list}"
            + (fromPackages.Count == 0 ? string.Empty : " Other sources come from packages: " + string.Join(", ", fromPackages) + ".");
    }

    /// <summary>The source name <paramref name="name"/> most likely meant: one it starts or is contained in, else the nearest by edit distance.</summary>
    private static string? Suggest(string name, IReadOnlyList<string> names)
    {
        foreach (var candidate in names)
        {
            if (name.Length >= 2 && candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return UnknownConfigurationKeys.Nearest(name, names);
    }
}
