using System.Text;
using System.Text.RegularExpressions;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Turns Vault's <c>{"errors":[...]}</c> messages into text safe to put in an exception: a message is dropped
/// when it contains a value we sent (token, secret id, password, JWT) or anything shaped like a token or key.
/// </summary>
internal static partial class VaultErrorText
{
    private const int MaxMessages = 3;
    private const int MaxLength = 200;

    /// <summary>Returns <c> Vault said: "…".</c> for the safe messages, or an empty string.</summary>
    public static string Describe(IReadOnlyList<string> errors, IReadOnlyCollection<string>? secrets = null)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var error in errors)
        {
            var message = error.Trim();
            if (message.Length == 0 || !IsSafe(message, secrets))
            {
                continue;
            }

            if (message.Length > MaxLength)
            {
                message = message[..MaxLength] + "…";
            }

            builder.Append(count == 0 ? " Vault said: \"" : "; \"").Append(message).Append('"');
            if (++count == MaxMessages)
            {
                break;
            }
        }

        return count == 0 ? string.Empty : builder.Append('.').ToString();
    }

    /// <summary>Whether a Vault error message carries nothing that could be a secret.</summary>
    public static bool IsSafe(string message, IReadOnlyCollection<string>? secrets = null)
    {
        if (secrets is not null)
        {
            foreach (var secret in secrets)
            {
                if (secret.Length >= 4 && message.Contains(secret, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return !SecretLike().IsMatch(message);
    }

    // Vault tokens (hvs./hvb./hvr./s./b.), JWTs, and any long run of key-like characters.
    [GeneratedRegex(@"\bhv[sbr]\.|\b[sb]\.[A-Za-z0-9]{20,}|eyJ[A-Za-z0-9_-]{8,}|[A-Za-z0-9+/=_\-]{32,}", RegexOptions.CultureInvariant)]
    private static partial Regex SecretLike();
}
