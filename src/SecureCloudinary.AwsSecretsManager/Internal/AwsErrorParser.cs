using System.Text.Json;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Reads the error code of an awsJson 1.1 error response: body <c>__type</c> (or <c>code</c>), else the
/// <c>X-Amzn-ErrorType</c> header; sanitised per the Smithy rules (text before the first ':' then after the first '#').
/// </summary>
internal static class AwsErrorParser
{
    public const string ErrorTypeHeader = "X-Amzn-ErrorType";

    public static AwsErrorResponse Parse(int statusCode, ReadOnlySpan<byte> body, string? headerType)
    {
        var (code, message) = FromBody(body);
        if (message is { Length: > 256 })
        {
            message = message[..256];
        }

        return new AwsErrorResponse(statusCode, Sanitize(code ?? headerType), message);
    }

    public static string Sanitize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return string.Empty;
        }

        var text = code.AsSpan().Trim();
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            text = text[..colon];
        }

        var hash = text.IndexOf('#');
        if (hash >= 0)
        {
            text = text[(hash + 1)..];
        }

        // Codes are identifiers; anything else is not echoed.
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_')
            {
                return "Unrecognized";
            }
        }

        return text.Length > 128 ? "Unrecognized" : text.ToString();
    }

    private static (string? Code, string? Message) FromBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            string? code = null, message = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("__type");
                var isCode = reader.ValueTextEquals("code") || reader.ValueTextEquals("Code");
                var isMessage = reader.ValueTextEquals("Message") || reader.ValueTextEquals("message");
                reader.Read();
                if ((isType || (isCode && code is null)) && reader.TokenType == JsonTokenType.String)
                {
                    code = reader.GetString();
                }
                else if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
