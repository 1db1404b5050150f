using System.Buffers;

namespace SecureCloudinary.Internal;

/// <summary>
/// The rule for the names of signed parameters: not empty, and no <c>&amp;</c>, <c>=</c>, white space or control
/// character. A name such as <c>n=1&amp;notification_url</c> would otherwise sign the string of other, real fields
/// (<c>n</c> and <c>notification_url</c>) and so bypass any allow-list of names an application applies.
/// </summary>
internal static class ParameterNames
{
    public const string Rule = "parameter names may not be empty or contain '&', '=', white space or control characters";

    /// <summary>Printable ASCII except <c>&amp;</c> and <c>=</c>: the characters of every real parameter name.</summary>
    private static readonly SearchValues<char> PlainChars = SearchValues.Create(
        string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c is not ('&' or '='))));

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        // One vectorized scan decides real names; from the first other character on, the loop decides.
        var first = name.AsSpan().IndexOfAnyExcept(PlainChars);
        if (first < 0)
        {
            return true;
        }

        foreach (var c in name.AsSpan(first))
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
