namespace SecureCloudinary.Testing.Internal;

/// <summary>The fields and file of a form request. Repeated fields (and <c>key[]</c> arrays) are joined with ','.</summary>
internal sealed class ReceivedForm : IDisposable
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public ReceivedFile? File { get; set; }

    public string? Get(string name) => _fields.GetValueOrDefault(name);

    public void Add(string name, string value)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        _fields[name] = _fields.TryGetValue(name, out var existing) ? existing + "," + value : value;
    }

    public void Dispose() => File?.Dispose();
}
