using System.Net;

namespace SecureCloudinary.Vault.Tests;

/// <summary>Sentinel values as every kind of Vault secret; no error path may show any of them.</summary>
public sealed class NoSecretLeakTests
{
    private const string Token = "hvs.SentinelToken0000aaaa";
    private const string SecretId = "Sentinel-SecretId-1111bbbb";
    private const string Password = "Sentinel-Password-2222cccc";
    private const string Jwt = "Sentinel-Jwt-3333dddd";
    private const string ApiSecret = "Sentinel-ApiSecret-4444eeee";
    private static readonly string[] Sentinels = [Token, SecretId, Password, Jwt, ApiSecret];

    public static TheoryData<string> Scenarios =>
    [
        "approle-rejected", "wrapped-rejected", "userpass-rejected", "jwt-rejected", "token-revoked",
        "read-denied", "not-found", "soft-deleted", "sealed", "faults", "malformed-secret", "success-then-rotated",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ErrorPath_NeverShowsASecret(string scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        var spec = VaultTestKit.Spec();
        kit.Emulator.WriteSecret("secret", VaultTestKit.Path, new Dictionary<string, string>
        {
            ["cloud_name"] = "c", ["api_key"] = "123456789012345", ["api_secret"] = ApiSecret,
        });
        kit.Emulator.AddAppRole("role", "another-secret-id", spec);
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = "role", SecretId = SecretId };
        using var jwtFile = new TempFile(Jwt);
        switch (scenario)
        {
            case "wrapped-rejected":
                options.Auth.SecretId = Token;
                options.Auth.SecretIdIsWrapped = true;
                break;
            case "userpass-rejected":
                kit.Emulator.AddUser("u", "other", spec);
                options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.UserPass, Username = "u", Password = Password };
                break;
            case "jwt-rejected":
                kit.Emulator.AddJwtRole("ci", "other", spec);
                options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Jwt, Role = "ci", JwtFile = jwtFile.Path };
                break;
            case "token-revoked":
                options.Auth = new VaultAuthOptions { Token = Token };
                break;
            case "approle-rejected":
                break;
            default:
                kit.Emulator.AddSecretId("role", SecretId);
                break;
        }

        switch (scenario)
        {
            case "read-denied":
                kit.Emulator.SetPolicy(VaultTestKit.Policy);
                break;
            case "not-found":
                kit.Emulator.DeleteSecret("secret", VaultTestKit.Path);
                break;
            case "soft-deleted":
                kit.Emulator.SoftDeleteVersion("secret", VaultTestKit.Path);
                break;
            case "sealed":
                kit.Emulator.Seal();
                break;
            case "faults":
                kit.Emulator.FailNextRequests(20, HttpStatusCode.BadGateway);
                break;
            case "malformed-secret":
                kit.Emulator.WriteSecret("secret", VaultTestKit.Path, new Dictionary<string, string> { ["url"] = "cloudinary://" + ApiSecret });
                break;
        }

        var source = kit.Source(options);
        var outputs = new List<string> { source.ToString()!, options.ToString(), options.Auth.ToString(), kit.Emulator.ToString() };
        try
        {
            var snapshot = await source.GetCredentialsAsync(ct);
            outputs.Add(snapshot.ToString());
            outputs.Add(snapshot.Credentials.ToString());
            Assert.Equal("success-then-rotated", scenario);
        }
        catch (CloudinaryCredentialException e)
        {
            Assert.NotEqual("success-then-rotated", scenario);
            outputs.Add(e.ToString());
        }

        outputs.AddRange(kit.Emulator.Requests.Select(r => r.ToString()));
        foreach (var record in kit.Logs.GetSnapshot())
        {
            outputs.Add(record.Message);
            outputs.Add(record.Exception?.ToString() ?? string.Empty);
            outputs.AddRange((record.StructuredState ?? []).Select(p => p.Value ?? string.Empty));
        }

        Assert.NotEmpty(kit.Logs.GetSnapshot());
        foreach (var output in outputs)
        {
            foreach (var sentinel in Sentinels)
            {
                Assert.DoesNotContain(sentinel, output, StringComparison.Ordinal);
            }
        }
    }
}
