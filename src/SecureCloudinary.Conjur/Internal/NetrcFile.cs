namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Finds the login and password of one <c>machine</c> in a <c>.netrc</c> file, where the Conjur CLI stores the login
/// and API key after <c>conjur login</c> (machine <c>&lt;appliance&gt;/authn</c>). Tokens are whitespace-separated;
/// <c>macdef</c> blocks are skipped.
/// </summary>
internal static class NetrcFile
{
    private const int MaxBytes = 256 * 1024;

    public static (string Login, string Password)? Find(string path, IReadOnlyCollection<string> machines)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return FindInText(text, machines);
    }

    public static (string Login, string Password)? FindInText(string text, IReadOnlyCollection<string> machines)
    {
        var lines = text.Split('\n');
        var tokens = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["macdef", ..])
            {
                while (i + 1 < lines.Length && lines[i + 1].Trim().Length > 0)
                {
                    i++;
                }

                continue;
            }

            tokens.AddRange(parts);
        }

        string? machine = null, login = null, password = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is "machine" or "default")
            {
                if (Match(machine, login, password, machines) is { } hit)
                {
                    return hit;
                }

                machine = token == "default" ? null : i + 1 < tokens.Count ? tokens[++i] : null;
                login = password = null;
            }
            else if (token == "login" && i + 1 < tokens.Count)
            {
                login = tokens[++i];
            }
            else if (token == "password" && i + 1 < tokens.Count)
            {
                password = tokens[++i];
            }
            else if (token == "account" && i + 1 < tokens.Count)
            {
                i++;
            }
        }

        return Match(machine, login, password, machines);
    }

    private static (string, string)? Match(string? machine, string? login, string? password, IReadOnlyCollection<string> machines) =>
        machine is not null && login is not null && password is not null
        && machines.Any(m => string.Equals(m.TrimEnd('/'), machine.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            ? (login, password)
            : null;
}
