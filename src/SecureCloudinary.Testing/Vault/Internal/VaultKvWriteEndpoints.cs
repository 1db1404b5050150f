using System.Globalization;
using System.Text.Json;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>
/// KV writes as a Vault server answers them: v2 <c>POST {mount}/data/{path}</c> with <c>{"options":{"cas":n},"data":{…}}</c>
/// (a new version; a <c>cas</c> that is not the current version is refused with 400), v1 <c>POST {mount}/{path}</c> with the
/// data object (204). The token needs <c>create</c>/<c>update</c> on the path (<see cref="VaultEmulator.SetWritePolicy"/>).
/// Caller holds the lock.
/// </summary>
internal sealed class VaultKvWriteEndpoints(VaultEmulatorState state)
{
    public VaultReply Write(EmulatedToken token, string ns, string path, JsonDocument? body)
    {
        if (!state.CanWrite(token, path))
        {
            return VaultReply.Forbidden();
        }

        var mount = state.Namespace(ns).FindMount(path, out var rest);
        if (mount is null)
        {
            return VaultReply.Error(404, $"no handler for route \"{path}\". route entry not found.");
        }

        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            return VaultReply.Error(400, "failed to parse JSON input");
        }

        if (mount.Version == 1)
        {
            mount.Secrets[rest] = [new KvEntryVersion { Number = 1, Data = Fields(body.RootElement), CreatedTime = state.Time.GetUtcNow() }];
            return VaultReply.NoContent();
        }

        if (!rest.StartsWith("data/", StringComparison.Ordinal))
        {
            return VaultReply.Error(405, "unsupported operation");
        }

        var key = rest["data/".Length..];
        if (!body.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return VaultReply.Error(400, "no data provided");
        }

        if (!mount.Secrets.TryGetValue(key, out var versions))
        {
            versions = [];
            mount.Secrets[key] = versions;
        }

        var currentVersion = versions.Count == 0 ? 0 : versions[^1].Number;
        if (body.RootElement.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("cas", out var cas) && cas.TryGetInt32(out var expected) && expected != currentVersion)
        {
            return VaultReply.Error(400, "check-and-set parameter did not match the current version");
        }

        var entry = new KvEntryVersion { Number = currentVersion + 1, Data = Fields(data), CreatedTime = state.Time.GetUtcNow() };
        versions.Add(entry);
        return VaultReply.Envelope(200, w =>
        {
            w.WriteString("created_time", entry.CreatedTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNull("custom_metadata");
            w.WriteString("deletion_time", string.Empty);
            w.WriteBoolean("destroyed", false);
            w.WriteNumber("version", entry.Number);
        });
    }

    private static Dictionary<string, string> Fields(JsonElement data)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return fields;
    }
}
