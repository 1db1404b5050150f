using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Cli.Rotate;

namespace SecureCloudinary.Cli.Usage;

/// <summary>
/// Runs <c>usage</c>: reads the credentials as <c>doctor</c> does, then the Admin API's daily usage
/// (<c>GET /v1_1/{cloud}/usage/{dd-mm-yyyy}</c>) for the last N days, and flags days far above the trailing median.
/// </summary>
internal static class UsageRunner
{
    /// <summary>The exit code when a day is flagged (for cron).</summary>
    public const int FlaggedExitCode = 5;

    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<UsageReport> RunAsync(CliContext context, RotateSettings settings, int days, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var report = new UsageReport();
        RotationEnvironment env;
        try
        {
            env = RotationEnvironment.Create(context, settings, redactor);
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or OptionsValidationException or InvalidOperationException)
        {
            report.Fail(ExitCodes.ConfigurationError, ex.Message);
            return report;
        }

        await using (env.ConfigureAwait(false))
        {
            CloudinaryCredentials credentials;
            try
            {
                credentials = (await env.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Credentials;
            }
            catch (CloudinaryCredentialException ex)
            {
                report.Fail(ExitCodes.SourceFailed, $"Credential source failed ({ex.Reason}): {ex.Message}");
                return report;
            }

            redactor.Add(credentials);
            report.CloudName = credentials.CloudName;
            var baseAddress = env.Options.ApiBaseAddress ?? credentials.Settings.UploadPrefix ?? new Uri("https://api.cloudinary.com");
            if (baseAddress.Scheme != Uri.UriSchemeHttps && !baseAddress.IsLoopback)
            {
                report.Fail(ExitCodes.ConfigurationError, $"{env.SectionPath}:ApiBaseAddress must use https:// (http:// only for loopback hosts).");
                return report;
            }

            var http = env.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CloudinaryClient.HttpClientName);
            var today = DateOnly.FromDateTime(context.TimeProvider.GetUtcNow().UtcDateTime);
            for (var date = today.AddDays(-days); date < today; date = date.AddDays(1))
            {
                var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1_1/" + Uri.EscapeDataString(credentials.CloudName)
                    + "/usage/" + date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture));
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ApiKey + ":" + credentials.ApiSecret)));
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        report.Fail(ExitCodes.CloudinaryFailed, $"Cloudinary answered HTTP {(int)response.StatusCode} for the usage of {date:yyyy-MM-dd}.");
                        return report;
                    }

                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    var buffer = new byte[MaxBodyBytes + 1];
                    var length = 0;
                    int read;
                    while (length <= MaxBodyBytes && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                    }

                    if (length > MaxBodyBytes)
                    {
                        report.Fail(ExitCodes.CloudinaryFailed, $"Cloudinary's usage answer for {date:yyyy-MM-dd} exceeded {MaxBodyBytes} bytes.");
                        return report;
                    }

                    report.Days.Add(Parse(date, buffer.AsSpan(0, length)));
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException)
                {
                    report.Fail(ExitCodes.CloudinaryFailed, $"Could not read the usage of {date:yyyy-MM-dd} ({ex.GetType().Name}).");
                    return report;
                }
            }
        }

        Flag(report.Days);
        report.Complete();
        return report;
    }

    /// <summary>
    /// Flags a day whose requests exceed three times the median of the up to 7 days before it (at least 3 days of
    /// history) and that median by at least 100.
    /// </summary>
    public static void Flag(IReadOnlyList<UsageDay> days)
    {
        for (var i = 3; i < days.Count; i++)
        {
            var window = days.Skip(Math.Max(0, i - 7)).Take(Math.Min(7, i)).Select(d => d.Requests).Order().ToArray();
            var median = window.Length % 2 == 1 ? window[window.Length / 2] : (window[(window.Length / 2) - 1] + window[window.Length / 2]) / 2;
            days[i].Flagged = days[i].Requests > 3 * median && days[i].Requests - median >= 100;
        }
    }

    private static UsageDay Parse(DateOnly date, ReadOnlySpan<byte> body)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        var root = json.RootElement;
        return new UsageDay(date, Number(root, "requests"), Usage(root, "bandwidth"), Usage(root, "transformations"), Usage(root, "storage"));
    }

    private static long Usage(JsonElement root, string name) =>
        root.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.Object ? Number(o, "usage") : 0;

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
}
