using System.Net;
using System.Text.Json;

namespace SecureCloudinary.Conjur.Internal;

/// <content>
/// Earlier versions of a variable, for rollback and for checking that a rotated-out key is disabled: the version
/// numbers Conjur keeps (the last 20) from the variable's resource record (<c>GET /resources/{account}/variable/{id}</c>,
/// which needs <c>read</c>), and one version's value (<c>GET /secrets/…?version=N</c>, which needs <c>execute</c>).
/// Both privileges are the ones reading the variable already needs.
/// </content>
internal sealed partial class ConjurClient
{
    /// <summary>The version numbers Conjur keeps of a variable, ascending (empty when it has no value).</summary>
    /// <exception cref="CloudinaryCredentialException">The identity lacks <c>read</c> (AccessDenied), the variable is missing, or Conjur failed.</exception>
    public async Task<IReadOnlyList<int>> GetVersionsAsync(string variableId, CancellationToken cancellationToken)
    {
        var fullId = _endpoint.FullId(variableId);
        var what = $"the resource record of variable '{fullId}'";
        var reply = await SendAsync(_endpoint.Resource(variableId), base64: false, what, cancellationToken).ConfigureAwait(false);
        switch (reply.Status)
        {
            case HttpStatusCode.OK:
                return ParseVersions(reply.Body, what);
            case HttpStatusCode.Forbidden:
                throw ConjurErrors.AccessDenied(
                    $"{_identity} lacks the 'read' privilege on Conjur variable '{fullId}' (HTTP 403), which listing its versions needs: "
                    + "grant it in policy (permit: privileges [read, execute]).");
            case HttpStatusCode.NotFound:
                throw NotFound(fullId);
            default:
                throw ConjurErrors.Status(what, reply.Status, _settings.Prefix);
        }
    }

    /// <summary>One version of a variable's value, or null when Conjur no longer keeps it (404).</summary>
    /// <exception cref="CloudinaryCredentialException">The identity lacks <c>execute</c> (AccessDenied), or Conjur failed.</exception>
    public async Task<byte[]?> GetSecretVersionAsync(string variableId, int version, CancellationToken cancellationToken)
    {
        var fullId = _endpoint.FullId(variableId);
        var what = $"version {version} of variable '{fullId}'";
        var reply = await SendAsync(_endpoint.Secret(variableId, version), base64: false, what, cancellationToken).ConfigureAwait(false);
        return reply.Status switch
        {
            HttpStatusCode.OK => NotAVariableValue(reply, fullId) is { } broken ? throw broken : reply.Body,
            HttpStatusCode.NotFound => null,
            HttpStatusCode.Forbidden => throw Forbidden(fullId),
            _ => throw ConjurErrors.Status(what, reply.Status, _settings.Prefix),
        };
    }

    private static List<int> ParseVersions(byte[] body, string what)
    {
        var versions = new List<int>();
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("secrets", out var secrets) && secrets.ValueKind == JsonValueKind.Array)
            {
                foreach (var secret in secrets.EnumerateArray())
                {
                    if (secret.ValueKind == JsonValueKind.Object && secret.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) && number > 0)
                    {
                        versions.Add(number);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            throw ConjurErrors.Unavailable($"Conjur answered {what} with a body that is not JSON.", transient: true, e);
        }

        versions.Sort();
        return versions;
    }
}
