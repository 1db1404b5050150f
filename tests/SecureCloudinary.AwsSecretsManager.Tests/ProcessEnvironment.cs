namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Tests that must set real process environment variables (AWSSDK.Core reads them itself) run alone.</summary>
[CollectionDefinition(nameof(SerialProcessEnvironment), DisableParallelization = true)]
public sealed class SerialProcessEnvironment;

/// <summary>Sets process environment variables and restores the previous values on dispose.</summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private readonly List<(string Name, string? Previous)> _previous = [];

    public ProcessEnvironment(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, previous) in _previous)
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
