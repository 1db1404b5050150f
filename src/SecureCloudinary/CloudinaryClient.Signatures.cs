using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    private static readonly string[] ClientOwnedParameters = ["file", "api_key", "signature", "cloud_name", "timestamp"];

    /// <summary>
    /// Signs upload parameters for a browser's direct upload with the current credentials. The result holds the
    /// timestamp, signature, API key, cloud name, the signed parameters and the upload URL; never the secret.
    /// </summary>
    /// <param name="parameters">
    /// The upload parameters the browser will send (e.g. <c>folder</c>, <c>public_id</c>, <c>upload_preset</c>).
    /// Null or empty values are dropped. A <c>resource_type</c> entry only chooses the upload URL (default
    /// <c>auto</c>) and is not signed. <c>file</c>, <c>api_key</c>, <c>signature</c>, <c>cloud_name</c> and
    /// <c>timestamp</c> are set by the client and rejected here.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the credentials.</param>
    /// <returns>The signature bundle.</returns>
    /// <exception cref="ArgumentException">A reserved or repeated parameter was given, or a name that is empty or contains <c>&amp;</c>, <c>=</c>, white space or a control character.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual async ValueTask<BrowserUploadSignature> CreateUploadSignatureAsync(
        IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var resourceType = "auto";
        var fields = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in parameters)
        {
            ParameterNames.Validate(key, "Upload signature parameters", nameof(parameters));
            if (string.IsNullOrWhiteSpace(key) || Array.IndexOf(ClientOwnedParameters, key) >= 0)
            {
                throw new ArgumentException(
                    $"Upload signature parameters may not contain '{(string.IsNullOrWhiteSpace(key) ? "(empty)" : key)}': the client sets it.",
                    nameof(parameters));
            }

            if (key == "resource_type")
            {
                resourceType = UploadFields.ValidateResourceType(value, allowAuto: true, "resource_type");
                continue;
            }

            if (fields.Exists(f => string.Equals(f.Key, key, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Upload signature parameter '{key}' is given twice.", nameof(parameters));
            }

            UploadFields.Add(fields, key, value);
        }

        var credentials = await GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var uploadUrl = BuildApiUri(ResolveBaseAddress(credentials), credentials, resourceType + "/upload");
        var timestamp = UnixTimestamp();
        var signed = SignedForm.Sign(fields, credentials, ResolveAlgorithm(credentials), timestamp, out var signature);
        var bag = new Dictionary<string, string>(signed.Count, StringComparer.Ordinal);
        foreach (var (key, value) in signed)
        {
            bag[key] = value!;
        }

        return new BrowserUploadSignature(credentials.CloudName, credentials.ApiKey, timestamp, signature, bag, uploadUrl);
    }
}
