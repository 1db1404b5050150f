using System.Text.Json;
using SecureCloudinary.Internal;

namespace SecureCloudinary;

/// <summary>
/// Reads Cloudinary credentials from the text of a secret held in a secret store, for credential sources.
/// Accepted shapes: a JSON object with <c>cloud_name</c>, <c>api_key</c> and <c>api_secret</c> fields; a JSON
/// object with a <c>url</c> (or <c>CLOUDINARY_URL</c>) field holding a <c>cloudinary://</c> URL, whose parts the
/// individual fields override; or the plain <c>cloudinary://</c> URL itself.
/// </summary>
public static class CloudinarySecretParser
{
    private const string UrlAlias = "CLOUDINARY_URL";

    /// <summary>
    /// Like the public overload; failure messages start with <paramref name="secretDescription"/> (which secret, which
    /// setting). When <paramref name="fieldsSetting"/> names the settings that rename the fields (e.g.
    /// <c>Cloudinary:AwsSecretsManager:Fields</c>), a JSON secret whose fields have other names gets a hint naming the
    /// fields found (names only) and these settings.
    /// </summary>
    internal static CloudinaryCredentials Parse(
        string secretText, string sourceName, CloudinarySecretFieldNames? fieldNames, string? fallbackCloudName, string secretDescription,
        string? fieldsSetting = null)
    {
        try
        {
            return Parse(secretText, sourceName, fieldNames, fallbackCloudName);
        }
        catch (CloudinaryCredentialException e)
        {
            // Say which secret (and which setting points at it); the parser's own message names only fields.
            var hint = fieldsSetting is not null && FieldHint(secretText, fieldNames ?? CloudinarySecretFieldNames.Default, fieldsSetting) is { } h
                ? " " + h
                : string.Empty;
            throw new CloudinaryCredentialException(sourceName, e.Reason, $"{secretDescription}: {e.Message}{hint}", e.IsTransient, e);
        }
    }

    /// <summary>
    /// For a JSON object secret that has fields other than the expected ones: which fields it has (names only; a name
    /// that does not look like an identifier is not shown) and the settings that map them.
    /// </summary>
    private static string? FieldHint(string secretText, CloudinarySecretFieldNames names, string fieldsSetting)
    {
        if (!secretText.AsSpan().TrimStart().StartsWith('{'))
        {
            return null;
        }

        var found = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(secretText);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                found.Add(property.Name.Length is > 0 and <= 64 && property.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                    ? $"'{property.Name}'"
                    : "(a field whose name is not shown)");
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }

        string[] expected = [names.CloudName, names.ApiKey, names.ApiSecret, names.Url, UrlAlias];
        if (found.Count == 0 || found.All(f => expected.Any(x => f.Equals($"'{x}'", StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        return $"The secret's fields are {string.Join(", ", found)}. If they hold the credentials under other names, map them with "
            + $"{fieldsSetting}:CloudName, {fieldsSetting}:ApiKey, {fieldsSetting}:ApiSecret (or {fieldsSetting}:Url).";
    }

    /// <summary>Parses the text of a secret into credentials.</summary>
    /// <param name="secretText">The secret's text.</param>
    /// <param name="sourceName">The source name, used in error messages and the exception.</param>
    /// <param name="fieldNames">The JSON field names; <see cref="CloudinarySecretFieldNames.Default"/> when null.</param>
    /// <param name="fallbackCloudName">
    /// The cloud name to use when the secret has none (e.g. from the source's configuration), or null.
    /// </param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secretText"/> or <paramref name="sourceName"/> is null.</exception>
    /// <exception cref="CloudinaryCredentialException">
    /// The secret is not in an accepted shape or lacks a part (reason <see cref="CredentialFailureReason.InvalidSecret"/>).
    /// The message names the fields involved and never contains any part of the secret.
    /// </exception>
    public static CloudinaryCredentials Parse(
        string secretText,
        string sourceName,
        CloudinarySecretFieldNames? fieldNames = null,
        string? fallbackCloudName = null)
    {
        ArgumentNullException.ThrowIfNull(secretText);
        ArgumentNullException.ThrowIfNull(sourceName);
        var names = fieldNames ?? CloudinarySecretFieldNames.Default;
        var partNames = new CredentialPartNames(
            "in the secret",
            $"secret field '{names.Url}'",
            $"secret field '{names.CloudName}'",
            $"secret field '{names.ApiKey}'",
            $"secret field '{names.ApiSecret}'");

        var text = secretText.AsSpan().Trim();
        try
        {
            if (text.StartsWith('{'))
            {
                return ParseJson(secretText, sourceName, names, partNames, fallbackCloudName);
            }

            if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith(UrlAlias, StringComparison.OrdinalIgnoreCase))
            {
                var urlNames = partNames with { Url = "the secret's cloudinary:// URL" };
                return CredentialAssembler.Assemble(sourceName, urlNames, secretText, null, null, null, fallbackCloudName);
            }
        }
        catch (CloudinaryCredentialException e) when (e.Reason == CredentialFailureReason.NotFound)
        {
            throw new CloudinaryCredentialException(sourceName, CredentialFailureReason.InvalidSecret, e.Message);
        }

        throw new CloudinaryCredentialException(
            sourceName,
            CredentialFailureReason.InvalidSecret,
            text.IsEmpty
                ? $"The secret from source '{sourceName}' is empty. {Expected(names)}"
                : $"The secret from source '{sourceName}' is not in a recognised shape. {Expected(names)}");
    }

    private static CloudinaryCredentials ParseJson(
        string secretText,
        string sourceName,
        CloudinarySecretFieldNames names,
        CredentialPartNames partNames,
        string? fallbackCloudName)
    {
        string? url = null, cloudName = null, apiKey = null, apiSecret = null;
        try
        {
            using var document = JsonDocument.Parse(secretText);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourceName, $"The secret from source '{sourceName}' is not a JSON object. {Expected(names)}");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                if (Is(name, names.CloudName))
                {
                    cloudName = Value(property, sourceName);
                }
                else if (Is(name, names.ApiKey))
                {
                    apiKey = Value(property, sourceName);
                }
                else if (Is(name, names.ApiSecret))
                {
                    apiSecret = Value(property, sourceName);
                }
                else if (Is(name, names.Url) || Is(name, UrlAlias))
                {
                    url = Value(property, sourceName);
                }
            }
        }
        catch (JsonException e)
        {
            // The JsonException's message can quote characters of the secret: report only the position.
            throw Invalid(
                sourceName,
                $"The secret from source '{sourceName}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). {Expected(names)}");
        }
        catch (ArgumentException)
        {
            // Text that is not valid UTF-16 (a lone surrogate, e.g. from a "\ud830" escape in the store's JSON)
            // cannot be transcoded for the JSON reader.
            throw Invalid(
                sourceName,
                $"The secret from source '{sourceName}' is not valid JSON (it holds invalid UTF-16 text). {Expected(names)}");
        }

        return CredentialAssembler.Assemble(sourceName, partNames, url, cloudName, apiKey, apiSecret, fallbackCloudName);
    }

    private static string? Value(JsonProperty property, string sourceName) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Number => property.Value.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw Invalid(sourceName, $"Secret field '{property.Name}' from source '{sourceName}' must be a string."),
    };

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static CloudinaryCredentialException Invalid(string sourceName, string message) =>
        new(sourceName, CredentialFailureReason.InvalidSecret, message);

    private static string Expected(CloudinarySecretFieldNames names) =>
        $"Expected a JSON object with '{names.CloudName}', '{names.ApiKey}' and '{names.ApiSecret}' fields, "
        + $"a JSON object with a '{names.Url}' field, or a cloudinary:// URL.";
}
