using System.Text.Json;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Tests.Internal;

public sealed class SignatureVerifierTests
{
    public static TheoryData<int> VectorIndexes => new(Enumerable.Range(0, LoadVectors().GetArrayLength()));

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Verify_OfficialSdkVector_Accepted(int index)
    {
        var vector = LoadVectors()[index];
        var fields = FieldsOf(vector);
        var secret = vector.GetProperty("api_secret").GetString()!;
        var expected = vector.GetProperty("expected_signature").GetString()!;

        Assert.True(SignatureVerifier.Verify(fields, secret, expected, out _));
        Assert.False(SignatureVerifier.Verify(fields, secret + "x", expected, out _));
    }

    [Fact]
    public void BuildStringToSign_ExcludedAndEmptyFields_Dropped()
    {
        var fields = new Dictionary<string, string>
        {
            ["timestamp"] = "1", ["file"] = "f", ["cloud_name"] = "c", ["resource_type"] = "image",
            ["api_key"] = "k", ["signature"] = "s", ["folder"] = string.Empty, ["a_b"] = "y", ["a1"] = "x",
        };

        Assert.Equal("a1=x&a_b=y&timestamp=1", SignatureVerifier.BuildStringToSign(fields, escapeAmpersand: true));
    }

    [Fact]
    public void Verify_DocumentedSha1Example_Accepted()
    {
        var fields = new Dictionary<string, string> { ["public_id"] = "sample", ["timestamp"] = "1315060510" };

        Assert.True(SignatureVerifier.Verify(fields, "abcd", "c3470533147774275dd37996cc4d0e68fd03cd4f", out var toSign));
        Assert.Equal("public_id=sample&timestamp=1315060510", toSign);
        Assert.False(SignatureVerifier.Verify(fields, "abcd", "c3470533147774275dd37996cc4d0e68fd03cd4", out _));
        Assert.False(SignatureVerifier.Verify(fields, "abcd", "zz470533147774275dd37996cc4d0e68fd03cd4f", out _));
    }

    private static Dictionary<string, string> FieldsOf(JsonElement vector)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in vector.GetProperty("params").EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                ? string.Join(',', property.Value.EnumerateArray().Select(v => v.GetString()))
                : property.Value.ValueKind == JsonValueKind.Null ? string.Empty : property.Value.ToString();
        }

        return fields;
    }

    private static JsonElement LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "cloudinary-signing-vectors.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("signatures");
    }
}
