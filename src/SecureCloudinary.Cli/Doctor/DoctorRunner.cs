using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// The credential pipeline of an app, run once: configuration → <c>AddSecureCloudinary</c> → the selected
/// source → <c>CloudinaryClient.PingAsync</c>. Every failure becomes a report field and an exit code.
/// </summary>
internal static partial class DoctorRunner
{
    /// <summary>The configuration section <c>AddSecureCloudinary</c> is bound to, as in an app's Program.cs.</summary>
    public const string SectionName = "Cloudinary";

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
        var report = new DoctorReport();
        var stage = DoctorStage.Configuration;
        using var timer = new CancellationTokenSource(settings.Timeout, context.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var configuration = CliConfiguration.Build(
                context.Environment, settings.Directory ?? context.WorkingDirectory, settings.EnvironmentName, settings.Overrides);
            redactor.AddFrom(configuration);
            var section = configuration.GetSection(SectionName);
            report.Source = string.IsNullOrWhiteSpace(section["Source"]) ? SecureCloudinaryOptions.DefaultSource : section["Source"];

            await using var services = BuildServices(context, configuration, section);
            services.GetService<IStartupValidator>()?.Validate();
            var provider = services.GetRequiredService<ICloudinaryCredentialProvider>();
            report.Source = provider.SourceName;

            stage = DoctorStage.Source;
            var snapshot = await provider.GetSnapshotAsync(timeout.Token).ConfigureAwait(false);
            redactor.Add(snapshot.Credentials);
            report.SetCredentials(snapshot);
            if (settings.NoPing)
            {
                return report;
            }

            stage = DoctorStage.Ping;
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
            Fail(report, stage, ExitCodes.ConfigurationError, "Invalid configuration: " + ex.Message);
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

        return report;
    }

    private static ServiceProvider BuildServices(CliContext context, IConfiguration configuration, IConfigurationSection section)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddSecureCloudinary(section).AddCredentialBackends();
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
