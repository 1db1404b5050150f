using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// The Conjur protocol client: authenticated GETs with one re-authentication after a 401, bounded retries with
/// backoff for transient failures, single-variable and batch retrieval (split by URL length), and error mapping.
/// </summary>
internal sealed partial class ConjurClient : IDisposable
{
    private const int MaxIdsPerBatch = 50;

    private readonly HttpClient _http;
    private readonly ConjurEndpoint _endpoint;
    private readonly ConjurTokenCache _tokens;
    private readonly ConjurSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _identity;

    public ConjurClient(
        HttpClient http, ConjurEndpoint endpoint, ConjurTokenCache tokens, ConjurSettings settings, TimeProvider time, ILogger logger, string identity)
    {
        _http = http;
        _endpoint = endpoint;
        _tokens = tokens;
        _settings = settings;
        _time = time;
        _logger = logger;
        _identity = identity;
    }

    public ConjurTokenCache Tokens => _tokens;

    public ConjurEndpoint Endpoint => _endpoint;

    public void Dispose() => _tokens.Dispose();

    /// <summary>Reads several variables: batches of ids without commas, single requests for the rest.</summary>
    public async Task<Dictionary<string, byte[]>> GetSecretsAsync(IReadOnlyList<string> variableIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var distinct = variableIds.Distinct(StringComparer.Ordinal).ToList();
        var batchable = distinct.Where(ConjurEndpoint.CanBatch).ToList();
        var singles = distinct.Where(id => !ConjurEndpoint.CanBatch(id)).ToList();
        if (batchable.Count == 1)
        {
            singles.Insert(0, batchable[0]);
            batchable.Clear();
        }

        foreach (var chunk in Chunk(batchable))
        {
            await ReadBatchAsync(chunk, result, cancellationToken).ConfigureAwait(false);
        }

        foreach (var id in singles)
        {
            result[id] = await GetSecretAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Reads one variable through <c>GET /secrets/{account}/variable/{id}</c>.</summary>
    public async Task<byte[]> GetSecretAsync(string variableId, CancellationToken cancellationToken)
    {
        var fullId = _endpoint.FullId(variableId);
        var reply = await SendAsync(_endpoint.Secret(variableId), base64: false, $"the request for variable '{fullId}'", cancellationToken)
            .ConfigureAwait(false);
        return reply.Status switch
        {
            HttpStatusCode.OK => NotAVariableValue(reply, fullId) is { } broken ? throw broken : reply.Body,
            HttpStatusCode.Forbidden => throw Forbidden(fullId),
            HttpStatusCode.NotFound => throw NotFound(fullId),
            HttpStatusCode.UnprocessableEntity => throw ConjurErrors.Unavailable(
                $"Conjur rejected the request for variable '{fullId}' as invalid (HTTP 422); check the variable id.", transient: false),
            _ => throw ConjurErrors.Status($"the request for variable '{fullId}'", reply.Status, _settings.Prefix),
        };
    }

    private async Task ReadBatchAsync(List<string> ids, Dictionary<string, byte[]> result, CancellationToken cancellationToken)
    {
        if (ids.Count == 1)
        {
            result[ids[0]] = await GetSecretAsync(ids[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        var what = $"the batch request for {ids.Count} variables";
        var reply = await SendAsync(_endpoint.Batch(ids), base64: true, what, cancellationToken).ConfigureAwait(false);
        switch (reply.Status)
        {
            case HttpStatusCode.OK:
                ConjurBatchParser.Parse(reply.Body, reply.Base64, ids, _endpoint, result, what);
                return;
            case HttpStatusCode.RequestUriTooLong:
                ConjurLog.BatchSplit(_logger, ids.Count);
                var half = ids.Count / 2;
                await ReadBatchAsync(ids[..half], result, cancellationToken).ConfigureAwait(false);
                await ReadBatchAsync(ids[half..], result, cancellationToken).ConfigureAwait(false);
                return;
            case HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotAcceptable:
                // The batch answer does not say which variable failed: read them one by one to name it.
                ConjurLog.BatchFallback(_logger, (int)reply.Status, ids.Count);
                foreach (var id in ids)
                {
                    result[id] = await GetSecretAsync(id, cancellationToken).ConfigureAwait(false);
                }

                return;
            default:
                throw ConjurErrors.Status(what, reply.Status, _settings.Prefix);
        }
    }

    private IEnumerable<List<string>> Chunk(List<string> ids)
    {
        var chunk = new List<string>();
        var length = _endpoint.BatchBaseLength;
        foreach (var id in ids)
        {
            var add = _endpoint.BatchIdLength(id);
            if (chunk.Count > 0 && (length + add > _settings.MaxBatchUrlLength || chunk.Count == MaxIdsPerBatch))
            {
                yield return chunk;
                chunk = [];
                length = _endpoint.BatchBaseLength;
            }

            chunk.Add(id);
            length += add;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task<ConjurReply> SendAsync(Uri uri, bool base64, string what, CancellationToken cancellationToken)
    {
        var reauthenticated = false;
        var retry = 0;
        while (true)
        {
            try
            {
                return await SendOnceAsync(uri, base64, what, cancellationToken).ConfigureAwait(false);
            }
            catch (StaleTokenException)
            {
                if (reauthenticated)
                {
                    throw _tokens.Issuer.Rejected();
                }

                reauthenticated = true;
                ConjurLog.Reauthenticating(_logger, _tokens.Issuer.Name);
            }
            catch (CloudinaryCredentialException e) when (e.IsTransient && retry < _settings.MaxRetries)
            {
                var delay = RetryBackoff.GetDelay(retry++, _settings.RetryDelay);
                ConjurLog.Retrying(_logger, retry, _settings.MaxRetries, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ConjurReply> SendOnceAsync(Uri uri, bool base64, string what, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Authorization", token.HeaderValue);
        if (base64)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("base64"));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw ConjurErrors.Unreachable(what, e, _settings.Prefix);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokens.Invalidate(token);
                throw new StaleTokenException();
            }

            if (ConjurErrors.IsTransient(response.StatusCode))
            {
                throw ConjurErrors.Status(what, response.StatusCode, _settings.Prefix);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new ConjurReply(response.StatusCode, [], false);
            }

            try
            {
                var body = await HttpBodyReader.ReadCappedAsync(response.Content, _settings.MaxResponseBodyBytes, _http.Timeout, cancellationToken).ConfigureAwait(false);
                var isBase64 = response.Content.Headers.ContentEncoding.Contains("base64", StringComparer.OrdinalIgnoreCase);
                return new ConjurReply(response.StatusCode, body, isBase64, response.Content.Headers.ContentType?.MediaType);
            }
            catch (InvalidDataException)
            {
                throw ConjurErrors.TooLarge(what, _settings.MaxResponseBodyBytes, _settings.Prefix);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw ConjurErrors.Unreachable(what, e, _settings.Prefix);
            }
        }
    }

    /// <summary>
    /// A 200 whose body Conjur would not send for a variable: an HTML page (a proxy or sign-in page), or a body
    /// declared as JSON that is not JSON (truncated on the way). Like an over-size body, that is the store's (or a
    /// proxy's) problem and transient, not a secret of the wrong shape; null when the body may be the value.
    /// </summary>
    private CloudinaryCredentialException? NotAVariableValue(ConjurReply reply, string fullId)
    {
        var type = reply.MediaType ?? string.Empty;
        if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return ConjurErrors.Unavailable(
                $"Conjur answered the request for variable '{fullId}' with an HTML page, not a variable value; check {_settings.Prefix}:ApplianceUrl points at Conjur and not at a proxy or sign-in page.",
                transient: true);
        }

        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var document = JsonDocument.Parse(reply.Body);
            }
            catch (JsonException)
            {
                return ConjurErrors.Unavailable(
                    $"Conjur answered the request for variable '{fullId}' with Content-Type {type} but a body that is not JSON (cut off by a proxy?); "
                    + $"check {_settings.Prefix}:ApplianceUrl, and the variable's conjur/mime_type annotation if its value is meant to be something else.",
                    transient: true);
            }
        }

        return null;
    }

    private CloudinaryCredentialException Forbidden(string fullId) => ConjurErrors.AccessDenied(
        $"{_identity} lacks the 'execute' privilege on Conjur variable '{fullId}' (HTTP 403): grant it in policy (permit: privileges [read, execute]).");

    private CloudinaryCredentialException NotFound(string fullId) => ConjurErrors.NotFound(
        $"Conjur variable '{fullId}' ({_settings.Prefix}:Variable/Variables) does not exist, has no value yet, or is not visible to {_identity} (HTTP 404): "
        + "check the variable id, that a value was added, and that the identity has 'read' on it.");

    /// <summary>Signals a 401 with a token that was just dropped from the cache.</summary>
    private sealed class StaleTokenException : Exception
    {
    }
}
