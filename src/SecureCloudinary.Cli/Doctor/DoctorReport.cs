using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>What <c>doctor</c> found; every field is safe to print.</summary>
internal sealed class DoctorReport
{
    /// <summary>The checked account (<c>Cloudinary:Accounts:NAME</c>), or null for the unnamed <c>Cloudinary</c> section.</summary>
    public string? Account { get; set; }

    /// <summary>
    /// The cloud name and a SHA-256 of the API key, to find two accounts that use the same key; never printed (the
    /// fingerprint is what messages show).
    /// </summary>
    public string? KeyIdentity { get; private set; }

    /// <summary>The selected source name, or null when configuration could not be read.</summary>
    public string? Source { get; set; }

    /// <summary>The cloud name, or null when no credentials were resolved.</summary>
    public string? CloudName { get; set; }

    /// <summary>The API key fingerprint, or null.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The last 4 characters of the API key, or null.</summary>
    public string? ApiKeyHint { get; set; }

    /// <summary>The source's version id of the credentials, or null.</summary>
    public string? Version { get; set; }

    /// <summary>One of <see cref="PingStatus"/>.</summary>
    public string Ping { get; set; } = PingStatus.Skipped;

    /// <summary>What went wrong (never a secret), or null.</summary>
    public string? Error { get; set; }

    /// <summary>The hosts contacted (<c>scheme://host:port</c>), in order, with what each was for.</summary>
    public IReadOnlyList<(string Origin, string Purpose)> Endpoints { get; set; } = [];

    /// <summary>The process exit code; see <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; set; } = ExitCodes.Ok;

    /// <summary>Fills the credential fields from a snapshot.</summary>
    /// <param name="snapshot">The resolved snapshot.</param>
    public void SetCredentials(CredentialSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CloudName = snapshot.Credentials.CloudName;
        Fingerprint = snapshot.Credentials.Fingerprint;
        ApiKeyHint = snapshot.Credentials.ApiKeyHint;
        Version = snapshot.Version;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot.Credentials.ApiKey)));
        KeyIdentity = snapshot.Credentials.CloudName.ToUpperInvariant() + "/" + key;
    }

    /// <summary>Masks every text field with <paramref name="redactor"/> (before any encoding, so escaping cannot hide a secret).</summary>
    /// <param name="redactor">The redactor holding the secrets met.</param>
    public void Redact(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        Source = redactor.RedactOrNull(Source);
        CloudName = redactor.RedactOrNull(CloudName);
        Fingerprint = redactor.RedactOrNull(Fingerprint);
        ApiKeyHint = redactor.RedactOrNull(ApiKeyHint);
        Version = redactor.RedactOrNull(Version);
        Error = redactor.RedactOrNull(Error);
        Endpoints = [.. Endpoints.Select(e => (redactor.Redact(e.Origin), e.Purpose))];
    }

    /// <summary>Records a failure.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="error">The message (never a secret).</param>
    public void Fail(int exitCode, string error)
    {
        ExitCode = exitCode;
        Error = error;
    }
}
