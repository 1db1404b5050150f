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
    private const string AccountUrlKey = CliAccounts.RootSection + ":" + CloudinaryAccountCredentials.ConfigurationKey;
    private readonly ServiceProvider _services;
    private readonly CliContext _context;
    private readonly IConfiguration _configuration;

    private RotationEnvironment(CliContext context, IConfiguration configuration, string sectionPath, ServiceProvider services)
    {
        _context = context;
        _configuration = configuration;
        SectionPath = sectionPath;
        _services = services;
        Options = services.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value;
    }

    public SecureCloudinaryOptions Options { get; }

    /// <summary>The section read: <c>Cloudinary</c>, or the account's <c>Cloudinary:Accounts:NAME</c> (for messages).</summary>
    public string SectionPath { get; }

    /// <summary>The account's name as the configuration spells it, or null for the unnamed configuration.</summary>
    public string? Account => SectionPath.Length > CliAccounts.AccountsSection.Length ? SectionPath[(CliAccounts.AccountsSection.Length + 1)..] : null;

    /// <summary>
    /// Where the provisioning credentials are read, in order, for messages: the account's own
    /// <c>Cloudinary:Accounts:NAME:Provisioning:AccountUrl</c> (with --account), <c>Cloudinary:Provisioning:AccountUrl</c>,
    /// then <c>CLOUDINARY_ACCOUNT_URL</c>.
    /// </summary>
    public string ProvisioningSettings => string.Join(", ", ProvisioningKeys()) + " or " + CloudinaryAccountCredentials.EnvironmentVariable;

    public string SourceName => Options.Source.Trim();

    public IServiceProvider Services => _services;

    /// <summary>
    /// Builds configuration and services, with <c>AddSecureCloudinary</c> bound to <c>Cloudinary</c> or, with --account, to
    /// <c>Cloudinary:Accounts:NAME</c>; validates the options as the host would at start.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    /// <exception cref="ConfigurationLoadException">A file is malformed or the account is unknown.</exception>
    public static RotationEnvironment Create(CliContext context, RotateSettings settings, SecretRedactor redactor)
    {
        var (configuration, sectionPath) = CliAccounts.Build(
            context.Environment, settings.Directory ?? context.WorkingDirectory, settings.EnvironmentName, settings.Overrides, settings.Account, settings.Source);
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
        services.AddSecureCloudinary(configuration.GetSection(sectionPath)).AddCredentialBackends();
        services.AddHttpClient(CloudinaryProvisioningClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient("SecureCloudinary.Cli.WaitFor")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        context.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return new RotationEnvironment(context, configuration, sectionPath, provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The store writer of the selected source, or null when it cannot be written to.</summary>
    public ICloudinaryCredentialStoreWriter? CreateWriter() => _services.GetCloudinaryCredentialStoreWriter(SourceName);

    /// <summary>
    /// The provisioning credentials: with --account the account's own <c>Cloudinary:Accounts:NAME:Provisioning:AccountUrl</c>
    /// first (accounts of one Cloudinary organisation share the top-level one), then <c>Cloudinary:Provisioning:AccountUrl</c>,
    /// else <c>CLOUDINARY_ACCOUNT_URL</c>; null when none is set.
    /// </summary>
    /// <exception cref="ConfigurationLoadException">The value is malformed (the message names the setting, not the value).</exception>
    public CloudinaryAccountCredentials? ReadAccount(SecretRedactor redactor)
    {
        var configured = ProvisioningKeys().Select(key => (Value: _configuration[key], Setting: key)).FirstOrDefault(p => !string.IsNullOrEmpty(p.Value));
        var (value, setting) = configured.Value is not null
            ? configured
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

    private IEnumerable<string> ProvisioningKeys()
    {
        if (Account is not null)
        {
            yield return SectionPath + ":" + CloudinaryAccountCredentials.ConfigurationKey;
        }

        yield return AccountUrlKey;
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
