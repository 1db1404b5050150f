using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureCloudinary.Internal;

/// <summary>
/// Writes new credentials into a stored secret's text while keeping its shape: a <c>cloudinary://</c> URL stays a
/// URL (with its query settings and any <c>CLOUDINARY_URL=</c> prefix), a JSON object keeps its other fields and its
/// field names; only the API key and secret change (and the URL field, when there is one). The inverse of
/// <see cref="CloudinarySecretParser"/>. Exceptions never quote the text.
/// </summary>
internal static class CloudinarySecretShape
{
    private const string UrlAlias = "CLOUDINARY_URL";

    /// <summary>Returns <paramref name="secretText"/> with <paramref name="replacement"/>'s key and secret in it.</summary>
    /// <exception cref="CloudinaryCredentialException">The text is not a shape the parser reads (InvalidSecret).</exception>
    public static string Replace(string secretText, CloudinarySecretFieldNames? fieldNames, CloudinaryCredentials replacement, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(secretText);
        ArgumentNullException.ThrowIfNull(replacement);
        var names = fieldNames ?? CloudinarySecretFieldNames.Default;
        var text = secretText.Trim();
        if (text.StartsWith('{'))
        {
            return ReplaceJson(text, names, replacement, sourceName);
        }

        if (text.StartsWith(UrlAlias + "=", StringComparison.OrdinalIgnoreCase))
        {
            return text[..(UrlAlias.Length + 1)] + ReplaceUrl(text[(UrlAlias.Length + 1)..], replacement);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return ReplaceUrl(text, replacement);
        }

        throw new CloudinaryCredentialException(sourceName, CredentialFailureReason.InvalidSecret,
            $"The stored secret of source '{sourceName}' is not a JSON object or a cloudinary:// URL, so it cannot be rewritten.");
    }

    private static string ReplaceUrl(string url, CloudinaryCredentials replacement)
    {
        var quoted = url.Length > 1 && url[0] is '"' or '\'' && url[^1] == url[0];
        var inner = quoted ? url[1..^1] : url;
        var settings = CloudinaryCredentials.TryParse(inner, out var old) ? old.Settings : replacement.Settings;
        var cloudName = old?.CloudName ?? replacement.CloudName;
        var formatted = new CloudinaryCredentials(cloudName, replacement.ApiKey, replacement.ApiSecret, settings).ToCloudinaryUrl();
        return quoted ? url[0] + formatted + url[0] : formatted;
    }

    private static string ReplaceJson(string text, CloudinarySecretFieldNames names, CloudinaryCredentials replacement, string sourceName)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject
                ?? throw new CloudinaryCredentialException(sourceName, CredentialFailureReason.InvalidSecret,
                    $"The stored secret of source '{sourceName}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CloudinaryCredentialException(sourceName, CredentialFailureReason.InvalidSecret,
                $"The stored secret of source '{sourceName}' is not valid JSON (line {e.LineNumber + 1}).");
        }

        var wroteKey = false;
        var wroteSecret = false;
        foreach (var name in root.Select(p => p.Key).ToList())
        {
            if (Is(name, names.ApiKey))
            {
                root[name] = replacement.ApiKey;
                wroteKey = true;
            }
            else if (Is(name, names.ApiSecret))
            {
                root[name] = replacement.ApiSecret;
                wroteSecret = true;
            }
            else if ((Is(name, names.Url) || Is(name, UrlAlias)) && root[name] is JsonValue value && value.TryGetValue<string>(out var url))
            {
                root[name] = ReplaceUrl(url, replacement);
                wroteKey = wroteSecret = true;
            }
        }

        if (!wroteKey)
        {
            root[names.ApiKey] = replacement.ApiKey;
        }

        if (!wroteSecret)
        {
            root[names.ApiSecret] = replacement.ApiSecret;
        }

        return root.ToJsonString();
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
