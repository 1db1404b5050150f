namespace SecureCloudinary.MinimalApi.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BrowserProvisioningTests
{
    [Fact]
    public void Locate_ExecutablePathVariable_WinsOverEverythingElse()
    {
        var folder = Directory.CreateTempSubdirectory("securecloudinary-browser-");
        try
        {
            var browser = Path.Combine(folder.FullName, "my-chrome");
            File.WriteAllText(browser, "#!/bin/sh\n");
            File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var found = BrowserProvisioning.Locate(
                name => name == BrowserProvisioning.ExecutablePathVariable ? browser : null, []);

            Assert.Equal(browser, found);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Locate_PlaywrightInstalledBrowser_IsFoundUnderPlaywrightBrowsersPath()
    {
        var folder = Directory.CreateTempSubdirectory("securecloudinary-browser-");
        try
        {
            var browser = Path.Combine(folder.FullName, "chromium-1200", "chrome-linux64", "chrome");
            Directory.CreateDirectory(Path.GetDirectoryName(browser)!);
            File.WriteAllText(browser, "#!/bin/sh\n");
            File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var found = BrowserProvisioning.Locate(name => name == "PLAYWRIGHT_BROWSERS_PATH" ? folder.FullName : null, []);

            Assert.Equal(browser, found);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Locate_NonExecutableConfiguredPath_IsReportedAndSkipped()
    {
        var folder = Directory.CreateTempSubdirectory("securecloudinary-browser-");
        try
        {
            var notABrowser = Path.Combine(folder.FullName, "readme.txt");
            File.WriteAllText(notABrowser, "text");
            File.SetUnixFileMode(notABrowser, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var tried = new List<string>();

            var found = BrowserProvisioning.Locate(
                name => name switch { BrowserProvisioning.ExecutablePathVariable => notABrowser, "PATH" => "relative/bin", _ => null },
                tried);

            Assert.NotEqual(notABrowser, found);
            Assert.Contains(tried, line => line.Contains(notABrowser, StringComparison.Ordinal) && line.Contains("not an executable", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
