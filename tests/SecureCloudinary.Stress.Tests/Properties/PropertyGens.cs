using System.Text;
using CsCheck;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>Generators shared by the property tests.</summary>
internal static class PropertyGens
{
    /// <summary>Long and unusual enough never to occur in fixed message text.</summary>
    public const string Sentinel = "Pr0pS3ntinelQ";

    public static readonly Gen<string> CloudName =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"].Array[1, 30].Select(c => new string(c));

    /// <summary>Any valid Unicode text (no lone surrogates): controls, white space, reserved URL characters, emoji.</summary>
    public static readonly Gen<string> Unicode =
        Gen.Int[0, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Array[0, 24]
            .Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    /// <summary>Text dense in the characters a URL must escape.</summary>
    public static readonly Gen<string> Awkward =
        Gen.Char[" \t\r\n:@/?#[]!$&'()*+,;=%\"<>\\^`{|}~\u007f\u00a0é☕\u200b"].Array[0, 12].Select(c => new string(c));

    /// <summary>A credential part: any non-blank text, awkward characters mixed with arbitrary Unicode.</summary>
    public static readonly Gen<string> Part =
        Gen.Select(Unicode, Awkward, Gen.Char.AlphaNumeric.Array[1, 8].Select(c => new string(c)))
            .Select((u, a, alnum) => u + a + alnum)
            .Where(s => !string.IsNullOrWhiteSpace(s));

    /// <summary>Arbitrary text with the sentinel somewhere inside, so a message quoting the input is caught.</summary>
    public static readonly Gen<string> WithSentinel =
        Gen.Select(Unicode, Awkward, Gen.OneOf(Gen.Const(""), Gen.Const("cloudinary://"), Gen.Const("CLOUDINARY_URL="), Gen.Const("{")), Gen.Int[0, 3])
            .Select((u, a, prefix, place) => place switch
            {
                0 => prefix + Sentinel + u + a,
                1 => prefix + u + Sentinel + a,
                2 => prefix + u + a + Sentinel,
                _ => prefix + u + ":" + Sentinel + "@" + a,
            });

    /// <summary>JSON values of every kind, nested, with the sentinel in strings.</summary>
    public static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, self) =>
    {
        var scalar = Gen.OneOf(
            Gen.Const("null"),
            Gen.Const("true"),
            Gen.Const("false"),
            Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Select(Unicode, Awkward).Select((u, a) => Quote(Sentinel + u + a)),
            Gen.Select(CloudName, Part).Select((c, p) => Quote($"cloudinary://{Uri.EscapeDataString(p)}:{Sentinel}@{c}")));
        if (depth > 2)
        {
            return scalar;
        }

        return Gen.OneOf(
            scalar,
            self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"),
            JsonObjectOf(self));
    });

    /// <summary>A JSON object whose names are mostly the ones the secret parser looks for.</summary>
    public static readonly Gen<string> JsonObject = JsonObjectOf(JsonValue);

    public static string Quote(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }

    private static Gen<string> JsonObjectOf(Gen<string> values) =>
        Gen.Select(
                Gen.OneOf(
                    Gen.Const("cloud_name"), Gen.Const("api_key"), Gen.Const("api_secret"), Gen.Const("url"),
                    Gen.Const("CLOUDINARY_URL"), Gen.Const("API_SECRET"), Unicode),
                values)
            .Array[0, 6]
            .Select(pairs => "{" + string.Join(",", pairs.Select(p => Quote(p.Item1) + ":" + p.Item2)) + "}");
}
