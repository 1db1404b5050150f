namespace SecureCloudinary.Tests.DependencyInjection;

/// <summary>A source that returns fixed credentials (or throws) and counts its calls.</summary>
internal sealed class CountingCredentialSource : ICloudinaryCredentialSource
{
    private readonly Func<CredentialSnapshot> _load;
    private int _calls;

    public CountingCredentialSource(string name, Func<CredentialSnapshot> load)
    {
        Name = name;
        _load = load;
    }

    public string Name { get; }

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(_load());
    }
}
