using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorTimeoutTests
{
    [Fact]
    public async Task Doctor_SourceNeverAnswers_TimesOutWithExitThree()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider();
        var source = new HangingSource();

        var run = CliRunner.RunAsync(
            new Dictionary<string, string?> { ["Cloudinary__Source"] = "Hanging" },
            dir.Path,
            services => services
                .AddSecureCloudinary(new ConfigurationBuilder().Build().GetSection("Cloudinary"))
                .AddCredentialSource("Hanging", _ => source),
            time,
            "doctor", "--json", "--timeout", "20");
        await source.Called.Task.WaitAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("Timed out after 20 s while asking the credential source.", result.Output, StringComparison.Ordinal);
    }

    private sealed class HangingSource : ICloudinaryCredentialSource
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "Hanging";

        public async ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Unreachable.");
        }
    }
}
