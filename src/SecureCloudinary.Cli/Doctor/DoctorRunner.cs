using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Sources;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// The credential pipeline of an app, run once: configuration → <c>AddSecureCloudinary</c> → the selected
/// source → <c>CloudinaryClient.PingAsync</c>. Every failure becomes a report field and an exit code.
/// </summary>
internal static partial class DoctorRunner
{
    /// <summary>Runs the check.</summary>
    /// <param name="context">Environment, working directory and service hooks.</param>
    /// <param name="settings">The parsed command line.</param>
    /// <param name="redactor">Collects the secrets met on the way, so the caller can mask them in output.</param>
    /// <param name="cancellationToken">Cancels the check (Ctrl+C).</param>
    /// <returns>The report, with its exit code.</returns>
    public static async Task<DoctorReport> RunAsync(
        CliContext context, DoctorSettings settings, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(redactor);
        var report = new DoctorReport { Account = settings.Account };
        var stage = DoctorStage.Configuration;
        var log = new EndpointLog();
        using var timer = new CancellationTokenSource(settings.Timeout, context.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var (configuration, sectionPath) = CliAccounts.Build(
                context.Environment, settings.Directory ?? context.WorkingDirectory, settings.EnvironmentName, settings.Overrides,
                settings.Account, settings.Source);
            redactor.AddFrom(configuration);
            if (settings.Account is not null)
            {
                report.Account = sectionPath[(CliAccounts.AccountsSection.Length + 1)..]; // as the configuration spells it
            }

            var section = configuration.GetSection(sectionPath);
            report.Source = string.IsNullOrWhiteSpace(section["Source"]) ? SecureCloudinaryOptions.DefaultSource : section["Source"]!.Trim();

            var problems = ConfigurationChecks.Find(configuration, sectionPath, report.Source);
            if (problems.Count > 0)
            {
                Fail(report, stage, ExitCodes.ConfigurationError, FormatProblems(problems));
                return report;
            }

            var fileEndpoints = EndpointTrust.FindUntrusted(configuration, sectionPath, report.Source, ping: !settings.NoPing);
            var trustStore = TrustedConfigStore.ForUser(context.Environment);
            if (settings.TrustConfig)
            {
                trustStore.Trust(fileEndpoints.Select(e => e.File));
            }
            else if (fileEndpoints.Where(e => !trustStore.IsTrusted(e.File)).ToList() is { Count: > 0 } untrusted)
            {
                Fail(report, stage, ExitCodes.ConfigurationError, EndpointTrust.Describe(untrusted));
                return report;
            }

            await using var services = BuildServices(context, configuration, section, log);
            services.GetService<IStartupValidator>()?.Validate();
            var provider = services.GetRequiredService<ICloudinaryCredentialProvider>();
            report.Source = provider.SourceName;

            stage = DoctorStage.Source;
            log.Purpose = provider.SourceName;
            var snapshot = await provider.GetSnapshotAsync(timeout.Token).ConfigureAwait(false);
            redactor.Add(snapshot.Credentials);
            report.SetCredentials(snapshot);
            if (section["ApiBaseAddress"] is null or "" && UploadPrefixProblem(snapshot.Credentials, sectionPath) is { } prefixProblem)
            {
                Fail(report, DoctorStage.Configuration, ExitCodes.ConfigurationError, prefixProblem);
                return report;
            }

            if (settings.NoPing)
            {
                return report;
            }

            stage = DoctorStage.Ping;
            log.Purpose = DoctorReportWriter.CloudinaryApiPurpose;
            var client = services.GetRequiredService<CloudinaryClient>();
            await client.PingAsync(timeout.Token).ConfigureAwait(false);
            report.Ping = PingStatus.Ok;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Fail(report, stage, ExitCodeFor(stage), $"Timed out after {settings.Timeout.TotalSeconds:0} s while {Describe(stage)}.");
        }
        catch (ConfigurationLoadException ex)
        {
            Fail(report, stage, ExitCodes.ConfigurationError, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            Fail(report, stage, ExitCodes.ConfigurationError, FormatProblems(ex.Failures.ToList()));
        }
        catch (CloudinaryCredentialException ex)
        {
            Fail(report, stage, ExitCodes.SourceFailed, $"Credential source failed ({ex.Reason}): {ex.Message}");
        }
        catch (CloudinaryApiException ex)
        {
            Fail(report, stage, ExitCodes.CloudinaryFailed, DescribeApiError(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(report, stage, ExitCodeFor(stage), DescribeUnexpected(ex));
        }
        finally
        {
            report.Endpoints = log.Entries();
        }

        return report;
    }

    /// <summary>One problem: "Invalid configuration: X". Several: one per line, never joined with ".; ".</summary>
    private static string FormatProblems(IReadOnlyList<string> problems)
    {
        var distinct = problems.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1
            ? "Invalid configuration: " + distinct[0]
            : $"Invalid configuration ({distinct.Count} problems):\n" + string.Join('\n', distinct.Select(p => "- " + p));
    }

    /// <summary>
    /// The credentials' <c>upload_prefix</c> chooses the API host when <c>Cloudinary:ApiBaseAddress</c> is unset; a
    /// plain-http one is a configuration error even when the ping is skipped.
    /// </summary>
    private static string? UploadPrefixProblem(CloudinaryCredentials credentials, string sectionPath) =>
        credentials.Settings.UploadPrefix is { } prefix && !IsHttpsOrLoopback(prefix)
            ? $"The upload_prefix of the Cloudinary credentials (in CLOUDINARY_URL, {sectionPath}:Url or the stored secret) "
              + "must be an https:// address without a user name or password; plain http:// is allowed only for loopback hosts "
              + $"(localhost, 127.0.0.0/8, ::1). Fix the URL, or set {sectionPath}:ApiBaseAddress."
            : null;

    private static bool IsHttpsOrLoopback(Uri uri) =>
        uri.IsAbsoluteUri && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private static ServiceProvider BuildServices(CliContext context, IConfiguration configuration, IConfigurationSection section, EndpointLog log)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();

        // Sources that read environment variables read the same ones as the configuration (the context's).
        string? Read(string name) => context.Environment.TryGetValue(name, out var value) ? value : null;
        services.AddSingleton(new VaultEnvironment(Read));
        services.AddSecureCloudinary(section)
            .AddCredentialBackends()
            .AddCredentialSource(EnvironmentCredentialSource.SourceName, _ => new EnvironmentCredentialSource(Read));

        // Every HTTP client records the hosts it sends to, so the report can say which hosts were contacted.
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new EndpointRecordingHandler(log)));
        context.ConfigureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static void Fail(DoctorReport report, DoctorStage stage, int exitCode, string message)
    {
        if (stage == DoctorStage.Ping)
        {
            report.Ping = PingStatus.Failed;
        }

        report.Fail(exitCode, message);
    }

    private static int ExitCodeFor(DoctorStage stage) => stage switch
    {
        DoctorStage.Configuration => ExitCodes.ConfigurationError,
        DoctorStage.Source => ExitCodes.SourceFailed,
        _ => ExitCodes.CloudinaryFailed,
    };

    private static string Describe(DoctorStage stage) => stage switch
    {
        DoctorStage.Configuration => "reading configuration",
        DoctorStage.Source => "asking the credential source",
        _ => "pinging Cloudinary",
    };

    private static string DescribeApiError(CloudinaryApiException ex)
    {
        if (ex.StatusCode is null)
        {
            return ex.Message; // the client's transport messages say what failed and where (host only)
        }

        var status = (int)ex.StatusCode.Value;
        return ex.IsAuthenticationFailure || status == 403
            ? $"Cloudinary rejected the credentials (HTTP {status}): {ex.Message}"
            : $"Cloudinary answered HTTP {status}: {ex.Message}";
    }

    private static string DescribeUnexpected(Exception ex)
    {
        // The configuration binder quotes the offending value; say where it is instead.
        var match = BinderError().Match(ex.Message);
        return match.Success
            ? $"Invalid configuration: the setting '{match.Groups["path"].Value}' is not a valid {match.Groups["type"].Value}."
            : $"{ex.GetType().Name}: {ex.Message}";
    }

    [GeneratedRegex(@"^Failed to convert configuration value .* at '(?<path>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BinderError();
}
