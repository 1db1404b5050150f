using CsCheck;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>
/// Complements tests/SecureCloudinary.Tests/Model/CredentialsPropertyTests (fixed character set): here keys and
/// secrets are arbitrary Unicode, controls and every character a URL reserves.
/// </summary>
public sealed class UrlRoundTripPropertyTests
{
    [Fact]
    public void ToCloudinaryUrl_ArbitraryUnicodeKeyAndSecret_ParsesBackEqual() =>
        Gen.Select(PropertyGens.CloudName, PropertyGens.Part, PropertyGens.Part).Sample((cloud, key, secret) =>
        {
            var credentials = new CloudinaryCredentials(cloud, key, secret);
            var url = credentials.ToCloudinaryUrl();

            var parsed = CloudinaryCredentials.Parse(url);

            Assert.Equal(key, parsed.ApiKey);
            Assert.Equal(secret, parsed.ApiSecret);
            Assert.Equal(cloud, parsed.CloudName);
            Assert.True(CloudinaryCredentials.TryParse(url, out var again) && again.Equals(credentials));
        }, iter: 2_000);

    [Fact]
    public void ToCloudinaryUrl_ArbitraryKeyAndSecret_IsPrintableAsciiWithOneAtAndNoRawReservedCharacters() =>
        Gen.Select(PropertyGens.CloudName, PropertyGens.Part, PropertyGens.Part).Sample((cloud, key, secret) =>
        {
            var url = new CloudinaryCredentials(cloud, key, secret).ToCloudinaryUrl();
            var userInfo = url["cloudinary://".Length..url.LastIndexOf('@')];

            Assert.All(url, c => Assert.InRange(c, '!', '~'));
            Assert.Single(url, c => c == '@');
            Assert.Single(userInfo, c => c == ':');
            Assert.DoesNotContain(userInfo, c => c is '/' or '?' or '#' or '[' or ']');
        }, iter: 1_000);

    [Fact]
    public void SecretParser_UrlFieldOrPlainUrl_RoundTripsArbitraryCredentials() =>
        Gen.Select(PropertyGens.CloudName, PropertyGens.Part, PropertyGens.Part, Gen.Bool).Sample((cloud, key, secret, asJson) =>
        {
            var credentials = new CloudinaryCredentials(cloud, key, secret);
            var url = credentials.ToCloudinaryUrl();
            var text = asJson ? $"{{\"url\":{PropertyGens.Quote(url)}}}" : url;

            Assert.Equal(credentials, CloudinarySecretParser.Parse(text, "Props"));
        }, iter: 1_000);

    [Fact]
    public void SecretParser_JsonFields_RoundTripArbitraryKeyAndSecret() =>
        Gen.Select(PropertyGens.CloudName, PropertyGens.Part, PropertyGens.Part).Sample((cloud, key, secret) =>
        {
            var text = $"{{\"cloud_name\":{PropertyGens.Quote(cloud)},\"api_key\":{PropertyGens.Quote(key)},\"api_secret\":{PropertyGens.Quote(secret)}}}";

            var parsed = CloudinarySecretParser.Parse(text, "Props");

            // Individual fields are trimmed (white space around a pasted value is never part of it).
            Assert.Equal(key.Trim(), parsed.ApiKey);
            Assert.Equal(secret.Trim(), parsed.ApiSecret);
        }, iter: 1_000);
}
