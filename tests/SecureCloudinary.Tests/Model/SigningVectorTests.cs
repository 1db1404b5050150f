using System.Text.Json;

namespace SecureCloudinary.Tests.Model;

/// <summary>Every case of the official-SDK vector file must pass.</summary>
public sealed class SigningVectorTests
{
    [Fact]
    public void VectorFile_HasAllCases_FortySignaturesThirteenUrls()
    {
        Assert.Equal(40, SigningVectors.Count("signatures"));
        Assert.Equal(13, SigningVectors.Count("signed_urls"));
    }

    [Theory]
    [MemberData(nameof(SigningVectors.SignatureCaseIndexes), MemberType = typeof(SigningVectors))]
    public void SignParameters_VectorCase_MatchesOfficialSdk(int index)
    {
        var vector = SigningVectors.Case("signatures", index);
        var excluded = vector.GetProperty("excluded_from_signature").EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var property in vector.GetProperty("params").EnumerateObject())
        {
            if (excluded.Contains(property.Name))
            {
                continue;
            }

            var value = property.Value.ValueKind == JsonValueKind.Array
                ? string.Join(',', property.Value.EnumerateArray().Select(e => e.ToString()))
                : SigningVectors.OptionalString(vector.GetProperty("params"), property.Name);
            parameters.Add(new(property.Name, value));
        }

        var algorithm = vector.GetProperty("signature_algorithm").GetString() switch
        {
            "sha1" => SignatureAlgorithm.Sha1,
            "sha256" => SignatureAlgorithm.Sha256,
            var other => throw new InvalidOperationException("Unknown algorithm " + other),
        };

        var signature = CloudinarySigner.SignParameters(
            parameters,
            vector.GetProperty("api_secret").GetString()!,
            algorithm,
            vector.GetProperty("signature_version").GetInt32());

        Assert.Equal(vector.GetProperty("expected_signature").GetString(), signature);
    }

    [Theory]
    [MemberData(nameof(SigningVectors.SignedUrlCaseIndexes), MemberType = typeof(SigningVectors))]
    public void BuildDeliveryUrl_VectorCase_MatchesOfficialSdk(int index)
    {
        var vector = SigningVectors.Case("signed_urls", index);
        var credentials = new CloudinaryCredentials(
            vector.GetProperty("cloud_name").GetString()!, "123456789012345", vector.GetProperty("api_secret").GetString()!);
        var version = SigningVectors.OptionalString(vector, "version");
        var options = new DeliveryUrlOptions
        {
            ResourceType = vector.GetProperty("resource_type").GetString()!,
            DeliveryType = vector.GetProperty("type").GetString()!,
            Transformation = SigningVectors.OptionalString(vector, "raw_transformation"),
            Format = SigningVectors.OptionalString(vector, "format"),
            Version = version is null ? null : long.Parse(version, System.Globalization.CultureInfo.InvariantCulture),
            Signed = true,
            LongSignature = vector.GetProperty("long_url_signature").GetBoolean(),
        };

        var url = CloudinaryUrls.BuildDeliveryUrl(credentials, vector.GetProperty("public_id").GetString()!, options);

        Assert.Equal(vector.GetProperty("expected_url").GetString(), url);
    }
}
