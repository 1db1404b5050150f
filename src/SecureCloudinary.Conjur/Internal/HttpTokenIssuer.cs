using System.Net;
using System.Net.Http.Headers;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// The part of the <c>authn</c> and <c>authn-jwt</c> issuers that talks HTTP: POST the credential with
/// <c>Accept-Encoding: base64</c>, read the capped body, parse the token, map the status codes.
/// </summary>
internal abstract class HttpTokenIssuer : IConjurTokenIssuer
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    protected HttpTokenIssuer(HttpClient http, ConjurEndpoint endpoint, ConjurSettings settings, TimeProvider time)
    {
        _http = http;
        Endpoint = endpoint;
        Settings = settings;
        _time = time;
    }

    public abstract string Name { get; }

    protected ConjurEndpoint Endpoint { get; }

    protected ConjurSettings Settings { get; }

    /// <summary>Who is authenticating, for messages: e.g. <c>login 'host/apps/web'</c>.</summary>
    protected abstract string Identity { get; }

    public bool IsStale(ConjurAccessToken token) => false;

    public abstract CloudinaryCredentialException Rejected();

    public async Task<ConjurAccessToken> IssueAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AuthenticateUri)
        {
            Content = await CreateContentAsync(cancellationToken).ConfigureAwait(false),
        };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("base64"));
        var what = $"the authentication of {Identity} ({Name})";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw ConjurErrors.Unreachable(what, e, Settings.Prefix);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.Unauthorized:
                    throw Unauthorized();
                case HttpStatusCode.Forbidden:
                    throw ConjurErrors.AccessDenied(
                        $"Conjur does not permit {Identity} to authenticate with {Name} (HTTP 403): grant it 'authenticate' on the authenticator's webservice, or check the authenticator is enabled.");
                case HttpStatusCode.NotFound:
                    throw ConjurErrors.NotFound(
                        $"Conjur has no {Name} endpoint at {Settings.Prefix}:ApplianceUrl (HTTP 404): check the URL (Conjur Cloud and some deployments need the /api base path) and {Settings.Prefix}:Account.");
                default:
                    throw ConjurErrors.Status(what, response.StatusCode, Settings.Prefix);
            }

            byte[] body;
            try
            {
                body = await HttpBodyReader.ReadCappedAsync(response.Content, Settings.MaxResponseBodyBytes, _http.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                throw ConjurErrors.TooLarge(what, Settings.MaxResponseBodyBytes, Settings.Prefix);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw ConjurErrors.Unreachable(what, e, Settings.Prefix);
            }

            return ConjurAccessToken.TryParse(body, _time.GetUtcNow())
                ?? throw ConjurErrors.Unavailable(
                    $"Conjur answered {what} with something that is not an access token; check {Settings.Prefix}:ApplianceUrl points at Conjur.",
                    transient: true);
        }
    }

    protected abstract Uri AuthenticateUri { get; }

    protected abstract Task<HttpContent> CreateContentAsync(CancellationToken cancellationToken);

    protected abstract CloudinaryCredentialException Unauthorized();

    /// <summary>Reads a small credential file (API key, JWT), trimmed; the message names the setting only.</summary>
    protected async Task<string> ReadCredentialFileAsync(string path, string key, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > Settings.MaxResponseBodyBytes)
            {
                throw ConjurErrors.Unavailable($"The file named by {key} is larger than {Settings.MaxResponseBodyBytes} bytes.", transient: false);
            }

            var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            return text.Length > 0
                ? text
                : throw ConjurErrors.Unavailable($"The file named by {key} is empty.", transient: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ConjurErrors.Unavailable(
                $"The file named by {key} could not be read ({e.GetType().Name}); check it exists and the app may read it.",
                transient: e is IOException and not FileNotFoundException and not DirectoryNotFoundException);
        }
    }
}
