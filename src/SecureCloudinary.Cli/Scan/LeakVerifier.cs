namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// <c>--verify</c>: pings Cloudinary's Admin API (<c>GET /v1_1/{cloud}/ping</c>, Basic auth) once per distinct
/// found key with the core <see cref="CloudinaryClient"/>. Always calls https://api.cloudinary.com (settings such as
/// <c>upload_prefix</c> in a found URL are ignored, so a planted URL cannot send a key elsewhere); tests replace the
/// address with a loopback emulator through <see cref="CliContext.ScanVerifyApiBaseAddress"/>.
/// </summary>
internal static class LeakVerifier
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Verifies every finding with complete credentials; sets <see cref="Finding.Verification"/>.</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="apiBaseAddress">The API address to call instead of Cloudinary's (loopback only), or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>A task.</returns>
    public static async Task VerifyAsync(IReadOnlyList<Finding> findings, Uri? apiBaseAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (apiBaseAddress is not null && !apiBaseAddress.IsLoopback)
        {
            throw new ScanUsageException("The verify address override must be a loopback address.");
        }

        // No redirects: a 3xx must not carry the found key and secret to another host.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout };
        var options = new CloudinaryClientOptions { ApiBaseAddress = apiBaseAddress };
        var cache = new Dictionary<CandidateCredentials, VerifyOutcome>();
        foreach (var finding in findings)
        {
            var candidate = finding.Candidate;
            if (!candidate.IsComplete)
            {
                finding.Verification = new VerifyOutcome(
                    VerifyStatus.NotChecked, "not checked: no API key or cloud name was found next to this secret.");
                continue;
            }

            if (!cache.TryGetValue(candidate, out var outcome))
            {
                outcome = await PingAsync(http, options, candidate, cancellationToken).ConfigureAwait(false);
                cache[candidate] = outcome;
            }

            finding.Verification = outcome;
        }
    }

    private static async Task<VerifyOutcome> PingAsync(HttpClient http, CloudinaryClientOptions options, CandidateCredentials candidate, CancellationToken cancellationToken)
    {
        CloudinaryCredentials credentials;
        try
        {
            credentials = new CloudinaryCredentials(candidate.CloudName!, candidate.ApiKey!, candidate.Secret);
        }
        catch (ArgumentException)
        {
            return new VerifyOutcome(VerifyStatus.NotChecked, "not checked: the cloud name or API key next to it is not valid.");
        }

        var client = new CloudinaryClient(http, new FixedCredentialProvider(credentials), options);
        try
        {
            await client.PingAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyOutcome(
                VerifyStatus.Live, $"LIVE: Cloudinary accepted this key (cloud {credentials.CloudName}, key ...{credentials.ApiKeyHint}). Rotate the secret now.");
        }
        catch (CloudinaryApiException ex) when (ex.IsAuthenticationFailure || (int?)ex.StatusCode == 403)
        {
            return new VerifyOutcome(VerifyStatus.Rejected, $"not live: Cloudinary rejected this key (HTTP {(int?)ex.StatusCode}).");
        }
        catch (CloudinaryApiException ex)
        {
            var status = ex.StatusCode is { } code ? $"HTTP {(int)code}" : "no answer";
            return new VerifyOutcome(VerifyStatus.Unknown, $"unknown: the check failed ({status}); treat the key as live.");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new VerifyOutcome(VerifyStatus.Unknown, "unknown: Cloudinary could not be reached; treat the key as live.");
        }
        catch (CloudinaryCredentialException)
        {
            return new VerifyOutcome(VerifyStatus.NotChecked, "not checked: the found values are not valid credentials.");
        }
    }
}
