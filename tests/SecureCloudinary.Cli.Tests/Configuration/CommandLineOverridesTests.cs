using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Tests.Configuration;

public sealed class CommandLineOverridesTests
{
    [Fact]
    public void Parse_EqualsAndSpaceAndSlashForms_ReturnsPairsInOrder()
    {
        var result = CommandLineOverrides.Parse(
            ["--Cloudinary:Source=Configuration", "--Cloudinary:Url", "cloudinary://k:s@c", "/Cloudinary:ChunkSize=5000000", "--Cloudinary:Source=Environment"]);

        Assert.Equal(
            [
                new("Cloudinary:Source", "Configuration"),
                new("Cloudinary:Url", "cloudinary://k:s@c"),
                new("Cloudinary:ChunkSize", "5000000"),
                new KeyValuePair<string, string?>("Cloudinary:Source", "Environment"),
            ],
            result);
    }

    [Fact]
    public void Parse_ValueContainingEquals_KeepsEverythingAfterFirstEquals()
    {
        var result = CommandLineOverrides.Parse(["--Cloudinary:Url=cloudinary://k:a=b@c"]);

        Assert.Equal("cloudinary://k:a=b@c", Assert.Single(result).Value);
    }

    [Fact]
    public void Parse_Empty_ReturnsEmpty() => Assert.Empty(CommandLineOverrides.Parse([]));

    [Fact]
    public void Parse_MistypedOption_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ConfigurationLoadException>(() => CommandLineOverrides.Parse(["--jsn"]));

        Assert.Contains("'--jsn'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MistypedOptionWithValue_DoesNotShowTheValue()
    {
        var ex = Assert.Throws<ConfigurationLoadException>(() => CommandLineOverrides.Parse(["--secret=SENTINEL-VALUE"]));

        Assert.Contains("'--secret'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PositionalValue_ThrowsWithoutShowingIt()
    {
        var ex = Assert.Throws<ConfigurationLoadException>(() => CommandLineOverrides.Parse(["cloudinary://k:SENTINEL@c"]));

        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverrideWithoutValue_Throws()
    {
        var ex = Assert.Throws<ConfigurationLoadException>(() => CommandLineOverrides.Parse(["--Cloudinary:Source"]));

        Assert.Contains("no value", ex.Message, StringComparison.Ordinal);
    }
}
