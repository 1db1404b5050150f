namespace SecureCloudinary.Vault.Tests;

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vault-test-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Write(string content) => File.WriteAllText(Path, content);

    public void Dispose() => File.Delete(Path);
}
