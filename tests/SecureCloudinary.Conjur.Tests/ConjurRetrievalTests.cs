namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurRetrievalTests
{
    [Fact]
    public async Task GetCredentials_ThreeAwkwardIds_ReadsThemInOneEscapedBatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("prod/cloud name", "demo");
        kit.Set("prod/api+key", "123456789012345");
        kit.Set("prod/secret@eu&x%y é", "Batch-Secret_5e6f");
        using var source = kit.Source(o =>
        {
            o.Variable = null;
            o.Variables = new ConjurVariableIds { CloudName = "prod/cloud name", ApiKey = "prod/api+key", ApiSecret = "prod/secret@eu&x%y é" };
        });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(new CloudinaryCredentials("demo", "123456789012345", "Batch-Secret_5e6f"), snapshot.Credentials);
        var batch = Assert.Single(kit.Requests("/secrets"));
        Assert.Equal(
            "/secrets?variable_ids=myorg%3Avariable%3Aprod%2Fcloud%20name,myorg%3Avariable%3Aprod%2Fapi%2Bkey,"
            + "myorg%3Avariable%3Aprod%2Fsecret%40eu%26x%25y%20%C3%A9",
            batch.Target.Replace("myorg:variable:", "myorg%3Avariable%3A", StringComparison.Ordinal));
        Assert.True(batch.AcceptedBase64);
        Assert.Equal(200, batch.StatusCode);
    }

    [Fact]
    public async Task GetCredentials_OneVariable_UsesTheSingleEndpointWithTheIdAsOneSegment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        const string id = "apps/web/url with space+plus@x";
        kit.Set(id, "cloudinary://123456789012345:Single-Secret_1a2b@demo");
        using var source = kit.Source(o => o.Variable = id);

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal("demo", snapshot.Credentials.CloudName);
        var read = Assert.Single(kit.Requests("/secrets"));
        Assert.Equal("/secrets/myorg/variable/apps%2Fweb%2Furl%20with%20space%2Bplus%40x", read.Target);
    }

    [Fact]
    public async Task GetCredentials_IdWithComma_ReadsItSinglyAndTheRestInABatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("prod/cloud", "demo");
        kit.Set("prod/key", "123456789012345");
        kit.Set("prod/secret,with,commas", "Comma-Secret_7c8d");
        using var source = kit.Source(o =>
        {
            o.Variable = null;
            o.Variables = new ConjurVariableIds { CloudName = "prod/cloud", ApiKey = "prod/key", ApiSecret = "prod/secret,with,commas" };
        });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal("Comma-Secret_7c8d", snapshot.Credentials.ApiSecret);
        Assert.Single(kit.Requests("/secrets?variable_ids="));
        Assert.Single(kit.Requests("/secrets/myorg/variable/prod%2Fsecret%2Cwith%2Ccommas"));
    }

    [Fact]
    public async Task GetSecrets_ManyIds_SplitsTheBatchByUrlLength()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        var ids = Enumerable.Range(0, 30).Select(i => $"apps/web/some-long-variable-name-{i:D3}").ToArray();
        foreach (var id in ids)
        {
            kit.Set(id, "value-" + id);
        }

        using var source = kit.Source(o => o.MaxBatchUrlLength = 400);

        var values = await source.Client.GetSecretsAsync(ids, ct);

        Assert.Equal(ids.Length, values.Count);
        Assert.All(ids, id => Assert.Equal("value-" + id, System.Text.Encoding.UTF8.GetString(values[id])));
        var batches = kit.Requests("/secrets?variable_ids=").ToList();
        Assert.True(batches.Count >= 3, $"expected several batches, got {batches.Count}");
        Assert.All(batches, b => Assert.True(b.Target.Length <= 400));
    }

    [Fact]
    public async Task GetSecrets_UrlTooLongForTheServer_SplitsAfter414()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct, o => o.MaxRequestTargetLength = 200);
        var ids = Enumerable.Range(0, 4).Select(i => $"apps/web/a-fairly-long-variable-name-{i}").ToArray();
        foreach (var id in ids)
        {
            kit.Set(id, id.ToUpperInvariant());
        }

        using var source = kit.Source();

        var values = await source.Client.GetSecretsAsync(ids, ct);

        Assert.Equal(4, values.Count);
        Assert.Contains(kit.Emulator.Requests, r => r.StatusCode == 414);
    }

    [Fact]
    public async Task GetSecrets_BinaryAndLongValues_SurviveTheBase64Batch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        var binary = new byte[] { 0xff, 0xfe, 0x00, 0x80, 0x41 };
        var longValue = new string('x', 150);
        kit.Emulator.Permit(ConjurTestKit.Login, "bin");
        kit.Emulator.SetSecret("bin", binary);
        kit.Set("long", longValue);
        using var source = kit.Source();

        var values = await source.Client.GetSecretsAsync(["bin", "long"], ct);

        Assert.Equal(binary, values["bin"]);
        Assert.Equal(longValue, System.Text.Encoding.UTF8.GetString(values["long"]));
    }

    [Fact]
    public async Task GetCredentials_NewVariableVersion_IsPickedUpWithANewSnapshotVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, "cloudinary://111111111111111:First-Secret_aa@demo");
        using var source = kit.Source();
        var first = await source.GetCredentialsAsync(ct);

        Assert.Equal(2, kit.Emulator.SetSecret(ConjurTestKit.UrlVariable, "cloudinary://222222222222222:Second-Secret_bb@demo"));
        var second = await source.GetCredentialsAsync(ct);
        kit.Emulator.SetSecret(ConjurTestKit.UrlVariable, "cloudinary://222222222222222:Second-Secret_bb@demo");
        var third = await source.GetCredentialsAsync(ct);

        Assert.Equal("222222222222222", second.Credentials.ApiKey);
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(second.Version, third.Version);
        Assert.StartsWith("content-", second.Version, StringComparison.Ordinal);
        Assert.DoesNotContain("Second-Secret", second.Version!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_ApiBasePath_WorksUnderIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct, o => o.PathBase = "/api");
        kit.Set(ConjurTestKit.UrlVariable, "cloudinary://123456789012345:Api-Secret_cc@demo");
        using var source = kit.Source();

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal("demo", snapshot.Credentials.CloudName);
        Assert.All(kit.Emulator.Requests, r => Assert.StartsWith("/api/", r.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCredentials_CloudNameFromConfiguration_CompletesTwoVariables()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("k", "123456789012345");
        kit.Set("s", "Two-Secret_dd");
        using var source = kit.Source(o =>
        {
            o.Variable = null;
            o.CloudName = "from-config";
            o.Variables = new ConjurVariableIds { ApiKey = "k", ApiSecret = "s" };
        });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(new CloudinaryCredentials("from-config", "123456789012345", "Two-Secret_dd"), snapshot.Credentials);
        Assert.Single(kit.Requests("/secrets?variable_ids="));
    }

    [Fact]
    public async Task Emulator_VersionParameter_ReturnsThatVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("v", "one");
        kit.Set("v", "two");
        using var http = new HttpClient();
        using var auth = new HttpRequestMessage(HttpMethod.Post, new Uri(kit.Emulator.BaseAddress, "authn/myorg/host%2Fapps%2Fweb/authenticate"))
        {
            Content = new StringContent(kit.ApiKey),
        };
        using var authResponse = await http.SendAsync(auth, ct);
        var token = Convert.ToBase64String(await authResponse.Content.ReadAsByteArrayAsync(ct));

        async Task<(int, string)> GetAsync(string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kit.Emulator.BaseAddress, "secrets/myorg/variable/v" + query));
            request.Headers.TryAddWithoutValidation("Authorization", $"Token token=\"{token}\"");
            using var response = await http.SendAsync(request, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        Assert.Equal((200, "one"), await GetAsync("?version=1"));
        Assert.Equal((200, "two"), await GetAsync(string.Empty));
        Assert.Equal(404, (await GetAsync("?version=3")).Item1);
        Assert.Equal(422, (await GetAsync("?version=x")).Item1);
    }
}
