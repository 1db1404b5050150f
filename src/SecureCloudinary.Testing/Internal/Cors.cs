using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// CORS headers modelled on Cloudinary's API answers: any origin may call (no cookies are involved; requests are
/// authorised by their signature), preflights allow the methods and headers the upload widgets and SDKs use.
/// </summary>
internal static class Cors
{
    private const string AllowedHeaders =
        "Authorization, Cache-Control, Content-Disposition, Content-MD5, Content-Range, Content-Type, " +
        "DNT, If-Modified-Since, Keep-Alive, Origin, User-Agent, X-Requested-With, X-Unique-Upload-Id";

    public static void AddHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE, OPTIONS";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "1728000";
    }
}
