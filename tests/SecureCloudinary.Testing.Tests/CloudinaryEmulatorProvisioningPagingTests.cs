using System.Net;
using System.Text.Json;
using SecureCloudinary.Provisioning;

namespace SecureCloudinary.Testing.Tests;

/// <summary>The Provisioning API's access-key listing pages: a page size limit, and a hostile total that never ends.</summary>
public sealed class CloudinaryEmulatorProvisioningPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAccessKeys_PageSizeLimit_AnswersPagesOfThatSizeWithTheTrueTotal()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        emulator.AddApiKey();
        emulator.AddApiKey();
        emulator.ProvisioningPageSizeLimit = 2;
        using var http = new EmulatorHttp(emulator);

        var unpaged = await ListAsync(http, emulator, string.Empty);
        var second = await ListAsync(http, emulator, "?page_size=100&page=2");
        var third = await ListAsync(http, emulator, "?page_size=100&page=3");

        Assert.Equal((2, 3), unpaged);
        Assert.Equal((1, 3), second);
        Assert.Equal((0, 3), third);
    }

    [Fact]
    public async Task ListAccessKeys_ReportedTotal_ClaimsMoreAndRepeatsTheLastPagePastTheEnd()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        emulator.AddApiKey();
        emulator.ProvisioningPageSizeLimit = 1;
        emulator.ProvisioningReportedTotal = 1_000_000;
        using var http = new EmulatorHttp(emulator);

        var far = await ListAsync(http, emulator, "?page=50");

        Assert.Equal((1, 1_000_000), far);
    }

    private static async Task<(int Keys, int Total)> ListAsync(EmulatorHttp http, CloudinaryEmulator emulator, string query)
    {
        var account = CloudinaryAccountCredentials.Parse(emulator.ProvisioningAccountUrl);
        var reply = await http.GetWithBasicAsync(
            $"v1_1/provisioning/accounts/{account.AccountId}/sub_accounts/{emulator.ProvisioningSubAccountId}/access_keys{query}",
            account.ProvisioningKey, account.ProvisioningSecret);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        using var json = JsonDocument.Parse(reply.Body);
        return (json.RootElement.GetProperty("access_keys").GetArrayLength(), json.RootElement.GetProperty("total").GetInt32());
    }
}
