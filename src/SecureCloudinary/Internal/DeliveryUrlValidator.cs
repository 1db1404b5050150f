namespace SecureCloudinary.Internal;

/// <summary>Checks delivery-URL inputs; messages name the bad member, never a value.</summary>
internal static class DeliveryUrlValidator
{
    public static void Validate(string publicId, DeliveryUrlOptions options)
    {
        if (publicId[0] == '/')
        {
            throw new ArgumentException("The public ID must not start with '/'.", nameof(publicId));
        }

        CheckToken(options.ResourceType, nameof(DeliveryUrlOptions.ResourceType), nameof(options));
        CheckToken(options.DeliveryType, nameof(DeliveryUrlOptions.DeliveryType), nameof(options));
        if (!string.IsNullOrEmpty(options.Format) && !All(options.Format, char.IsAsciiLetterOrDigit))
        {
            throw Invalid(nameof(DeliveryUrlOptions.Format), "may contain only ASCII letters and digits", nameof(options));
        }

        if (options.Version < 0)
        {
            throw Invalid(nameof(DeliveryUrlOptions.Version), "must not be negative", nameof(options));
        }

        if (options.Transformation is { } t && !All(t, static c => c is >= ' ' and <= '~' and not ('?' or '#' or '\\')))
        {
            throw Invalid(
                nameof(DeliveryUrlOptions.Transformation),
                "must be URL-ready ASCII without '?', '#', '\\' or control characters (percent-encode text overlays)",
                nameof(options));
        }
    }

    public static void ValidateHost(string? host, string paramName)
    {
        if (host is not null && !All(host, static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))
        {
            throw new ArgumentException(
                "The credentials' SecureDistribution or CName setting is not a valid host name.", paramName);
        }
    }

    private static void CheckToken(string? value, string member, string paramName)
    {
        if (string.IsNullOrEmpty(value) || !All(value, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw Invalid(member, "must be a non-empty name of ASCII letters, digits, '_' or '-'", paramName);
        }
    }

    private static ArgumentException Invalid(string member, string problem, string paramName) =>
        new($"DeliveryUrlOptions.{member} {problem}.", paramName);

    private static bool All(string value, Func<char, bool> predicate)
    {
        foreach (var c in value)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
