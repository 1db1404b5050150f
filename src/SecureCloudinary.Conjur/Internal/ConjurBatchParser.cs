using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Parses a batch answer: a JSON object keyed by full variable ids (<c>account:variable:id</c>), values Base64 when
/// the response has <c>Content-Encoding: base64</c> (with Ruby's line breaks). Errors never quote values.
/// </summary>
internal static class ConjurBatchParser
{
    public static void Parse(
        byte[] body, bool base64, IReadOnlyList<string> ids, ConjurEndpoint endpoint, Dictionary<string, byte[]> result, string what)
    {
        var byFullId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            byFullId[endpoint.FullId(id)] = id;
        }

        var found = 0;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(what);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!byFullId.TryGetValue(property.Name, out var id) || property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var text = property.Value.GetString() ?? string.Empty;
                result[id] = base64
                    ? ConjurAccessToken.TryDecodeBase64(Encoding.ASCII.GetBytes(text)) ?? throw Malformed(what)
                    : Encoding.UTF8.GetBytes(text);
                found++;
            }
        }
        catch (JsonException)
        {
            throw Malformed(what);
        }

        if (found != byFullId.Count)
        {
            var missing = byFullId.Where(p => !result.ContainsKey(p.Value)).Select(p => p.Key).First();
            throw ConjurErrors.Unavailable($"Conjur's answer to {what} lacks variable '{missing}'.", transient: false);
        }
    }

    private static CloudinaryCredentialException Malformed(string what) =>
        ConjurErrors.Unavailable($"Conjur's answer to {what} is not the expected JSON object of variable values.", transient: true);
}
