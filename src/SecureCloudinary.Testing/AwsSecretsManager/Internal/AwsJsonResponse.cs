using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Writes awsJson 1.1 responses and errors in each <see cref="SecretsManagerErrorStyle"/>.</summary>
internal static class AwsJsonResponse
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static Task WriteAsync(HttpResponse response, HttpStatusCode status, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return WriteRawAsync(response, status, ContentType, buffer.WrittenMemory);
    }

    public static Task WriteErrorAsync(HttpResponse response, AwsError error, SecretsManagerErrorStyle style)
    {
        if (style == SecretsManagerErrorStyle.HeaderOnly)
        {
            response.Headers["X-Amzn-ErrorType"] = error.Type + ":http://internal.amazon.com/coral/com.amazon.coral.service/";
        }

        return WriteAsync(response, error.StatusCode, w =>
        {
            switch (style)
            {
                case SecretsManagerErrorStyle.NamespacedType:
                    w.WriteString("__type", $"com.amazonaws.secretsmanager#{error.Type}:http://internal.amazon.com/coral/com.amazonaws.secretsmanager/");
                    break;
                case SecretsManagerErrorStyle.HeaderOnly:
                    break;
                default:
                    w.WriteString("__type", error.Type);
                    break;
            }

            w.WriteString(style is SecretsManagerErrorStyle.LowercaseMessage or SecretsManagerErrorStyle.HeaderOnly ? "message" : "Message", error.Message);
        });
    }

    public static async Task WriteRawAsync(HttpResponse response, HttpStatusCode status, string contentType, ReadOnlyMemory<byte> body)
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    public static Task WriteTextAsync(HttpResponse response, HttpStatusCode status, string contentType, string text) =>
        WriteRawAsync(response, status, contentType, Encoding.UTF8.GetBytes(text));

    public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
