using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Tests.DependencyInjection;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class LifecycleOptionsTests
{
    private static SecureCloudinaryOptions Bind(params (string Key, string? Value)[] values)
    {
        using var provider = TestHosts.Provider(null, values);
        return provider.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value;
    }

    private static OptionsValidationException Invalid(params (string Key, string? Value)[] values) =>
        Assert.Throws<OptionsValidationException>(() => Bind(values));

    [Fact]
    public void Options_NotSet_UseTheDocumentedDefaults()
    {
        var options = Bind();

        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MinimumForcedRefreshInterval);
        Assert.Equal(TimeSpan.FromHours(24), options.MaxStaleness);
    }

    [Theory]
    [InlineData("Infinite")]
    [InlineData("infinite")]
    [InlineData(" INFINITE ")]
    public void MaxStaleness_Infinite_BindsToInfiniteTimeSpan(string value)
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Bind(("Cloudinary:MaxStaleness", value)).MaxStaleness);
    }

    [Fact]
    public void Options_TimeSpanValues_Bind()
    {
        var options = Bind(
            ("Cloudinary:RefreshInterval", "00:01:30"),
            ("Cloudinary:MinimumForcedRefreshInterval", "00:00:00"),
            ("Cloudinary:MaxStaleness", "2.00:00:00"),
            ("Cloudinary:ChunkSize", "6000000"));

        Assert.Equal(TimeSpan.FromSeconds(90), options.RefreshInterval);
        Assert.Equal(TimeSpan.Zero, options.MinimumForcedRefreshInterval);
        Assert.Equal(TimeSpan.FromDays(2), options.MaxStaleness);
        Assert.Equal(6_000_000, options.ChunkSize);
    }

    [Theory]
    [InlineData("Cloudinary:RefreshInterval")]
    [InlineData("Cloudinary:MinimumForcedRefreshInterval")]
    [InlineData("Cloudinary:MaxStaleness")]
    public void Options_UnreadableTimeSpan_NameTheKeyNotTheValue(string key)
    {
        var e = Invalid((key, "soon-Sntl4Value"));

        Assert.Contains($"{key} is not a time span", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sntl4Value", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloudinary:RefreshInterval", "00:00:00", "Cloudinary:RefreshInterval must be at least 00:00:01")]
    [InlineData("Cloudinary:RefreshInterval", "Infinite", "Cloudinary:RefreshInterval must be at least 00:00:01")]
    [InlineData("Cloudinary:MinimumForcedRefreshInterval", "-00:00:01", "Cloudinary:MinimumForcedRefreshInterval must be zero or a positive")]
    [InlineData("Cloudinary:MinimumForcedRefreshInterval", "Infinite", "Cloudinary:MinimumForcedRefreshInterval must be zero or a positive")]
    [InlineData("Cloudinary:MaxStaleness", "00:01:00", "Cloudinary:MaxStaleness must be Infinite or at least Cloudinary:RefreshInterval")]
    public void Options_OutOfRange_FailWithAMessageNamingTheKey(string key, string value, string expected)
    {
        Assert.Contains(expected, Invalid((key, value)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SetInCode_InfiniteMaxStalenessIsValid()
    {
        var services = new ServiceCollection();
        services.AddSecureCloudinary(o => o.MaxStaleness = Timeout.InfiniteTimeSpan);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value.MaxStaleness);
    }
}
