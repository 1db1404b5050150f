using System.Text.Json;

namespace SecureCloudinary.Tests.Model;

/// <summary>
/// Loads TestData/cloudinary-signing-vectors.json (produced by the official Node SDK, copied from shared/testdata)
/// and exposes its cases as xunit theory data.
/// </summary>
public static class SigningVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Model", "TestData", "cloudinary-signing-vectors.json"))));

    public static TheoryData<int> SignatureCaseIndexes => Indexes("signatures");

    public static TheoryData<int> SignedUrlCaseIndexes => Indexes("signed_urls");

    public static int Count(string section) => Document.Value.RootElement.GetProperty(section).GetArrayLength();

    public static JsonElement Case(string section, int index) => Document.Value.RootElement.GetProperty(section)[index];

    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static TheoryData<int> Indexes(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Count(section); i++)
        {
            data.Add(i);
        }

        return data;
    }
}
