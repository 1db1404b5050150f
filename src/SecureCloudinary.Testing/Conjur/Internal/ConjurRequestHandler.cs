using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Conjur.Internal;

/// <summary>
/// Routes and answers Conjur API requests from the raw request target (so encoded slashes are seen as the
/// client sent them), with Conjur's status codes and error bodies.
/// </summary>
internal sealed class ConjurRequestHandler
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly ConjurState _state;

    public ConjurRequestHandler(ConjurState state) => _state = state;

    public async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var acceptsBase64 = AcceptsBase64(context.Request);
        try
        {
            await RouteAsync(context, raw, acceptsBase64).ConfigureAwait(false);
        }
        finally
        {
            _state.Record(new EmulatedConjurRequest(context.Request.Method, raw, context.Response.StatusCode, acceptsBase64));
        }
    }

    private async Task RouteAsync(HttpContext context, string raw, bool acceptsBase64)
    {
        if (raw.Length > _state.MaxRequestTargetLength)
        {
            await WriteTextAsync(context, HttpStatusCode.RequestUriTooLong, "Request-URI Too Large").ConfigureAwait(false);
            return;
        }

        if (_state.Faults.TryTake(out var fault))
        {
            await WriteErrorAsync(context, fault, "internal_error", "Injected fault").ConfigureAwait(false);
            return;
        }

        if (_state.HttpFaults.TryTake(out var httpFault))
        {
            await HttpFaultResponder.WriteAsync(context, httpFault, "application/json", _state.HttpFaults.ReleaseToken).ConfigureAwait(false);
            return;
        }

        var queryStart = raw.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? raw : raw[..queryStart];
        var query = queryStart < 0 ? string.Empty : raw[(queryStart + 1)..];
        if (_state.PathBase.Length > 0)
        {
            if (!path.StartsWith(_state.PathBase + "/", StringComparison.Ordinal))
            {
                await WriteNotFoundAsync(context, "route").ConfigureAwait(false);
                return;
            }

            path = path[_state.PathBase.Length..];
        }

        var segments = path.Split('/', StringSplitOptions.None)[1..];
        var method = context.Request.Method;
        if (method == HttpMethods.Post && segments is ["authn", var account, var login, "authenticate"])
        {
            await AuthenticateAsync(context, Unescape(account), Unescape(login), acceptsBase64).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && segments is ["authn-ldap", var ldapService, var ldapAccount, var ldapLogin, "authenticate"])
        {
            await AuthenticateLdapAsync(context, Unescape(ldapService), Unescape(ldapAccount), Unescape(ldapLogin), acceptsBase64).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && segments is ["authn-jwt", var service, var jwtAccount, "authenticate"])
        {
            await AuthenticateJwtAsync(context, Unescape(service), Unescape(jwtAccount), null, acceptsBase64).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && segments is ["authn-jwt", var service2, var jwtAccount2, var hostId, "authenticate"])
        {
            await AuthenticateJwtAsync(context, Unescape(service2), Unescape(jwtAccount2), Unescape(hostId), acceptsBase64).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Get && segments is ["secrets"])
        {
            await BatchAsync(context, query, acceptsBase64).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && segments.Length >= 4 && segments[0] == "secrets")
        {
            await AddSecretAsync(context, Unescape(segments[1]), Unescape(segments[2]), Unescape(string.Join('/', segments[3..])))
                .ConfigureAwait(false);
        }
        else if (method == HttpMethods.Get && segments.Length >= 4 && segments[0] == "resources")
        {
            await ResourceAsync(context, Unescape(segments[1]), Unescape(segments[2]), Unescape(string.Join('/', segments[3..]))).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Get && segments.Length >= 4 && segments[0] == "secrets")
        {
            await SecretAsync(context, Unescape(segments[1]), Unescape(segments[2]), Unescape(string.Join('/', segments[3..])), query)
                .ConfigureAwait(false);
        }
        else
        {
            await WriteNotFoundAsync(context, "route").ConfigureAwait(false);
        }
    }

    private async Task AuthenticateAsync(HttpContext context, string account, string login, bool acceptsBase64)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (account != _state.Account || body is null || !_state.CheckApiKey(login, Encoding.UTF8.GetString(body)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await WriteTokenAsync(context, login, acceptsBase64).ConfigureAwait(false);
    }

    private async Task AuthenticateLdapAsync(HttpContext context, string serviceId, string account, string login, bool acceptsBase64)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (account != _state.Account || body is null || !_state.CheckLdapPassword(serviceId, login, Encoding.UTF8.GetString(body)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await WriteTokenAsync(context, login, acceptsBase64).ConfigureAwait(false);
    }

    private async Task AuthenticateJwtAsync(HttpContext context, string serviceId, string account, string? hostId, bool acceptsBase64)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "bad_request", "The request body is missing the jwt parameter").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var jwt = form["jwt"].ToString();
        if (jwt.Length == 0)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "bad_request", "The request body is missing the jwt parameter").ConfigureAwait(false);
            return;
        }

        var host = account == _state.Account ? _state.CheckJwt(serviceId, jwt, hostId) : null;
        if (host is null)
        {
            await WriteErrorAsync(context, HttpStatusCode.Unauthorized, "unauthorized", "CONJ00035E Failed to authenticate with the JWT").ConfigureAwait(false);
            return;
        }

        await WriteTokenAsync(context, host, acceptsBase64).ConfigureAwait(false);
    }

    private async Task SecretAsync(HttpContext context, string account, string kind, string id, string query)
    {
        var login = await AuthorizeAsync(context).ConfigureAwait(false);
        if (login is null)
        {
            return;
        }

        var fullId = $"{account}:{kind}:{id}";
        int? version = null;
        var versionText = QueryValue(query, "version");
        if (versionText is not null)
        {
            if (!int.TryParse(versionText, out var v) || v < 1)
            {
                await WriteErrorAsync(context, HttpStatusCode.UnprocessableEntity, "argument_error", "version").ConfigureAwait(false);
                return;
            }

            version = v;
        }

        var privileges = _state.PrivilegesOf(login, id);
        if (account != _state.Account || kind != "variable" || !_state.Exists(id) || privileges == ConjurPrivileges.None)
        {
            await WriteNotFoundAsync(context, fullId).ConfigureAwait(false);
            return;
        }

        if (!privileges.HasFlag(ConjurPrivileges.Execute))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var value = _state.Value(id, version);
        if (value is null)
        {
            await WriteNotFoundAsync(context, fullId).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = value.Length;
        await context.Response.Body.WriteAsync(value).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /resources/{account}/variable/{id}</c>: the variable's resource record with the versions kept in
    /// <c>secrets</c>; needs <c>read</c> (404 when the role has no privilege on it, 403 with another privilege only).
    /// </summary>
    private async Task ResourceAsync(HttpContext context, string account, string kind, string id)
    {
        var login = await AuthorizeAsync(context).ConfigureAwait(false);
        if (login is null)
        {
            return;
        }

        var fullId = $"{account}:{kind}:{id}";
        var privileges = _state.PrivilegesOf(login, id);
        if (account != _state.Account || kind != "variable" || !_state.Exists(id) || privileges == ConjurPrivileges.None)
        {
            await WriteErrorAsync(context, HttpStatusCode.NotFound, "not_found", $"CONJ00076E Resource {fullId} not found").ConfigureAwait(false);
            return;
        }

        if (!privileges.HasFlag(ConjurPrivileges.Read))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var record = new Dictionary<string, object>
        {
            ["annotations"] = Array.Empty<object>(),
            ["id"] = fullId,
            ["owner"] = $"{_state.Account}:policy:root",
            ["permissions"] = Array.Empty<object>(),
            ["secrets"] = _state.Versions(id).Select(v => new Dictionary<string, object?> { ["version"] = v, ["expires_at"] = null }).ToArray(),
        };
        await WriteJsonAsync(context, HttpStatusCode.OK, record).ConfigureAwait(false);
    }

    /// <summary><c>POST /secrets/{account}/variable/{id}</c>: adds a value as a new version; needs <c>update</c> (201, else 403/404).</summary>
    private async Task AddSecretAsync(HttpContext context, string account, string kind, string id)
    {
        var login = await AuthorizeAsync(context).ConfigureAwait(false);
        if (login is null)
        {
            return;
        }

        var privileges = _state.PrivilegesOf(login, id);
        if (account != _state.Account || kind != "variable" || !_state.Exists(id) || privileges == ConjurPrivileges.None)
        {
            await WriteNotFoundAsync(context, $"{account}:{kind}:{id}").ConfigureAwait(false);
            return;
        }

        if (!privileges.HasFlag(ConjurPrivileges.Update))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null || body.Length == 0)
        {
            await WriteErrorAsync(context, HttpStatusCode.UnprocessableEntity, "argument_error", "value").ConfigureAwait(false);
            return;
        }

        _state.AddValue(id, body);
        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    private async Task BatchAsync(HttpContext context, string query, bool acceptsBase64)
    {
        var login = await AuthorizeAsync(context).ConfigureAwait(false);
        if (login is null)
        {
            return;
        }

        var list = QueryValue(query, "variable_ids");
        var ids = string.IsNullOrEmpty(list) ? [] : list.Split(',');
        if (ids.Length == 0 || ids.Any(string.IsNullOrEmpty))
        {
            await WriteErrorAsync(context, HttpStatusCode.UnprocessableEntity, "argument_error", "variable_ids").ConfigureAwait(false);
            return;
        }

        var parsed = new List<(string FullId, string Id)>();
        foreach (var fullId in ids)
        {
            var parts = fullId.Split(':', 3);
            if (parts.Length != 3 || parts[0] != _state.Account || parts[1] != "variable" || !_state.Exists(parts[2])
                || _state.PrivilegesOf(login, parts[2]) == ConjurPrivileges.None)
            {
                await WriteNotFoundAsync(context, fullId).ConfigureAwait(false);
                return;
            }

            parsed.Add((fullId, parts[2]));
        }

        if (parsed.Any(p => !_state.PrivilegesOf(login, p.Id).HasFlag(ConjurPrivileges.Execute)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fullId, id) in parsed)
        {
            var value = _state.Value(id, null);
            if (value is null)
            {
                await WriteNotFoundAsync(context, fullId).ConfigureAwait(false);
                return;
            }

            if (acceptsBase64)
            {
                values[fullId] = RubyBase64(value);
                continue;
            }

            try
            {
                values[fullId] = StrictUtf8.GetString(value);
            }
            catch (DecoderFallbackException)
            {
                await WriteErrorAsync(context, HttpStatusCode.NotAcceptable, "not_acceptable",
                    "CONJ00074E Issue encoding secret into JSON format, try including 'Accept-Encoding: base64' header in request.").ConfigureAwait(false);
                return;
            }
        }

        if (acceptsBase64)
        {
            context.Response.Headers.ContentEncoding = "base64";
        }

        await WriteJsonAsync(context, HttpStatusCode.OK, values).ConfigureAwait(false);
    }

    private async Task<string?> AuthorizeAsync(HttpContext context)
    {
        var login = _state.Signer.Verify(context.Request.Headers.Authorization.ToString(), out var error);
        if (login is null || !_state.IsEnabled(login))
        {
            await WriteTextAsync(context, HttpStatusCode.Unauthorized, login is null ? error : "Unauthorized: Invalid token").ConfigureAwait(false);
            return null;
        }

        return login;
    }

    private async Task WriteTokenAsync(HttpContext context, string login, bool acceptsBase64)
    {
        var token = _state.Signer.Issue(login);
        if (acceptsBase64)
        {
            context.Response.Headers.ContentEncoding = "base64";
            await WriteTextAsync(context, HttpStatusCode.OK, Convert.ToBase64String(Encoding.UTF8.GetBytes(token))).ConfigureAwait(false);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(token);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    /// <summary>Ruby's <c>Base64.encode64</c>: lines of 60 characters, each ending in a newline.</summary>
    private static string RubyBase64(byte[] value)
    {
        var text = Convert.ToBase64String(value);
        var builder = new StringBuilder(text.Length + (text.Length / 60) + 1);
        for (var i = 0; i < text.Length; i += 60)
        {
            builder.Append(text, i, Math.Min(60, text.Length - i)).Append('\n');
        }

        return builder.ToString();
    }

    private static bool AcceptsBase64(HttpRequest request) =>
        request.Headers.AcceptEncoding.SelectMany(v => (v ?? string.Empty).Split(','))
            .Any(v => string.Equals(v.Trim(), "base64", StringComparison.OrdinalIgnoreCase));

    /// <summary>Decodes one query parameter the way Rails does (<c>+</c> is a space, then percent-decoding).</summary>
    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (FormDecode(key) == name)
            {
                return eq < 0 ? string.Empty : FormDecode(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static Task WriteNotFoundAsync(HttpContext context, string fullId) =>
        WriteErrorAsync(context, HttpStatusCode.NotFound, "not_found", $"CONJ00076E Variable {fullId} is empty or not found.");

    private static Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string code, string message) =>
        WriteJsonAsync(context, status, new Dictionary<string, Dictionary<string, string>>
        {
            ["error"] = new() { ["code"] = code, ["message"] = message },
        });

    private static async Task WriteJsonAsync<T>(HttpContext context, HttpStatusCode status, T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, HttpStatusCode status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}
