namespace SecureCloudinary.Internal;

/// <summary>
/// The rule for the names of signed parameters: not empty, and no <c>&amp;</c>, <c>=</c>, white space or control
/// character. A name such as <c>n=1&amp;notification_url</c> would otherwise sign the string of other, real fields
/// (<c>n</c> and <c>notification_url</c>) and so bypass any allow-list of names an application applies.
/// </summary>
internal static class ParameterNames
{
    public const string Rule = "parameter names may not be empty or contain '&', '=', white space or control characters";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            // ASCII names (all real ones) are decided by the first two tests; the rest covers Unicode white space and C1 controls.
            if (c <= ' ' || c is '&' or '=' || (c >= '\u007f' && (char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid name; the name itself is not repeated (it may hold control characters).</summary>
    public static void Validate(string? name, string where, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"{where}: {Rule}.", paramName);
        }
    }
}
