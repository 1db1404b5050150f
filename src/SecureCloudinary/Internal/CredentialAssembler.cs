namespace SecureCloudinary.Internal;

/// <summary>
/// Turns the raw parts a source found (a <c>cloudinary://</c> URL and/or individual values) into
/// <see cref="CloudinaryCredentials"/>, with error messages that name settings and never values.
/// Individual parts override the matching part of the URL.
/// </summary>
internal static class CredentialAssembler
{
    public static CloudinaryCredentials Assemble(
        string sourceName,
        CredentialPartNames names,
        string? url,
        string? cloudName,
        string? apiKey,
        string? apiSecret,
        string? fallbackCloudName = null)
    {
        url = Clean(url);
        cloudName = Clean(cloudName);
        apiKey = Clean(apiKey);
        apiSecret = Clean(apiSecret);

        CloudinaryCredentials? fromUrl = null;
        if (url is not null)
        {
            fromUrl = CloudinaryUrlParser.Parse(url, out var error) ?? throw new CloudinaryCredentialException(
                sourceName,
                CredentialFailureReason.InvalidSecret,
                $"{names.Url} is not a valid Cloudinary URL (source '{sourceName}'): {error}");
        }
        else if (cloudName is null && apiKey is null && apiSecret is null)
        {
            throw new CloudinaryCredentialException(
                sourceName,
                CredentialFailureReason.NotFound,
                $"No Cloudinary credentials found {names.Where} (source '{sourceName}'). {names.Advice}");
        }

        cloudName ??= fromUrl?.CloudName ?? Clean(fallbackCloudName);
        apiKey ??= fromUrl?.ApiKey;
        apiSecret ??= fromUrl?.ApiSecret;
        ThrowIfMissing(sourceName, names, cloudName, apiKey, apiSecret);

        if (!IsValidCloudName(cloudName!))
        {
            throw new CloudinaryCredentialException(
                sourceName,
                CredentialFailureReason.InvalidSecret,
                $"{names.CloudName} is not a valid cloud name (source '{sourceName}'): only letters, digits, '-' and '_' are allowed.");
        }

        if (fromUrl is not null
            && string.Equals(fromUrl.CloudName, cloudName, StringComparison.Ordinal)
            && string.Equals(fromUrl.ApiKey, apiKey, StringComparison.Ordinal)
            && string.Equals(fromUrl.ApiSecret, apiSecret, StringComparison.Ordinal))
        {
            return fromUrl;
        }

        return new CloudinaryCredentials(cloudName!, apiKey!, apiSecret!, fromUrl?.Settings);
    }

    internal static bool IsValidCloudName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static void ThrowIfMissing(
        string sourceName, CredentialPartNames names, string? cloudName, string? apiKey, string? apiSecret)
    {
        var missing = new List<string>(3);
        if (cloudName is null)
        {
            missing.Add(names.CloudName);
        }

        if (apiKey is null)
        {
            missing.Add(names.ApiKey);
        }

        if (apiSecret is null)
        {
            missing.Add(names.ApiSecret);
        }

        if (missing.Count == 0)
        {
            return;
        }

        var list = missing.Count switch
        {
            1 => missing[0],
            2 => missing[0] + " and " + missing[1],
            _ => missing[0] + ", " + missing[1] + " and " + missing[2],
        };
        var verb = missing.Count == 1 ? "is" : "are";
        throw new CloudinaryCredentialException(
            sourceName,
            CredentialFailureReason.NotFound,
            $"{list} {verb} missing (source '{sourceName}'). {names.Advice}");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
