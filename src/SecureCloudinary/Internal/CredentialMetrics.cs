using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecureCloudinary.Internal;

/// <summary>The credential cache's instruments on the <c>SecureCloudinary</c> meter (from <see cref="IMeterFactory"/> when given).</summary>
internal sealed class CredentialMetrics : IDisposable
{
    private readonly Meter? _owned;
    private readonly KeyValuePair<string, object?>[] _tags;

    public CredentialMetrics(
        IMeterFactory? meterFactory, string sourceName, Func<double?> ageSeconds, Func<string?> fingerprintInUse, string? account = null)
    {
        Meter meter;
        if (meterFactory is null)
        {
            _owned = new Meter(SecureCloudinaryTelemetry.Name);
            meter = _owned;
        }
        else
        {
            meter = meterFactory.Create(SecureCloudinaryTelemetry.Name);
        }

        KeyValuePair<string, object?> sourceTag = new(SecureCloudinaryTelemetry.SourceTag, sourceName);
        _tags = string.IsNullOrEmpty(account)
            ? [sourceTag]
            : [sourceTag, new(SecureCloudinaryTelemetry.AccountTag, account)];
        Refreshes = meter.CreateCounter<long>(
            SecureCloudinaryTelemetry.RefreshesInstrument, "{refresh}", "Credential reads from the source, by outcome (success, rotated, failed).");
        Duration = meter.CreateHistogram<double>(
            SecureCloudinaryTelemetry.RefreshDurationInstrument, "s", "How long reading the credentials from the source took.");
        ForcedRefreshes = meter.CreateCounter<long>(
            SecureCloudinaryTelemetry.ForcedRefreshesInstrument, "{refresh}", "Refreshes forced because Cloudinary rejected the credentials (HTTP 401).");
        meter.CreateObservableGauge(
            SecureCloudinaryTelemetry.AgeInstrument,
            () => ageSeconds() is { } age ? [new Measurement<double>(age, _tags)] : Array.Empty<Measurement<double>>(),
            "s",
            "Time since the credentials in use were last read successfully from the source.");
        meter.CreateObservableGauge(
            SecureCloudinaryTelemetry.InUseInstrument,
            () => fingerprintInUse() is { } fingerprint
                ? [new Measurement<int>(1, [.. _tags, new(SecureCloudinaryTelemetry.FingerprintTag, fingerprint)])]
                : Array.Empty<Measurement<int>>(),
            "{key}",
            "1 for the key fingerprint this instance uses now (attribute key.fingerprint), so a dashboard shows who is still on an old key.");
    }

    private Counter<long> Refreshes { get; }

    private Histogram<double> Duration { get; }

    private Counter<long> ForcedRefreshes { get; }

    public void RecordRefresh(string outcome, TimeSpan duration)
    {
        var tags = new TagList(_tags) { { SecureCloudinaryTelemetry.OutcomeTag, outcome } };
        Refreshes.Add(1, tags);
        Duration.Record(duration.TotalSeconds, tags);
    }

    public void RecordForcedRefresh() => ForcedRefreshes.Add(1, _tags);

    public void Dispose() => _owned?.Dispose();
}
