using System.Text.Json;

namespace SecureCloudinary.Vault.Internal;

/// <summary>One parsed Vault response: status and the JSON envelope (null when the body was empty).</summary>
internal sealed class VaultResponse : IDisposable
{
    private readonly JsonDocument? _document;

    public VaultResponse(int statusCode, JsonDocument? document)
    {
        StatusCode = statusCode;
        _document = document;
    }

    public int StatusCode { get; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The envelope's root object, or an undefined element when there was no JSON object body.</summary>
    public JsonElement Root => _document is { RootElement.ValueKind: JsonValueKind.Object } d ? d.RootElement : default;

    /// <summary>The envelope's <c>data</c> object, or null.</summary>
    public JsonElement? Data => Object(Root, "data");

    /// <summary>The envelope's <c>auth</c> object, or null.</summary>
    public JsonElement? Auth => Object(Root, "auth");

    /// <summary>The <c>errors</c> strings (never null).</summary>
    public IReadOnlyList<string> Errors => Strings("errors");

    /// <summary>The <c>warnings</c> strings (never null).</summary>
    public IReadOnlyList<string> Warnings => Strings("warnings");

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static long? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public void Dispose() => _document?.Dispose();

    private List<string> Strings(string name)
    {
        var list = new List<string>();
        if (Root.ValueKind == JsonValueKind.Object
            && Root.TryGetProperty(name, out var array)
            && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } s)
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }
}
