using System.Text.Json;
using SecureCloudinary.Cli.Doctor;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorReportWriterTests
{
    [Fact]
    public void ToJson_FullReport_HasExactlyTheDocumentedFields()
    {
        var report = new DoctorReport { Source = "Configuration", Ping = PingStatus.Ok };
        report.SetCredentials(new CredentialSnapshot(new CloudinaryCredentials("demo", "123456789012", "secret"), "v7"));

        using var json = JsonDocument.Parse(DoctorReportWriter.ToJson(report));

        Assert.Equal(
            ["source", "cloudName", "fingerprint", "apiKeyHint", "version", "ping", "error", "endpoints"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Configuration", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("demo", json.RootElement.GetProperty("cloudName").GetString());
        Assert.Equal(new CloudinaryCredentials("demo", "123456789012", "secret").Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal("9012", json.RootElement.GetProperty("apiKeyHint").GetString());
        Assert.Equal("v7", json.RootElement.GetProperty("version").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("ping").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public void ToJson_FailedReport_HasNullsAndError()
    {
        var report = new DoctorReport();
        report.Fail(ExitCodes.ConfigurationError, "Bad \"thing\"");

        Assert.Equal(
            """{"source":null,"cloudName":null,"fingerprint":null,"apiKeyHint":null,"version":null,"ping":"skipped","error":"Bad \"thing\"","endpoints":[]}""",
            DoctorReportWriter.ToJson(report));
    }

    [Fact]
    public void ToText_Ok_ShowsFieldsAndOkLine()
    {
        var report = new DoctorReport
        {
            Source = "Environment",
            Ping = PingStatus.Ok,
            Endpoints = [("https://api.cloudinary.com", DoctorReportWriter.CloudinaryApiPurpose)],
        };
        report.SetCredentials(new CredentialSnapshot(new CloudinaryCredentials("demo", "123456789012", "secret")));

        var text = DoctorReportWriter.ToText(report);

        Assert.Contains("Source:      Environment\n", text, StringComparison.Ordinal);
        Assert.Contains("Cloud name:  demo\n", text, StringComparison.Ordinal);
        Assert.Contains("API key:     ...9012\n", text, StringComparison.Ordinal);
        Assert.Contains("Version:     (none)\n", text, StringComparison.Ordinal);
        Assert.Contains("Contacted:   https://api.cloudinary.com (Cloudinary API)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("OK: credentials resolved and accepted by Cloudinary (api.cloudinary.com).\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.example.com", "OK: credentials resolved and accepted by api.example.com (not a Cloudinary host).")]
    [InlineData("http://127.0.0.1:8080", "OK: credentials resolved and accepted by the emulator or proxy at 127.0.0.1:8080 (a loopback address, not Cloudinary).")]
    [InlineData("http://api.cloudinary.com", "OK: credentials resolved and accepted by api.cloudinary.com (not a Cloudinary host).")]
    public void ToText_OkFromAnotherHost_NeverSaysCloudinary(string origin, string okLine)
    {
        var report = new DoctorReport { Source = "Environment", Ping = PingStatus.Ok, Endpoints = [(origin, DoctorReportWriter.CloudinaryApiPurpose)] };
        report.SetCredentials(new CredentialSnapshot(new CloudinaryCredentials("demo", "123456789012", "secret")));

        Assert.EndsWith(okLine + "\n", DoctorReportWriter.ToText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_Failure_HasNoOkLine()
    {
        var report = new DoctorReport { Source = "Vault" };
        report.Fail(ExitCodes.SourceFailed, "down");

        var text = DoctorReportWriter.ToText(report);

        Assert.DoesNotContain("OK", text, StringComparison.Ordinal);
        Assert.Contains("Ping:        skipped", text, StringComparison.Ordinal);
    }
}
