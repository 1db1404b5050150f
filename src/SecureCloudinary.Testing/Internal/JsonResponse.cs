using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Writes JSON object responses, and errors in Cloudinary's <c>{"error":{"message":"..."}}</c> shape.</summary>
internal static class JsonResponse
{
    public static async Task WriteAsync(HttpResponse response, HttpStatusCode status, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        response.StatusCode = (int)status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpResponse response, HttpStatusCode status, string message) =>
        WriteAsync(response, status, writer =>
        {
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });
}
