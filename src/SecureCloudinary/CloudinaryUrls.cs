using System.Buffers;
using System.Globalization;
using SecureCloudinary.Internal;

namespace SecureCloudinary;

/// <summary>Builds Cloudinary delivery URLs, signed or not, the way the official SDKs do.</summary>
public static class CloudinaryUrls
{
    private const string SharedHost = "res.cloudinary.com";
    private const string OldAkamaiSharedCdn = "cloudinary-a.akamaihd.net";
    private const int StackLimit = 1024;

    /// <summary>
    /// Builds <c>https://res.cloudinary.com/{cloud}/{resource_type}/{type}/[s--sig--/][transformation/][v{version}/]{public_id}[.{format}]</c>.
    /// </summary>
    /// <remarks>
    /// <para>The public ID is percent-decoded, then encoded like <c>encodeURIComponent</c> keeping <c>/</c> and
    /// <c>:</c> (a space becomes <c>%20</c>); an ID starting with <c>http://</c> or <c>https://</c> is a remote
    /// (fetch) source, escaped like the SDKs' <c>smart_escape</c>, with no format and no automatic version.
    /// <c>v1</c> is added when no version is given and the ID contains a <c>/</c> (and does not already start with
    /// <c>v</c> and digits).</para>
    /// <para>The signature covers <c>transformation/public_id[.format]</c> as it appears in the URL (never the version):
    /// URL-safe base64 of SHA-1(to_sign + secret), first 8 chars; SHA-256 when
    /// <see cref="CloudinaryUrlSettings.SignatureAlgorithm"/> is <see cref="SignatureAlgorithm.Sha256"/>; SHA-256 and
    /// 32 chars when <see cref="DeliveryUrlOptions.LongSignature"/> or <see cref="CloudinaryUrlSettings.LongUrlSignature"/>.
    /// Non-ASCII IDs are signed in their percent-encoded form, as the Node SDK does (CloudinaryDotNet signs them
    /// unescaped; which form Cloudinary's servers accept is unconfirmed, so prefer ASCII IDs for signed URLs).</para>
    /// <para>Host: URLs are always HTTPS (<see cref="CloudinaryUrlSettings.Secure"/> is not consulted). The host is
    /// <see cref="CloudinaryUrlSettings.SecureDistribution"/> when set, else <see cref="CloudinaryUrlSettings.CName"/>
    /// when set, else <c>{cloud}-res.cloudinary.com</c> with <see cref="CloudinaryUrlSettings.PrivateCdn"/>, else
    /// <c>res.cloudinary.com</c>. The cloud name follows the host unless <see cref="CloudinaryUrlSettings.PrivateCdn"/>
    /// is true. CDN sub-domain sharding (<c>cdn_subdomain</c>) is not used.</para>
    /// </remarks>
    /// <param name="credentials">The cloud name, secret (for signing) and delivery settings.</param>
    /// <param name="publicId">The asset's public ID (without extension unless it is part of the ID).</param>
    /// <param name="options">Resource type, delivery type, transformation, format, version and signing; null for the defaults.</param>
    /// <returns>The delivery URL. A signed URL grants access: treat it like a capability, not a secret.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> or <paramref name="publicId"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument or option is not valid; the message names it, never a secret.</exception>
    public static string BuildDeliveryUrl(CloudinaryCredentials credentials, string publicId, DeliveryUrlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        options ??= DeliveryUrlOptions.Default;
        DeliveryUrlValidator.Validate(publicId, options);
        var settings = credentials.Settings;
        var privateCdn = settings.PrivateCdn == true;
        var host = SelectHost(settings);
        DeliveryUrlValidator.ValidateHost(host, nameof(credentials));

        var remote = DeliveryPathEncoder.IsRemote(publicId);
        var format = remote || string.IsNullOrEmpty(options.Format) ? [] : options.Format.AsSpan();
        var transformation = (options.Transformation ?? string.Empty).AsSpan().Trim('/');

        // One buffer, three regions: collapsed transformation and ID, the encoded ID with its format, the URL.
        var scratchLength = transformation.Length + publicId.Length;
        var sourceCapacity = (publicId.Length * DeliveryPathEncoder.MaxEncodedCharsPerChar) + 1 + format.Length;
        var urlCapacity = 8 + Math.Max(host?.Length ?? 0, credentials.CloudName.Length + SharedHost.Length + 1)
            + 1 + credentials.CloudName.Length + 1 + options.ResourceType.Length + 1 + options.DeliveryType.Length + 1
            + 3 + 32 + 3 + (transformation.Length * 3) + 1 + 22 + sourceCapacity;
        var total = scratchLength + sourceCapacity + urlCapacity;
        char[]? rented = null;
        var buffer = total <= StackLimit ? stackalloc char[total] : (rented = ArrayPool<char>.Shared.Rent(total));
        try
        {
            var tLength = DeliveryPathEncoder.CollapseSlashes(transformation, buffer);
            var collapsedTransformation = buffer[..tLength];
            var idLength = DeliveryPathEncoder.CollapseSlashes(publicId, buffer[tLength..]);
            var sourceBuffer = buffer.Slice(scratchLength, sourceCapacity);
            var sourceLength = DeliveryPathEncoder.EncodePublicId(buffer.Slice(tLength, idLength), remote, sourceBuffer);
            if (!format.IsEmpty)
            {
                sourceBuffer[sourceLength++] = '.';
                format.CopyTo(sourceBuffer[sourceLength..]);
                sourceLength += format.Length;
            }

            ReadOnlySpan<char> source = sourceBuffer[..sourceLength];
            var url = buffer[(scratchLength + sourceCapacity)..];
            var n = 0;
            Append(url, ref n, "https://");
            if (host is not null)
            {
                Append(url, ref n, host);
            }
            else
            {
                if (privateCdn)
                {
                    Append(url, ref n, credentials.CloudName);
                    url[n++] = '-';
                }

                Append(url, ref n, SharedHost);
            }

            if (!privateCdn)
            {
                url[n++] = '/';
                Append(url, ref n, credentials.CloudName);
            }

            url[n++] = '/';
            Append(url, ref n, options.ResourceType);
            url[n++] = '/';
            Append(url, ref n, options.DeliveryType);
            url[n++] = '/';
            if (options.Signed)
            {
                var longSignature = options.LongSignature || settings.LongUrlSignature == true;
                var algorithm = longSignature ? SignatureAlgorithm.Sha256 : settings.SignatureAlgorithm ?? SignatureAlgorithm.Sha1;
                var signatureLength = longSignature ? 32 : 8;
                Append(url, ref n, "s--");
                CloudinarySigner.WriteUrlSignature(collapsedTransformation, source, credentials.ApiSecret, algorithm, url.Slice(n, signatureLength));
                n += signatureLength;
                Append(url, ref n, "--/");
            }

            if (tLength > 0)
            {
                n += DeliveryPathEncoder.WriteEscapingSpaces(collapsedTransformation, url[n..]);
                url[n++] = '/';
            }

            if (options.Version is { } version)
            {
                url[n++] = 'v';
                version.TryFormat(url[n..], out var written, default, CultureInfo.InvariantCulture);
                n += written;
                url[n++] = '/';
            }
            else if (!remote && source.Contains('/') && !StartsWithVersion(source))
            {
                Append(url, ref n, "v1/");
            }

            Append(url, ref n, source);
            return new string(url[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Null means the default Cloudinary host (res.cloudinary.com, or {cloud}-res.cloudinary.com for a private CDN).
    private static string? SelectHost(CloudinaryUrlSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.SecureDistribution) && settings.SecureDistribution != OldAkamaiSharedCdn)
        {
            return settings.SecureDistribution;
        }

        return string.IsNullOrEmpty(settings.CName) ? null : settings.CName;
    }

    private static bool StartsWithVersion(ReadOnlySpan<char> source) =>
        source.Length >= 2 && source[0] == 'v' && char.IsAsciiDigit(source[1]);

    private static void Append(Span<char> destination, ref int position, ReadOnlySpan<char> value)
    {
        value.CopyTo(destination[position..]);
        position += value.Length;
    }
}
