using System.Security.Cryptography;
using System.Text;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Conjur.Internal;

/// <summary>The emulator's data: roles and API keys, variables with versions, grants, JWTs, faults and the request log.</summary>
internal sealed class ConjurState
{
    public const int MaxVersions = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string ServiceId, string Login), string> _ldapPasswords = [];
    private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Login, string Id), ConjurPrivileges> _grants = [];
    private readonly Dictionary<string, JwtService> _jwtServices = new(StringComparer.Ordinal);
    private readonly List<EmulatedConjurRequest> _requests = [];

    public ConjurState(ConjurEmulatorOptions options)
    {
        Account = options.Account;
        PathBase = options.PathBase;
        MaxRequestTargetLength = options.MaxRequestTargetLength;
        Signer = new ConjurTokenSigner(options.TimeProvider, options.TokenTimeToLive);
    }

    public string Account { get; }

    public string PathBase { get; }

    public int MaxRequestTargetLength { get; }

    public ConjurTokenSigner Signer { get; }

    public FaultInjector Faults { get; } = new();

    public FaultQueue<EmulatedHttpFault> HttpFaults { get; } = new(rejectUndefined: true);

    public string AddRole(string login)
    {
        var key = NewApiKey();
        lock (_lock)
        {
            _roles[login] = new Role(key, Enabled: true);
        }

        return key;
    }

    public string RotateApiKey(string login)
    {
        lock (_lock)
        {
            var role = _roles.TryGetValue(login, out var r) ? r : throw new InvalidOperationException("Unknown login.");
            var key = NewApiKey();
            _roles[login] = role with { ApiKey = key };
            return key;
        }
    }

    public void SetEnabled(string login, bool enabled)
    {
        lock (_lock)
        {
            var role = _roles.TryGetValue(login, out var r) ? r : throw new InvalidOperationException("Unknown login.");
            _roles[login] = role with { Enabled = enabled };
        }
    }

    public bool CheckApiKey(string login, string apiKey)
    {
        lock (_lock)
        {
            return _roles.TryGetValue(login, out var role) && role.Enabled
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(role.ApiKey), Encoding.UTF8.GetBytes(apiKey));
        }
    }

    /// <summary>Makes the <c>authn-ldap/{serviceId}</c> authenticator accept <paramref name="password"/> for <paramref name="login"/>.</summary>
    public void AddLdapUser(string serviceId, string login, string password)
    {
        lock (_lock)
        {
            if (!_roles.ContainsKey(login))
            {
                throw new InvalidOperationException("Unknown login.");
            }

            _ldapPasswords[(serviceId, login)] = password;
        }
    }

    public bool CheckLdapPassword(string serviceId, string login, string password)
    {
        lock (_lock)
        {
            return _ldapPasswords.TryGetValue((serviceId, login), out var expected)
                && _roles.TryGetValue(login, out var role) && role.Enabled
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password));
        }
    }

    public bool IsEnabled(string login)
    {
        lock (_lock)
        {
            return _roles.TryGetValue(login, out var role) && role.Enabled;
        }
    }

    public void DeclareVariable(string id)
    {
        lock (_lock)
        {
            _variables.TryAdd(id, []);
        }
    }

    public int AddValue(string id, byte[] value)
    {
        lock (_lock)
        {
            if (!_variables.TryGetValue(id, out var versions))
            {
                versions = [];
                _variables[id] = versions;
            }

            versions.Add(value.ToArray());
            return versions.Count;
        }
    }

    public bool RemoveVariable(string id)
    {
        lock (_lock)
        {
            return _variables.Remove(id);
        }
    }

    public void Grant(string login, string id, ConjurPrivileges privileges)
    {
        lock (_lock)
        {
            _grants[(login, id)] = privileges;
        }
    }

    public ConjurPrivileges PrivilegesOf(string login, string id)
    {
        lock (_lock)
        {
            return _grants.TryGetValue((login, id), out var p) ? p : ConjurPrivileges.None;
        }
    }

    public bool Exists(string id)
    {
        lock (_lock)
        {
            return _variables.ContainsKey(id);
        }
    }

    /// <summary>The version numbers kept of a variable (the last <see cref="MaxVersions"/>), ascending.</summary>
    public IReadOnlyList<int> Versions(string id)
    {
        lock (_lock)
        {
            if (!_variables.TryGetValue(id, out var versions) || versions.Count == 0)
            {
                return [];
            }

            var first = Math.Max(1, versions.Count - MaxVersions + 1);
            return [.. Enumerable.Range(first, versions.Count - first + 1)];
        }
    }

    /// <summary>The value of <paramref name="version"/> (1-based; null for the latest), or null when there is none.</summary>
    public byte[]? Value(string id, int? version)
    {
        lock (_lock)
        {
            if (!_variables.TryGetValue(id, out var versions) || versions.Count == 0)
            {
                return null;
            }

            var first = Math.Max(1, versions.Count - MaxVersions + 1);
            var number = version ?? versions.Count;
            return number >= first && number <= versions.Count ? versions[number - 1] : null;
        }
    }

    public void AddJwt(string serviceId, string jwt, string hostLogin, bool hostIdInUrl)
    {
        lock (_lock)
        {
            if (!_jwtServices.TryGetValue(serviceId, out var service))
            {
                service = new JwtService(hostIdInUrl, new Dictionary<string, string>(StringComparer.Ordinal));
                _jwtServices[serviceId] = service;
            }

            service.Tokens[jwt] = hostLogin;
        }
    }

    /// <summary>The host a JWT authenticates as, or null when the service or JWT is unknown or the URL's host id does not fit.</summary>
    public string? CheckJwt(string serviceId, string jwt, string? hostIdFromUrl)
    {
        lock (_lock)
        {
            if (!_jwtServices.TryGetValue(serviceId, out var service) || !service.Tokens.TryGetValue(jwt, out var host))
            {
                return null;
            }

            if (service.HostIdInUrl != (hostIdFromUrl is not null))
            {
                return null;
            }

            if (hostIdFromUrl is not null && hostIdFromUrl != host && "host/" + hostIdFromUrl != host)
            {
                return null;
            }

            return _roles.TryGetValue(host, out var role) && role.Enabled ? host : null;
        }
    }

    public void Record(EmulatedConjurRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<EmulatedConjurRequest> Requests()
    {
        lock (_lock)
        {
            return _requests.ToArray();
        }
    }

    private static string NewApiKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(26));

    private sealed record Role(string ApiKey, bool Enabled);

    private sealed record JwtService(bool HostIdInUrl, Dictionary<string, string> Tokens);
}
