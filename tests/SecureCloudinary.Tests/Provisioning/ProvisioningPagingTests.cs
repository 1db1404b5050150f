using System.Net;
using SecureCloudinary.Provisioning;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.Provisioning;

/// <summary>
/// The access-key listing follows pages (<c>page_size</c>, <c>page</c>, <c>total</c>), so a product environment with
/// more keys than one answer holds is seen whole, and a server that always says there is more cannot keep it asking.
/// </summary>
public sealed class ProvisioningPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAccessKeys_MoreKeysThanOnePage_ReturnsEveryKeyOnce()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        var added = Enumerable.Range(0, 6).Select(_ => emulator.AddApiKey().ApiKey).ToList();
        emulator.ProvisioningPageSizeLimit = 2;
        using var http = new HttpClient();

        var keys = await Create(http, emulator).ListAccessKeysAsync(emulator.ProvisioningSubAccountId, Ct);

        Assert.Equal(7, keys.Count);
        Assert.Equal(7, keys.Select(k => k.ApiKey).Distinct().Count());
        Assert.All(added, a => Assert.Contains(keys, k => k.ApiKey == a));
        Assert.Contains(keys, k => k.ApiKey == emulator.Credentials.ApiKey);
        Assert.Equal(4, ListRequests(emulator)); // 4 pages of 2: the fourth holds the last key
    }

    [Fact]
    public async Task ListAccessKeys_HostileTotal_StopsWhenAPageBringsNothingNew()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        emulator.AddApiKey();
        emulator.AddApiKey();
        emulator.ProvisioningPageSizeLimit = 2;
        emulator.ProvisioningReportedTotal = int.MaxValue; // and past the end it repeats the last page
        using var http = new HttpClient();

        var keys = await Create(http, emulator).ListAccessKeysAsync(emulator.ProvisioningSubAccountId, Ct);

        Assert.Equal(3, keys.Count);
        Assert.Equal(3, ListRequests(emulator)); // page 3 repeats page 2: nothing new, stop
    }

    [Fact]
    public async Task ListAccessKeys_MoreThanTheMostPages_FailsAfterTheBoundInsteadOfAskingForEver()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        for (var i = 0; i < CloudinaryProvisioningClient.MaxAccessKeyPages + 5; i++)
        {
            emulator.AddApiKey();
        }

        emulator.ProvisioningPageSizeLimit = 1;
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => Create(http, emulator).ListAccessKeysAsync(emulator.ProvisioningSubAccountId, Ct));

        Assert.Contains($"{CloudinaryProvisioningClient.MaxAccessKeyPages} pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(CloudinaryProvisioningClient.MaxAccessKeyPages, ListRequests(emulator));
    }

    [Fact]
    public async Task ListAccessKeys_OnePage_MakesOneRequest()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        emulator.AddApiKey();
        using var http = new HttpClient();

        var keys = await Create(http, emulator).ListAccessKeysAsync(emulator.ProvisioningSubAccountId, Ct);

        Assert.Equal(2, keys.Count);
        Assert.Equal(1, ListRequests(emulator));
    }

    private static int ListRequests(CloudinaryEmulator emulator) =>
        emulator.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/access_keys", StringComparison.Ordinal) && r.StatusCode == (int)HttpStatusCode.OK);

    private static CloudinaryProvisioningClient Create(HttpClient http, CloudinaryEmulator emulator) =>
        new(http, CloudinaryAccountCredentials.Parse(emulator.ProvisioningAccountUrl), emulator.BaseAddress);
}
