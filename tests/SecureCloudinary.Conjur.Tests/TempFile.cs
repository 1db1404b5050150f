namespace SecureCloudinary.Conjur.Tests;

/// <summary>A file in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("conjur-tests-").FullName;

    public TempFile(string content)
    {
        Path = System.IO.Path.Combine(_directory, "file");
        Write(content);
    }

    public string Path { get; }

    public void Write(string content) => File.WriteAllText(Path, content);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
