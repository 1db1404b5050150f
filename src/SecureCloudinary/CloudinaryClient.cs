using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SecureCloudinary;

/// <summary>
/// A Cloudinary Upload and Admin API client that asks its <see cref="ICloudinaryCredentialProvider"/> for the
/// current credentials on every call, so rotated keys are picked up without a restart.
/// </summary>
public partial class CloudinaryClient
{
    /// <summary>The name of the <see cref="HttpClient"/> this client uses from <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "SecureCloudinary";

    private readonly HttpClient _httpClient = null!;
    private readonly ICloudinaryCredentialProvider _credentials = null!;
    private readonly CloudinaryClientOptions _options = null!;
    private readonly TimeProvider _timeProvider = null!;
    private readonly ILogger _logger = null!;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client to send requests with (from <c>IHttpClientFactory</c> in DI).</param>
    /// <param name="credentialProvider">Supplies the current credentials on every call.</param>
    /// <param name="options">Client settings; defaults when null.</param>
    /// <param name="timeProvider">Clock for signature timestamps; the system clock when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public CloudinaryClient(
        HttpClient httpClient,
        ICloudinaryCredentialProvider credentialProvider,
        CloudinaryClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<CloudinaryClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credentialProvider);
        _httpClient = httpClient;
        _credentials = credentialProvider;
        _options = options ?? new CloudinaryClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The named account this client belongs to (set by DI), or null for the unnamed registration; goes on spans.</summary>
    internal string? Account { get; init; }

    /// <summary>For mocking only.</summary>
    protected CloudinaryClient()
    {
    }
}
