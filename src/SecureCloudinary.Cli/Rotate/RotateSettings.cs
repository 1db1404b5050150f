namespace SecureCloudinary.Cli.Rotate;

/// <summary>The parsed command line of <c>rotate</c>.</summary>
internal sealed class RotateSettings
{
    public bool Json { get; init; }

    /// <summary>How long to wait for the fleet, or null for the default (RefreshInterval + 10% + MinimumForcedRefreshInterval).</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>URLs polled until their body shows the new key's fingerprint.</summary>
    public IReadOnlyList<Uri> WaitFor { get; init; } = [];

    public bool KeepOldEnabled { get; init; }

    public bool NewKeyFromStdin { get; init; }

    public bool ConfirmOldDisabled { get; init; }

    /// <summary>Undo the last rotation: restore the store's previous value, re-enable its key, disable the current one.</summary>
    public bool Rollback { get; init; }

    /// <summary>
    /// With --rollback or --confirm-old-disabled: the API key (or fingerprint) of the key to return to or check, looked
    /// up in the Provisioning API's key list instead of the store's previous value.
    /// </summary>
    public string? PreviousKey { get; init; }

    /// <summary>With --confirm-old-disabled and neither store history nor provisioning credentials: read the old key from standard input.</summary>
    public bool OldKeyFromStdin { get; init; }

    /// <summary>How long the whole run may take, or null for the wait plus two minutes.</summary>
    public TimeSpan? Timeout { get; init; }

    public string? Directory { get; init; }

    public string? EnvironmentName { get; init; }

    /// <summary>The account (<c>--account</c>): its section <c>Cloudinary:Accounts:NAME</c>; null for <c>Cloudinary</c>.</summary>
    public string? Account { get; init; }

    /// <summary>The source to select (<c>--source</c>) in the account's section, or null.</summary>
    public string? Source { get; init; }

    public IReadOnlyList<KeyValuePair<string, string?>> Overrides { get; init; } = [];
}
