using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Provisioning;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>
/// The app's configuration and services, built exactly as <c>doctor</c> builds them (appsettings, environment,
/// overrides, <c>AddSecureCloudinary</c> with every backend), plus what rotation needs: the selected source's
/// store writer, the provisioning credentials and clients that talk to Cloudinary with a given key.
/// </summary>
internal sealed class RotationEnvironment : IAsyncDisposable
{
    private const string AccountUrlKey = "Cloudinary:" + CloudinaryAccountCredentials.ConfigurationKey;
    private readonly ServiceProvider _services;
    private readonly CliContext _context;
    private readonly IConfiguration _configuration;

    private RotationEnvironment(CliContext context, IConfiguration configuration, ServiceProvider services)
    {
        _context = context;
        _configuration = configuration;
        _services = services;
        Options = services.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value;
    }

    public SecureCloudinaryOptions Options { get; }

    public string SourceName => Options.Source.Trim();

    public IServiceProvider Services => _services;

    /// <summary>Builds configuration and services; validates the options as the host would at start.</summary>
    /// <exception cref="ConfigurationLoadException">A file is malformed.</exception>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static RotationEnvironment Create(
        CliContext context, string? directory, string? environmentName, IReadOnlyList<KeyValuePair<string, string?>> overrides, SecretRedactor redactor)
    {
        var configuration = CliConfiguration.Build(context.Environment, directory ?? context.WorkingDirectory, environmentName, overrides);
        redactor.AddFrom(configuration);
        if (context.Environment.TryGetValue(CloudinaryAccountCredentials.EnvironmentVariable, out var accountUrl))
        {
            redactor.Add(accountUrl);
            if (CloudinaryAccountCredentials.TryParse(accountUrl, out var parsed))
            {
                redactor.Add(parsed.ProvisioningSecret);
            }
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary")).AddCredentialBackends();
        services.AddHttpClient(CloudinaryProvisioningClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient("SecureCloudinary.Cli.WaitFor")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        context.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return new RotationEnvironment(context, configuration, provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The store writer of the selected source, or null when it cannot be written to.</summary>
    public ICloudinaryCredentialStoreWriter? CreateWriter() => _services.GetCloudinaryCredentialStoreWriter(SourceName);

    /// <summary>The provisioning credentials from <c>Cloudinary:Provisioning:AccountUrl</c>, else <c>CLOUDINARY_ACCOUNT_URL</c>; null when neither is set.</summary>
    /// <exception cref="ConfigurationLoadException">The value is malformed (the message names the setting, not the value).</exception>
    public CloudinaryAccountCredentials? ReadAccount(SecretRedactor redactor)
    {
        var (value, setting) = _configuration[AccountUrlKey] is { Length: > 0 } configured
            ? (configured, AccountUrlKey)
            : (_context.Environment.GetValueOrDefault(CloudinaryAccountCredentials.EnvironmentVariable), CloudinaryAccountCredentials.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        redactor.Add(value);
        if (!CloudinaryAccountCredentials.TryParse(value, out var account))
        {
            throw new ConfigurationLoadException(
                $"{setting} is not a valid account URL. Expected account://<provisioning_key>:<provisioning_secret>@<account_id>.");
        }

        redactor.Add(account.ProvisioningSecret);
        return account;
    }

    /// <summary>A Provisioning API client on <c>Cloudinary:ApiBaseAddress</c>, not following redirects.</summary>
    public CloudinaryProvisioningClient CreateProvisioningClient(CloudinaryAccountCredentials account) => new(
        _services.GetRequiredService<IHttpClientFactory>().CreateClient(CloudinaryProvisioningClient.HttpClientName),
        account,
        Options.ApiBaseAddress,
        Options.MaxResponseBodyBytes,
        _context.TimeProvider);

    /// <summary>A Cloudinary client that always uses <paramref name="credentials"/> (a 401 is not retried with others).</summary>
    public CloudinaryClient CreateClient(CloudinaryCredentials credentials) => new(
        _services.GetRequiredService<IHttpClientFactory>().CreateClient(CloudinaryClient.HttpClientName),
        new FixedCredentials(credentials),
        Options,
        _context.TimeProvider);

    /// <summary>An HTTP client for <c>--wait-for</c> polling.</summary>
    public HttpClient CreateWaitForClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient("SecureCloudinary.Cli.WaitFor");

    /// <summary>Pings Cloudinary with the credentials.</summary>
    /// <returns>Null when accepted; otherwise the HTTP status (null status: not reachable) and a message.</returns>
    public async Task<(HttpStatusCode? Status, string Message)?> PingAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            await CreateClient(credentials).PingAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (CloudinaryApiException ex)
        {
            return (ex.StatusCode, ex.Message);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class FixedCredentials(CloudinaryCredentials credentials) : ICloudinaryCredentialProvider
    {
        private readonly CredentialSnapshot _snapshot = new(credentials);

        public string SourceName => "rotate";

        public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_snapshot);
    }
}
