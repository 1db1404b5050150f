namespace SecureCloudinary.Models;

/// <summary>
/// What a browser needs for a signed direct upload to Cloudinary: post <see cref="Parameters"/> plus
/// <c>signature</c>, <c>api_key</c> and the file to <see cref="UploadUrl"/>. Never contains the API secret.
/// </summary>
public sealed class BrowserUploadSignature
{
    /// <summary>Creates the value.</summary>
    /// <param name="cloudName">The cloud name.</param>
    /// <param name="apiKey">The API key (public).</param>
    /// <param name="timestamp">The signed Unix timestamp, in seconds.</param>
    /// <param name="signature">The signature over <paramref name="parameters"/>.</param>
    /// <param name="parameters">The signed parameters, including <c>timestamp</c>.</param>
    /// <param name="uploadUrl">Where to post the upload.</param>
    public BrowserUploadSignature(
        string cloudName,
        string apiKey,
        long timestamp,
        string signature,
        IReadOnlyDictionary<string, string> parameters,
        Uri uploadUrl)
    {
        ArgumentNullException.ThrowIfNull(cloudName);
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(uploadUrl);
        CloudName = cloudName;
        ApiKey = apiKey;
        Timestamp = timestamp;
        Signature = signature;
        Parameters = parameters;
        UploadUrl = uploadUrl;
    }

    /// <summary>The cloud name.</summary>
    public string CloudName { get; }

    /// <summary>The API key to send as <c>api_key</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The signed Unix timestamp in seconds; the signature is valid for one hour from it.</summary>
    public long Timestamp { get; }

    /// <summary>The signature to send as <c>signature</c>. Treat it as short-lived and do not log it.</summary>
    public string Signature { get; }

    /// <summary>Every signed parameter (including <c>timestamp</c>); send each exactly as given.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The upload endpoint, e.g. <c>https://api.cloudinary.com/v1_1/demo/auto/upload</c>.</summary>
    public Uri UploadUrl { get; }

    /// <summary>Returns the cloud name and timestamp; never the signature.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() => $"BrowserUploadSignature {{ CloudName = {CloudName}, Timestamp = {Timestamp} }}";
}
