using CsCheck;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>
/// The public parsers on arbitrary input: they succeed or throw only their documented exception, and the
/// message never quotes the input (the sentinel planted in it).
/// </summary>
public sealed class ParserRobustnessPropertyTests
{
    private static readonly Gen<string> AnyText = Gen.OneOf(PropertyGens.WithSentinel, PropertyGens.Unicode, Gen.String);

    [Fact]
    public void CredentialsParse_ArbitraryText_ThrowsOnlyFormatExceptionWithoutTheInput() =>
        PropertyGens.WithSentinel.Sample(text =>
        {
            try
            {
                CloudinaryCredentials.Parse(text);
            }
            catch (FormatException e)
            {
                Assert.DoesNotContain(PropertyGens.Sentinel, e.ToString(), StringComparison.Ordinal);
            }
        }, iter: 5_000);

    [Fact]
    public void CredentialsTryParse_ArbitraryText_NeverThrows() =>
        AnyText.Sample(text =>
        {
            _ = CloudinaryCredentials.TryParse(text, out _);
        }, iter: 5_000);

    [Fact]
    public void SecretParser_ArbitraryText_ThrowsOnlyInvalidSecretWithoutTheInput() =>
        AnyText.Sample(AssertParsesOrRejectsCleanly, iter: 5_000);

    [Fact]
    public void SecretParser_ArbitraryJson_ThrowsOnlyInvalidSecretWithoutTheInput() =>
        PropertyGens.JsonValue.Sample(AssertParsesOrRejectsCleanly, iter: 3_000);

    [Fact]
    public void SecretParser_ArbitraryJsonObjects_ThrowsOnlyInvalidSecretWithoutTheInput() =>
        PropertyGens.JsonObject.Sample(AssertParsesOrRejectsCleanly, iter: 3_000);

    [Fact]
    public void SecretParser_TruncatedJson_ThrowsOnlyInvalidSecretWithoutTheInput() =>
        Gen.Select(PropertyGens.JsonObject, Gen.Double[0, 1]).Sample((json, cut) =>
            AssertParsesOrRejectsCleanly(json[..(int)(json.Length * cut)]), iter: 3_000);

    internal static void AssertParsesOrRejectsCleanly(string text)
    {
        try
        {
            var credentials = CloudinarySecretParser.Parse(text, "Props");

            // The sentinel may legitimately land in the cloud name, which ToString shows; the key and secret never show.
            Assert.Equal(
                $"CloudinaryCredentials {{ CloudName = {credentials.CloudName}, Fingerprint = {credentials.Fingerprint} }}",
                credentials.ToString());
        }
        catch (CloudinaryCredentialException e)
        {
            Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
            Assert.Equal("Props", e.SourceName);
            Assert.DoesNotContain(PropertyGens.Sentinel, e.ToString(), StringComparison.Ordinal);
        }
    }
}
