using System.Globalization;

namespace SecureCloudinary.Internal;

/// <summary>
/// Builds a signed Upload API form: every field is signed (with <c>timestamp</c>), then <c>signature</c> and
/// <c>api_key</c> are added, then the optional file part. Nothing unsigned or empty is ever sent.
/// </summary>
internal static class SignedForm
{
    public static MultipartFormDataContent Create(
        IReadOnlyList<KeyValuePair<string, string?>> fields,
        CloudinaryCredentials credentials,
        SignatureAlgorithm algorithm,
        long timestamp,
        HttpContent? filePart = null,
        string? fileName = null)
    {
        var signed = Sign(fields, credentials, algorithm, timestamp, out var signature);
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in signed)
        {
            AddField(form, key, value!);
        }

        AddField(form, "signature", signature);
        AddField(form, "api_key", credentials.ApiKey);
        if (filePart is not null)
        {
            if (fileName is null)
            {
                form.Add(filePart, "file");
            }
            else
            {
                form.Add(filePart, "file", fileName);
            }
        }

        return form;
    }

    /// <summary>Returns the non-empty fields plus <c>timestamp</c>, and their signature.</summary>
    public static List<KeyValuePair<string, string?>> Sign(
        IReadOnlyList<KeyValuePair<string, string?>> fields,
        CloudinaryCredentials credentials,
        SignatureAlgorithm algorithm,
        long timestamp,
        out string signature)
    {
        var signed = new List<KeyValuePair<string, string?>>(fields.Count + 1);
        foreach (var field in fields)
        {
            if (!string.IsNullOrEmpty(field.Value))
            {
                signed.Add(field);
            }
        }

        signed.Add(new("timestamp", timestamp.ToString(CultureInfo.InvariantCulture)));
        signature = CloudinarySigner.SignParameters(
            signed, credentials.ApiSecret, algorithm, credentials.Settings.SignatureVersion ?? 2);
        return signed;
    }

    private static void AddField(MultipartFormDataContent form, string name, string value)
    {
        var content = new StringContent(value);
        content.Headers.ContentType = null;
        form.Add(content, name);
    }
}
