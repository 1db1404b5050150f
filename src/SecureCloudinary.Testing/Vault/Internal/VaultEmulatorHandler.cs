using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>
/// Serves <c>/v1/…</c>: sealed mode and injected faults first, then auth (login, token self-service, unwrap),
/// <c>sys/internal/ui/mounts</c> and KV reads. Token checks are done here, independently of any client code.
/// </summary>
internal sealed class VaultEmulatorHandler(VaultEmulatorState state)
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly VaultAuthEndpoints _auth = new(state);
    private readonly VaultKvEndpoints _kv = new(state);
    private readonly VaultKvWriteEndpoints _kvWrites = new(state);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? "/").TrimStart('/');
        var ns = VaultEmulatorState.NormalizeNamespace(request.Headers["X-Vault-Namespace"]);
        var token = request.Headers["X-Vault-Token"].ToString();
        VaultReply reply;
        if (!path.StartsWith("v1/", StringComparison.Ordinal))
        {
            reply = VaultReply.Error(404);
        }
        else
        {
            path = path[3..].TrimEnd('/');
            using var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (path != "sys/health" && state.HttpFaults.TryTake(out var httpFault))
            {
                await HttpFaultResponder.WriteAsync(context, httpFault, "application/json", state.HttpFaults.ReleaseToken).ConfigureAwait(false);
                lock (state.Lock)
                {
                    state.Requests.Add(new VaultEmulatedRequest(request.Method, path, ns, context.Response.StatusCode, token.Length > 0, state.Time.GetUtcNow()));
                }

                return;
            }

            Uri? redirect;
            lock (state.Lock)
            {
                redirect = state.RedirectTarget is { } target && path != "sys/health"
                    ? new Uri(target, "v1/" + path + request.QueryString.Value)
                    : null;
                if (redirect is not null)
                {
                    reply = new VaultReply(state.RedirectStatus, null);
                }
                else
                {
                    (ns, path) = SplitNamespace(ns, path);
                    reply = Route(request, path, ns, token, body);
                }
            }

            if (redirect is not null)
            {
                context.Response.Headers.Location = redirect.AbsoluteUri;
            }
        }

        await WriteAsync(context.Response, reply).ConfigureAwait(false);
        lock (state.Lock)
        {
            state.Requests.Add(new VaultEmulatedRequest(request.Method, path, ns, reply.Status, token.Length > 0, state.Time.GetUtcNow()));
        }
    }

    private VaultReply Route(HttpRequest request, string path, string ns, string tokenValue, JsonDocument? body)
    {
        if (path == "sys/health")
        {
            return state.Sealed ? VaultReply.Error(503, "Vault is sealed") : VaultReply.Envelope(200, null);
        }

        if (state.Sealed)
        {
            return VaultReply.Error(503, "Vault is sealed");
        }

        if (state.Faults.TryTake(out var fault))
        {
            return VaultReply.Error((int)fault, "injected fault");
        }

        var method = request.Method;
        if (path.StartsWith("auth/", StringComparison.Ordinal) && HttpMethods.IsPost(method) && _auth.TryLogin(path, ns, body, out var login))
        {
            return login;
        }

        if (path == "sys/wrapping/unwrap" && HttpMethods.IsPost(method))
        {
            return _auth.Unwrap(tokenValue, ns);
        }

        var token = Authenticate(tokenValue, ns);
        if (token is null)
        {
            return VaultReply.Error(403, "permission denied", "invalid token");
        }

        switch (path)
        {
            case "auth/token/lookup-self" when HttpMethods.IsGet(method):
                return _auth.LookupSelf(token);
            case "auth/token/renew-self" when HttpMethods.IsPost(method) || HttpMethods.IsPut(method):
                return _auth.RenewSelf(token);
            case "auth/token/revoke-self" when HttpMethods.IsPost(method) || HttpMethods.IsPut(method):
                token.Revoked = true;
                return VaultReply.NoContent();
        }

        if (path.StartsWith("sys/internal/ui/mounts/", StringComparison.Ordinal) && HttpMethods.IsGet(method))
        {
            return _kv.DescribeMount(token, ns, path["sys/internal/ui/mounts/".Length..]);
        }

        if (HttpMethods.IsGet(method))
        {
            return _kv.Read(token, ns, Uri.UnescapeDataString(path), request.Query["version"].ToString());
        }

        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method))
        {
            return _kvWrites.Write(token, ns, Uri.UnescapeDataString(path), body);
        }

        return VaultReply.Error(405, "unsupported operation");
    }

    /// <summary>
    /// A path may start with (child) namespace segments instead of, or below, the header: <c>/v1/ns1/ns2/secret/…</c>
    /// equals <c>X-Vault-Namespace: ns1/ns2</c>. The longest known namespace wins.
    /// </summary>
    private (string Namespace, string Path) SplitNamespace(string ns, string path)
    {
        var best = (ns, path);
        foreach (var known in state.Namespaces.Keys)
        {
            if (known.Length == 0)
            {
                continue;
            }

            var relative = ns.Length == 0 ? known : known.StartsWith(ns + "/", StringComparison.Ordinal) ? known[(ns.Length + 1)..] : null;
            if (relative is not null && path.StartsWith(relative + "/", StringComparison.Ordinal) && known.Length > best.ns.Length)
            {
                best = (known, path[(relative.Length + 1)..]);
            }
        }

        return best;
    }

    private EmulatedToken? Authenticate(string value, string ns)
    {
        if (value.Length == 0 || !state.Tokens.TryGetValue(value, out var token))
        {
            return null;
        }

        return token.IsValid(state.Time.GetUtcNow()) && token.WrappedSecretId is null && token.Namespace == ns ? token : null;
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                return null;
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpResponse response, VaultReply reply)
    {
        response.StatusCode = reply.Status;
        if (reply.Members is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            reply.Members(writer);
            writer.WriteEndObject();
        }

        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }
}
