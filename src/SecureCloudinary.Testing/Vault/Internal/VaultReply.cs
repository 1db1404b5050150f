using System.Text.Json;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>A response the emulator is about to write: status and a writer of the JSON object's members.</summary>
internal sealed record VaultReply(int Status, Action<Utf8JsonWriter>? Members)
{
    public static VaultReply Error(int status, params string[] errors) => new(status, w =>
    {
        w.WriteStartArray("errors");
        foreach (var e in errors)
        {
            w.WriteStringValue(e);
        }

        w.WriteEndArray();
    });

    public static VaultReply Forbidden() => Error(403, "permission denied");

    public static VaultReply NoContent() => new(204, null);

    /// <summary>The success envelope of <c>api.Secret</c>.</summary>
    public static VaultReply Envelope(
        int status,
        Action<Utf8JsonWriter>? data,
        Action<Utf8JsonWriter>? auth = null,
        long leaseDuration = 0,
        string? warning = null) => new(status, w =>
    {
        w.WriteString("request_id", Guid.NewGuid().ToString());
        w.WriteString("lease_id", string.Empty);
        w.WriteBoolean("renewable", false);
        w.WriteNumber("lease_duration", leaseDuration);
        WriteObjectOrNull(w, "data", data);
        w.WriteNull("wrap_info");
        if (warning is null)
        {
            w.WriteNull("warnings");
        }
        else
        {
            w.WriteStartArray("warnings");
            w.WriteStringValue(warning);
            w.WriteEndArray();
        }

        WriteObjectOrNull(w, "auth", auth);
        w.WriteString("mount_type", string.Empty);
    });

    private static void WriteObjectOrNull(Utf8JsonWriter w, string name, Action<Utf8JsonWriter>? members)
    {
        if (members is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        members(w);
        w.WriteEndObject();
    }
}
