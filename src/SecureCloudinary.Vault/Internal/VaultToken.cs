using System.Diagnostics;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// A Vault client token and its lifetime. <see cref="RefreshAt"/> is about two thirds into the lease: then the
/// token is renewed (when renewable) or replaced by a new login. <see cref="ToString"/> never shows the token.
/// </summary>
internal sealed class VaultToken
{
    public VaultToken(string value, DateTimeOffset issuedAt, TimeSpan? lease, bool renewable, bool fromLogin)
    {
        Value = value;
        IssuedAt = issuedAt;
        Lease = lease;
        Renewable = renewable;
        FromLogin = fromLogin;
        ExpiresAt = lease is { } l ? issuedAt + l : null;
        RefreshAt = lease is { } d && (renewable || fromLogin) ? issuedAt + (d * 2 / 3) : null;
    }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string Value { get; }

    public DateTimeOffset IssuedAt { get; }

    /// <summary>The lease (TTL) at issue or last renewal; null when the token never expires.</summary>
    public TimeSpan? Lease { get; }

    public bool Renewable { get; }

    /// <summary>Whether the token came from a login (and so can be replaced by logging in again).</summary>
    public bool FromLogin { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>When to renew or log in again; null when nothing is to be done.</summary>
    public DateTimeOffset? RefreshAt { get; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } e && now >= e;

    public bool IsRefreshDue(DateTimeOffset now) => RefreshAt is { } r && now >= r;

    public override string ToString() =>
        $"VaultToken {{ Lease = {Lease?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} s, Renewable = {Renewable} }}";
}
