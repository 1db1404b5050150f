using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace SecureCloudinary.Packaging.Tests;

/// <summary>What is inside the packed .nupkg and .snupkg files.</summary>
public sealed class PackageContentTests(PackedPackages packed)
{
    private static readonly string[] Libraries = PackedPackages.PackageIds.Where(id => id != "SecureCloudinary.Cli").ToArray();

    [Fact]
    public void Pack_SolutionFilter_ProducesExactlyTheSixPackagesWithSymbols()
    {
        packed.AssertPacked();

        var files = Directory.GetFiles(packed.PackageFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = PackedPackages.PackageIds
            .SelectMany(id => new[] { $"{id}.{packed.Version}.nupkg", $"{id}.{packed.Version}.snupkg" })
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, files);
    }

    [Fact]
    public void PackagesFilter_ComparedWithSrc_ListsEveryProject()
    {
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(packed.RepositoryRoot, "SecureCloudinary.Packages.slnf")));
        var listed = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var onDisk = Directory.GetFiles(Path.Combine(packed.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(packed.RepositoryRoot, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, listed);
        Assert.Equal(PackedPackages.PackageIds.Order(StringComparer.Ordinal), listed.Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Nupkg_Metadata_HasMitLicenseReadmeAndDescription(string id)
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath(id));
        var metadata = Nuspec(zip, id);

        Assert.Equal(id, Element(metadata, "id").Value);
        Assert.Equal(packed.Version, Element(metadata, "version").Value);
        var license = Element(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Element(metadata, "readme").Value);
        Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description").Value));

        var readme = ReadEntry(zip, "README.md");
        Assert.StartsWith($"# {id}\n", readme, StringComparison.Ordinal);
        foreach (var section in new[] { "## About", "## How to use", "## Main types", "## Related packages" })
        {
            Assert.Contains("\n" + section + "\n", readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(LibraryIds))]
    public void Nupkg_Library_ContainsAssemblyAndXmlDocs(string id)
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath(id));

        Assert.NotNull(zip.GetEntry($"lib/net10.0/{id}.dll"));
        var docs = XDocument.Parse(ReadEntry(zip, $"lib/net10.0/{id}.xml"));
        Assert.Equal(id, docs.Root?.Element("assembly")?.Element("name")?.Value);
        Assert.NotEmpty(docs.Root?.Element("members")?.Elements("member") ?? []);
    }

    [Theory]
    [InlineData("SecureCloudinary")]
    [InlineData("SecureCloudinary.AwsSecretsManager")]
    [InlineData("SecureCloudinary.Vault")]
    [InlineData("SecureCloudinary.Conjur")]
    public void Nupkg_Library_ShipsItsConfigurationSchemaAsAnAppSettingsSegment(string id)
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath(id));

        using var schema = System.Text.Json.JsonDocument.Parse(ReadEntry(zip, "ConfigurationSchema.json"));
        Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty("Cloudinary", out _));
        var targets = XDocument.Parse(ReadEntry(zip, $"buildTransitive/{id}.targets"));
        var segment = Assert.Single(targets.Descendants(targets.Root!.Name.Namespace + "JsonSchemaSegment"));
        Assert.Equal("$(MSBuildThisFileDirectory)../ConfigurationSchema.json", segment.Attribute("Include")?.Value);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Snupkg_Exists_WithPortablePdb(string id)
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.SnupkgPath(id));
        var folder = id == "SecureCloudinary.Cli" ? "tools/net10.0/any" : "lib/net10.0";

        var pdb = zip.GetEntry($"{folder}/{id}.pdb");
        Assert.NotNull(pdb);
        using var stream = pdb.Open();
        var signature = new byte[4];
        stream.ReadExactly(signature);
        Assert.Equal("BSJB"u8.ToArray(), signature); // portable PDB metadata signature
    }

    [Fact]
    public void Nupkg_Cli_IsADotnetToolNamedSecureCloudinaryWithNoDependencies()
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath("SecureCloudinary.Cli"));
        var metadata = Nuspec(zip, "SecureCloudinary.Cli");

        Assert.Equal("DotnetTool", metadata.Descendants(metadata.Name.Namespace + "packageType").Single().Attribute("name")?.Value);
        Assert.Empty(metadata.Descendants(metadata.Name.Namespace + "dependency"));
        var settings = XDocument.Parse(ReadEntry(zip, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("secure-cloudinary", command.Attribute("Name")?.Value);
        Assert.Equal("SecureCloudinary.Cli.dll", command.Attribute("EntryPoint")?.Value);
        Assert.NotNull(zip.GetEntry("tools/net10.0/any/SecureCloudinary.Cli.xml"));
    }

    [Theory]
    [InlineData("SecureCloudinary.AwsSecretsManager")]
    [InlineData("SecureCloudinary.Vault")]
    [InlineData("SecureCloudinary.Conjur")]
    [InlineData("SecureCloudinary.Testing")]
    public void Nupkg_DependsOnCore_AtExactlyTheSameVersion(string id)
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath(id));
        var metadata = Nuspec(zip, id);

        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").ToList();
        var core = Assert.Single(dependencies, d => d.Attribute("id")?.Value == "SecureCloudinary");
        Assert.Equal($"[{packed.Version}]", core.Attribute("version")?.Value);
        Assert.DoesNotContain(dependencies, d => d.Attribute("id")?.Value is "MinVer" or "Microsoft.CodeAnalysis.PublicApiAnalyzers");
    }

    [Fact]
    public void Nupkg_Core_DependsOnMicrosoftExtensionsOnlyWithMinimumVersions()
    {
        packed.AssertPacked();
        using var zip = ZipFile.OpenRead(packed.NupkgPath("SecureCloudinary"));
        var metadata = Nuspec(zip, "SecureCloudinary");

        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").ToList();
        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, d =>
        {
            Assert.StartsWith("Microsoft.Extensions.", d.Attribute("id")?.Value, StringComparison.Ordinal);
            Assert.Matches(@"^\d+\.\d+\.\d+$", d.Attribute("version")?.Value);
        });
    }

    public static TheoryData<string> AllIds() => new(PackedPackages.PackageIds);

    public static TheoryData<string> LibraryIds() => new(Libraries);

    private static XElement Nuspec(ZipArchive zip, string id)
    {
        var nuspec = XDocument.Parse(ReadEntry(zip, id + ".nuspec"));
        return nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Element(metadata.Name.Namespace + name) ?? throw new InvalidOperationException($"<{name}> missing from the nuspec");

    private static string ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException(name + " missing from the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
