using System.Text;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Issue 11 item 4: files with a UTF-16 or UTF-32 byte-order mark are decoded, not skipped as binary.</summary>
public sealed class EncodingTests
{
    private const string Secret = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";

    public static TheoryData<string> Encodings => ["utf-16le", "utf-16be", "utf-32le", "utf-32be", "utf-8"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Scan_EnvFileWithByteOrderMark_IsDecoded(string encodingName)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, ".env"), Content(), Encoding(encodingName));

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal([".env:3:16: CLD001 CloudinaryUrlWithSecret [high] cloudinary://***6464:Tq****g3@demo"], ScanCommandTests.FindingLines(result.Output));
        ScanCli.AssertNoSecret(result.AllText, Secret);
    }

    [Fact]
    public async Task Staged_Utf16File_IsDecoded()
    {
        using var repo = new TempGitRepo();
        File.WriteAllText(Path.Combine(repo.Path, "settings.env"), Content(), Encoding("utf-16le"));
        repo.Git("add", "settings.env");

        var result = await ScanCli.RunAsync(repo.Path, "--staged");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal(["settings.env:3:16: CLD001 CloudinaryUrlWithSecret [high] cloudinary://***6464:Tq****g3@demo"], ScanCommandTests.FindingLines(result.Output));
    }

    [Fact]
    public async Task Scan_Utf16WithoutByteOrderMark_IsStillBinary()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "data.bin"), Content(), new UnicodeEncoding(bigEndian: false, byteOrderMark: false));

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("skipped 1 binary", result.Output, StringComparison.Ordinal);
    }

    // As PowerShell 5's Out-File / Set-Content -Encoding Unicode writes it: CRLF line ends.
    private static string Content() => $"# written by PowerShell 5\r\nAPP_ENV=production\r\nCLOUDINARY_URL=cloudinary://614335564976464:{Secret}@demo\r\n";

    private static Encoding Encoding(string name) => name switch
    {
        "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        "utf-32le" => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        "utf-32be" => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
    };
}
