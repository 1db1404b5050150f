namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>
/// One file of the detection corpus. In <see cref="Content"/>, <c>{S}</c> stands for a random-looking secret and
/// <c>{K}</c> for an API key; a positive sample's expected lines are the lines that contain <c>{S}</c>.
/// </summary>
public sealed record CorpusSample(string Name, string FileName, string Content, bool Positive)
{
    public string Render(string secret, string apiKey) =>
        Content.Replace("{S}", secret, StringComparison.Ordinal).Replace("{K}", apiKey, StringComparison.Ordinal);

    public IReadOnlySet<int> ExpectedLines()
    {
        var lines = Content.Split('\n');
        var expected = new HashSet<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Positive && lines[i].Contains("{S}", StringComparison.Ordinal))
            {
                expected.Add(i + 1);
            }
        }

        return expected;
    }

    public override string ToString() => Name;
}
