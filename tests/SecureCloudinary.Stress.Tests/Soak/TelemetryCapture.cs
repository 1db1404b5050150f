using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>Collects the text of every SecureCloudinary metric tag and every span's name, status, tags and events.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private const string Name = "SecureCloudinary";
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentDictionary<string, byte> _metricTexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _traceTexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private long _measurements;
    private long _spans;

    public TelemetryCapture()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument, (long)value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public long Measurements => Interlocked.Read(ref _measurements);

    public long Spans => Interlocked.Read(ref _spans);

    public IEnumerable<string> MetricTexts => _metricTexts.Keys;

    public IEnumerable<string> TraceTexts => _traceTexts.Keys;

    /// <summary>The sum of a counter's measurements (all tags).</summary>
    public long Sum(string instrument) => _counters.GetValueOrDefault(instrument);

    public void RecordObservables() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurements);
        if (instrument is Counter<long>)
        {
            _counters.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
        }

        foreach (var tag in tags)
        {
            _metricTexts.TryAdd($"{instrument.Name} {tag.Key}={Convert.ToString(tag.Value, CultureInfo.InvariantCulture)}", 0);
        }
    }

    private void OnStopped(Activity activity)
    {
        Interlocked.Increment(ref _spans);
        _traceTexts.TryAdd($"{activity.OperationName} {activity.DisplayName} {activity.Status} {activity.StatusDescription}", 0);
        foreach (var tag in activity.TagObjects)
        {
            _traceTexts.TryAdd($"{tag.Key}={Convert.ToString(tag.Value, CultureInfo.InvariantCulture)}", 0);
        }

        foreach (var e in activity.Events)
        {
            _traceTexts.TryAdd(e.Name, 0);
            foreach (var tag in e.Tags)
            {
                _traceTexts.TryAdd($"{e.Name} {tag.Key}={Convert.ToString(tag.Value, CultureInfo.InvariantCulture)}", 0);
            }
        }

        foreach (var item in activity.Baggage)
        {
            _traceTexts.TryAdd($"{item.Key}={item.Value}", 0);
        }
    }
}
