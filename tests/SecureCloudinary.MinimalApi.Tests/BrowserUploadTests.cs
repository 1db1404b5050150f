using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SecureCloudinary.MinimalApi.Tests;

/// <summary>
/// Drives the sample's page in Debian's headless Chromium through Playwright: choose a PNG, upload it straight to
/// the emulator with the server's signature, and see it load through its signed delivery URL.
/// </summary>
public sealed class BrowserUploadTests
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task UploadPage_ChosenPng_UploadsDirectlyAndShowsSignedImage()
    {
        var png = TestPng.Create(5, 3, 200, 30, 90);
        await WithPageAsync(async (server, page, consoleErrors) =>
        {
            // Before any upload the page shows no image (not even a broken-image box).
            Assert.False(await page.Locator("#result").IsVisibleAsync(), "The result image is visible before any upload.");

            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "pixel.png", MimeType = "image/png", Buffer = png });
            await page.Locator("#upload").ClickAsync();
            try
            {
                await page.WaitForFunctionAsync(
                    "() => { const i = document.getElementById('result'); return i.complete && i.naturalWidth > 0; }");
            }
            catch (TimeoutException)
            {
                var status = await page.Locator("#status").TextContentAsync(new() { Timeout = 2_000 });
                Assert.Fail($"The image did not load. Page status: '{status}'. Console errors: {string.Join(" | ", consoleErrors)}");
            }

            var naturalSize = await page.EvalOnSelectorAsync<int[]>("#result", "i => [i.naturalWidth, i.naturalHeight]");
            var source = await page.GetAttributeAsync("#result", "src");
            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("^Uploaded samples/"));

            Assert.True(await page.Locator("#result").IsVisibleAsync(), "The uploaded image is not visible.");
            Assert.Equal([5, 3], naturalSize);
            Assert.Empty(consoleErrors);
            Assert.Matches(
                $"^{Regex.Escape(server.Emulator.BaseAddress.AbsoluteUri)}emulated/image/upload/s--[A-Za-z0-9_-]{{8}}--/v1/samples/[a-z0-9]+\\.png$",
                source);

            // The emulator verified the browser's signed upload (it answers 401 otherwise) and stored exactly our PNG.
            var asset = Assert.Single(server.Emulator.Assets);
            Assert.StartsWith("samples/", asset.PublicId, StringComparison.Ordinal);
            Assert.Equal("browser-upload", asset.Parameters["tags"]);
            Assert.Equal("samples", asset.Parameters["folder"]);
            Assert.Equal(server.Emulator.Credentials.ApiKey, asset.UploadedWithApiKey);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), asset.Sha256);
            Assert.Equal("pixel", asset.OriginalFilename);
            var requests = server.Emulator.Requests;
            var upload = Assert.Single(requests, r => r.Method == "POST");
            Assert.Equal(("/v1_1/emulated/auto/upload", 200, server.Emulator.Credentials.ApiKey), (upload.Path, upload.StatusCode, upload.ApiKey));
            var delivery = Assert.Single(requests, r => r.Method == "GET");
            Assert.Equal(200, delivery.StatusCode);
            Assert.Contains("/s--(signature)--/v1/" + asset.PublicId + ".png", delivery.Path, StringComparison.Ordinal);
            Assert.DoesNotContain(requests, r => r.StatusCode >= 400);
        });
    }

    [Fact]
    public async Task UploadPage_ChosenTextFile_SaysItIsNotAnImageAndUploadsNothing()
    {
        await WithPageAsync(async (server, page, consoleErrors) =>
        {
            await page.Locator("#file").SetInputFilesAsync(
                new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "just text"u8.ToArray() });
            await page.Locator("#upload").ClickAsync();

            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("not an image"));
            Assert.False(await page.Locator("#result").IsVisibleAsync(), "An image box is shown for a text file.");
            Assert.Empty(server.Emulator.Requests);
            Assert.Empty(consoleErrors);
        });
    }

    private static async Task WithPageAsync(Func<SampleServer, IPage, List<string>, Task> test)
    {
        var token = TestContext.Current.CancellationToken;
        var chromiumPath = await BrowserProvisioning.LocateOrInstallAsync(line => TestContext.Current.SendDiagnosticMessage(line), token);
        await using var server = await SampleServer.StartAsync(token);
        var userData = Directory.CreateTempSubdirectory("securecloudinary-chromium-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(userData.FullName,
                new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = chromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                    Timeout = 20_000,
                });
            browser.SetDefaultTimeout(15_000);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var consoleErrors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text + " @ " + message.Location);
                }
            };

            await page.GotoAsync(server.Address.AbsoluteUri);
            await test(server, page, consoleErrors);
        }
        finally
        {
            userData.Delete(recursive: true);
        }
    }
}
