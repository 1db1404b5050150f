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

    /// <summary>'&amp;', '=', and every char for which <see cref="char.IsWhiteSpace(char)"/> or <see cref="char.IsControl(char)"/> holds.</summary>
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(BuildForbidden());

    public static bool IsValid(string? name) => !string.IsNullOrEmpty(name) && name.AsSpan().IndexOfAny(Forbidden) < 0;

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid name; the name itself is not repeated (it may hold control characters).</summary>
    public static void Validate(string? name, string where, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"{where}: {Rule}.", paramName);
        }
    }

    private static string BuildForbidden()
    {
        var chars = new List<char> { '&', '=' };
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsWhiteSpace((char)c) || char.IsControl((char)c))
            {
                chars.Add((char)c);
            }
        }

        return new string([.. chars]);
    }
}
