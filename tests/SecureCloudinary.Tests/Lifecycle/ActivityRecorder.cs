using System.Diagnostics;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>Records the SecureCloudinary activities started on this async flow (other tests' spans are ignored).</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private static readonly AsyncLocal<ActivityRecorder?> CurrentRecorder = new();
    private readonly ActivityListener _listener;
    private readonly List<Activity> _stopped = [];

    public ActivityRecorder()
    {
        CurrentRecorder.Value = this;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SecureCloudinary",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                CurrentRecorder.Value is not null ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (ReferenceEquals(CurrentRecorder.Value, this))
                {
                    lock (_stopped)
                    {
                        _stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped
    {
        get
        {
            lock (_stopped)
            {
                return [.. _stopped];
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        CurrentRecorder.Value = null;
    }
}
