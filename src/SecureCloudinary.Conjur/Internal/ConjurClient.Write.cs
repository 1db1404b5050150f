using System.Net;
using System.Net.Http.Headers;

namespace SecureCloudinary.Conjur.Internal;

/// <content>Adding a value to a variable (<c>POST /secrets/{account}/variable/{id}</c>), for key rotation.</content>
internal sealed partial class ConjurClient
{
    /// <summary>Adds <paramref name="value"/> as the variable's new version; one re-authentication after a 401.</summary>
    /// <exception cref="CloudinaryCredentialException">The identity lacks <c>update</c> (AccessDenied), the variable is missing, or Conjur failed.</exception>
    public async Task AddSecretAsync(string variableId, byte[] value, CancellationToken cancellationToken)
    {
        var fullId = _endpoint.FullId(variableId);
        var what = $"adding a value to variable '{fullId}'";
        for (var attempt = 0; ; attempt++)
        {
            var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Secret(variableId)) { Content = new ByteArrayContent(value) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Headers.TryAddWithoutValidation("Authorization", token.HeaderValue);
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
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.NoContent:
                        return;
                    case HttpStatusCode.Unauthorized when attempt == 0:
                        _tokens.Invalidate(token);
                        continue;
                    case HttpStatusCode.Unauthorized:
                        throw _tokens.Issuer.Rejected();
                    case HttpStatusCode.Forbidden:
                        throw ConjurErrors.AccessDenied(
                            $"{_identity} lacks the 'update' privilege on Conjur variable '{fullId}' (HTTP 403): grant it in policy (permit: privileges [read, execute, update]).");
                    case HttpStatusCode.NotFound:
                        throw ConjurErrors.NotFound($"Conjur variable '{fullId}' does not exist or is not visible to {_identity} (HTTP 404).");
                    default:
                        throw ConjurErrors.Status(what, response.StatusCode, _settings.Prefix);
                }
            }
        }
    }
}
