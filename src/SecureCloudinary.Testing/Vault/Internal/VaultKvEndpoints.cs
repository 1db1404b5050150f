using System.Globalization;
using System.Text.Json;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>KV v1/v2 reads and <c>sys/internal/ui/mounts</c>, as a Vault server answers them. Caller holds the lock.</summary>
internal sealed class VaultKvEndpoints(VaultEmulatorState state)
{
    public const string VersionedPathWarning =
        "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. "
        + "If using the Vault CLI, use 'vault kv get' for this operation.";

    public VaultReply DescribeMount(EmulatedToken token, string ns, string path)
    {
        var mount = state.Namespace(ns).FindMount(Uri.UnescapeDataString(path), out _);
        if (mount is null || !state.CanSeeMount(token, mount.Path))
        {
            return VaultReply.Forbidden();
        }

        return VaultReply.Envelope(200, w =>
        {
            w.WriteString("accessor", "kv_" + mount.Path.GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture));
            w.WriteStartObject("config");
            w.WriteNumber("default_lease_ttl", 0);
            w.WriteNumber("max_lease_ttl", 0);
            w.WriteEndObject();
            w.WriteString("description", string.Empty);
            w.WriteBoolean("local", false);
            if (mount.Version == 2)
            {
                w.WriteStartObject("options");
                w.WriteString("version", "2");
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("options");
            }

            w.WriteString("path", mount.Path + "/");
            w.WriteBoolean("seal_wrap", false);
            w.WriteString("type", "kv");
        });
    }

    public VaultReply Read(EmulatedToken token, string ns, string path, string versionQuery)
    {
        if (!state.CanRead(token, path))
        {
            return VaultReply.Forbidden();
        }

        var mount = state.Namespace(ns).FindMount(path, out var rest);
        if (mount is null)
        {
            return VaultReply.Error(404, $"no handler for route \"{path}\". route entry not found.");
        }

        if (mount.Version == 1)
        {
            return ReadV1(mount, rest);
        }

        if (!rest.StartsWith("data/", StringComparison.Ordinal))
        {
            return VaultReply.Envelope(404, null, warning: VersionedPathWarning);
        }

        return ReadV2(mount, rest["data/".Length..], versionQuery);
    }

    private static VaultReply ReadV1(KvMount mount, string key)
    {
        if (!mount.Secrets.TryGetValue(key, out var versions) || versions.Count == 0)
        {
            return VaultReply.Error(404);
        }

        var data = versions[^1].Data;
        var lease = data.TryGetValue("ttl", out var ttl) ? ParseSeconds(ttl) : 0;
        return VaultReply.Envelope(200, w => WriteData(w, data), leaseDuration: lease);
    }

    private VaultReply ReadV2(KvMount mount, string key, string versionQuery)
    {
        if (!mount.Secrets.TryGetValue(key, out var versions) || versions.Count == 0)
        {
            return VaultReply.Error(404);
        }

        var wanted = int.TryParse(versionQuery, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : versions[^1].Number;
        var version = versions.FirstOrDefault(v => v.Number == wanted);
        if (version is null)
        {
            return VaultReply.Error(404);
        }

        var now = state.Time.GetUtcNow();
        var gone = version.Destroyed || version.DeletionTime is { } d && d <= now;
        return VaultReply.Envelope(gone ? 404 : 200, w =>
        {
            if (gone)
            {
                w.WriteNull("data");
            }
            else
            {
                w.WriteStartObject("data");
                WriteData(w, version.Data);
                w.WriteEndObject();
            }

            w.WriteStartObject("metadata");
            w.WriteString("created_time", Time(version.CreatedTime));
            w.WriteNull("custom_metadata");
            w.WriteString("deletion_time", version.DeletionTime is { } t ? Time(t) : string.Empty);
            w.WriteBoolean("destroyed", version.Destroyed);
            w.WriteNumber("version", version.Number);
            w.WriteEndObject();
        });
    }

    private static void WriteData(Utf8JsonWriter w, IReadOnlyDictionary<string, string> data)
    {
        foreach (var (name, value) in data)
        {
            w.WriteString(name, value);
        }
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static long ParseSeconds(string ttl)
    {
        ttl = ttl.Trim();
        if (long.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        if (ttl.Length > 1 && long.TryParse(ttl[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return ttl[^1] switch { 's' => amount, 'm' => amount * 60, 'h' => amount * 3600, _ => 0 };
        }

        return 0;
    }
}
