namespace SecureCloudinary.Testing.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void Assembly_Loads() => Assert.NotNull(typeof(PlaceholderTests).Assembly.GetName().Name);
}
