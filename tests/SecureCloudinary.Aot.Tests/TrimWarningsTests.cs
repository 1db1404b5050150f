namespace SecureCloudinary.Aot.Tests;

/// <summary>The publish-output parser finds trim/AOT diagnostics and tells ours from other packages'.</summary>
public sealed class TrimWarningsTests
{
    private const string Output = """
          Determining projects to restore...
        /src/SecureCloudinary/Options.cs(12,5): warning IL2026: Using member 'X' which has 'RequiresUnreferencedCodeAttribute' [/w/samples/AotQuickStart/AotQuickStart.csproj]
        ILC : AOT analysis warning IL3050: SecureCloudinary.CloudinaryClient.Foo(): Using member 'Y' which has 'RequiresDynamicCodeAttribute' [/w/samples/AotQuickStart/AotQuickStart.csproj]
        /_/src/Other/Thing.cs(3,1): warning IL2104: Assembly 'Other.Library' produced trim warnings [/w/samples/AotQuickStart/AotQuickStart.csproj]
        /src/SecureCloudinary/Client.cs(1,1): warning CA2007: not a trim warning [/w/samples/AotQuickStart/AotQuickStart.csproj]
          AotQuickStart -> /tmp/publish/
        """;

    [Fact]
    public void Finds_every_IL2xxx_and_IL3xxx_diagnostic_and_nothing_else()
    {
        var all = TrimWarnings.All(Output);
        Assert.Equal(3, all.Count);
        Assert.All(all, line => Assert.Matches(@"IL[23]\d{3}", line));
    }

    [Fact]
    public void Ours_are_those_naming_SecureCloudinary_outside_the_project_suffix()
    {
        var ours = TrimWarnings.Ours(Output);
        Assert.Equal(2, ours.Count);
        Assert.Contains(ours, line => line.Contains("IL2026", StringComparison.Ordinal));
        Assert.Contains(ours, line => line.Contains("IL3050", StringComparison.Ordinal));
    }

    [Fact]
    public void An_output_without_diagnostics_has_none() =>
        Assert.Empty(TrimWarnings.All("  Restored /w/src/SecureCloudinary/SecureCloudinary.csproj (in 2 sec).\n"));
}
