using System.Text;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// The settings of one profile in the AWS shared config and credentials files, read as the AWS SDKs read them:
/// the config file is <c>AWS_CONFIG_FILE</c> (or <c>config</c> next to <c>ProfilesLocation</c>, else
/// <c>~/.aws/config</c>) with <c>[profile name]</c>/<c>[default]</c> sections, the credentials file is
/// <c>ProfilesLocation</c>, <c>AWS_SHARED_CREDENTIALS_FILE</c> or <c>~/.aws/credentials</c> with <c>[name]</c>
/// sections; the profile is <c>Profile</c>, <c>AWS_PROFILE</c> or <c>default</c>. A profile's <c>services</c> key names a
/// <c>[services name]</c> section whose <c>secrets_manager</c> sub-settings apply to this service only.
/// </summary>
internal sealed class AwsSharedConfig
{
    public const string ServiceKey = "secrets_manager";
    private const int MaxFileBytes = 1024 * 1024;

    private readonly Dictionary<string, (string Value, string File)> _settings;
    private readonly Dictionary<string, (string Value, string File)> _service;

    private AwsSharedConfig(string profileName, Dictionary<string, (string, string)> settings, Dictionary<string, (string, string)> service, string? servicesSection)
    {
        ProfileName = profileName;
        _settings = settings;
        _service = service;
        ServicesSection = servicesSection;
    }

    /// <summary>The profile the settings come from.</summary>
    public string ProfileName { get; }

    /// <summary>The name of the <c>[services ...]</c> section the profile refers to, or null.</summary>
    public string? ServicesSection { get; }

    /// <summary>An empty configuration (no files).</summary>
    public static AwsSharedConfig Empty { get; } = new("default", new(StringComparer.Ordinal), new(StringComparer.Ordinal), null);

    /// <summary>Reads the profile's settings; missing files or profiles give no settings.</summary>
    /// <exception cref="CloudinaryCredentialException">A file cannot be read.</exception>
    public static AwsSharedConfig Load(string? profile, string? profilesLocation, Func<string, string?> environment)
    {
        var name = !string.IsNullOrWhiteSpace(profile) ? profile.Trim()
            : environment("AWS_PROFILE") is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : "default";
        var home = environment("HOME") ?? environment("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string configPath, credentialsPath;
        if (!string.IsNullOrWhiteSpace(profilesLocation))
        {
            credentialsPath = profilesLocation.Trim();
            configPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(credentialsPath)) ?? ".", "config");
        }
        else
        {
            credentialsPath = environment("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } c ? c : Path.Combine(home, ".aws", "credentials");
            configPath = environment("AWS_CONFIG_FILE") is { Length: > 0 } f ? f : Path.Combine(home, ".aws", "config");
        }

        var config = Parse(configPath);
        var settings = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var section = name == "default" && !config.ContainsKey("profile default") ? "default" : "profile " + name;
        Merge(settings, config, section, configPath);
        Merge(settings, Parse(credentialsPath), name, credentialsPath);

        var service = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        string? servicesSection = null;
        if (settings.TryGetValue("services", out var services))
        {
            servicesSection = services.Item1;
            if (config.TryGetValue("services " + servicesSection, out var entries))
            {
                var prefix = ServiceKey + ".";
                foreach (var (key, value) in entries)
                {
                    if (key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        service[key[prefix.Length..]] = (value, configPath);
                    }
                }
            }
        }

        return new AwsSharedConfig(name, settings, service, servicesSection);
    }

    /// <summary>A profile setting and where it is described (for messages), or (null, null).</summary>
    public (string? Value, string? Origin) Get(string key) =>
        _settings.TryGetValue(key, out var found) && found.Value.Length > 0
            ? (found.Value, $"'{key}' of profile '{ProfileName}' in {found.File}")
            : (null, null);

    /// <summary>A <c>secrets_manager</c> setting of the profile's services section, or (null, null).</summary>
    public (string? Value, string? Origin) GetServiceSetting(string key) =>
        _service.TryGetValue(key, out var found) && found.Value.Length > 0
            ? (found.Value, $"'{ServiceKey}.{key}' of [services {ServicesSection}] in {found.File}")
            : (null, null);

    private static void Merge(Dictionary<string, (string, string)> target, Dictionary<string, Dictionary<string, string>> file, string section, string path)
    {
        if (file.TryGetValue(section, out var entries))
        {
            foreach (var (key, value) in entries)
            {
                target[key] = (value, path);
            }
        }
    }

    /// <summary>Sections → keys → values; an indented line under "key =" becomes "key.sub".</summary>
    private static Dictionary<string, Dictionary<string, string>> Parse(string path)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return sections;
            }

            if (info.Length > MaxFileBytes)
            {
                throw Fail($"The AWS shared config file {path} is larger than {MaxFileBytes} bytes.");
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Fail($"The AWS shared config file {path} could not be read ({e.GetType().Name}); check its permissions, AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE or ProfilesLocation.");
        }

        Dictionary<string, string>? current = null;
        string? parent = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.Ordinal);
                parent = null;
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
            {
                continue;
            }

            var key = trimmed[..equals].Trim().ToLowerInvariant();
            var value = StripComment(trimmed[(equals + 1)..]).Trim();
            if (char.IsWhiteSpace(line[0]) && parent is not null)
            {
                current[parent + "." + key] = value;
                continue;
            }

            current[key] = value;
            parent = value.Length == 0 ? key : null;
        }

        return sections;
    }

    private static string StripComment(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] is '#' or ';' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i];
            }
        }

        return value;
    }

    private static CloudinaryCredentialException Fail(string message) =>
        new(AwsSecretsManagerCredentialSource.SourceName, CredentialFailureReason.NotFound, message);
}
