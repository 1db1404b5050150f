using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>
/// STS <c>AssumeRoleWithWebIdentity</c> in the query protocol (form POST, XML answer). The call is unsigned, as in
/// AWS; the role must have been enabled with its token. Issued credentials are added as emulator identities.
/// </summary>
internal static class StsEndpoint
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static bool IsStsRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Headers["X-Amz-Target"].Count == 0
        && request.ContentType is { } type
        && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static async Task HandleAsync(HttpContext context, SecretsManagerState state)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var action = form["Action"].ToString();
        if (action == "AssumeRole" && form["Version"].ToString() == "2011-06-15")
        {
            await AssumeRoleAsync(context, state, form["RoleArn"].ToString(), form["RoleSessionName"].ToString()).ConfigureAwait(false);
            return;
        }

        if (action != "AssumeRoleWithWebIdentity" || form["Version"].ToString() != "2011-06-15")
        {
            state.Record(new(action, 400, "InvalidAction", null, [], null));
            await WriteErrorAsync(context.Response, 400, "InvalidAction", "Could not find operation " + action + " for version " + form["Version"]).ConfigureAwait(false);
            return;
        }

        var roleArn = form["RoleArn"].ToString();
        var token = form["WebIdentityToken"].ToString();
        var expected = state.WebIdentity.TokenFor(roleArn);
        if (expected is null)
        {
            state.Record(new(action, 403, "AccessDenied", null, [], null));
            await WriteErrorAsync(context.Response, 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity").ConfigureAwait(false);
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected)))
        {
            state.Record(new(action, 400, "InvalidIdentityToken", null, [], null));
            await WriteErrorAsync(context.Response, 400, "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider.").ConfigureAwait(false);
            return;
        }

        await IssueAsync(context, state, action, roleArn, form["RoleSessionName"].ToString(), webIdentity: true).ConfigureAwait(false);
    }

    /// <summary>
    /// STS <c>AssumeRole</c> for a role enabled with <see cref="WebIdentityRoles.AllowAssumeRole"/>: the caller must sign
    /// with a key the emulator knows (the SigV4 signature itself is not checked for STS).
    /// </summary>
    private static async Task AssumeRoleAsync(HttpContext context, SecretsManagerState state, string roleArn, string session)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var credential = authorization.Split("Credential=", 2) is [_, var rest] ? rest.Split('/')[0] : string.Empty;
        if (state.FindIdentity(credential) is null)
        {
            state.Record(new("AssumeRole", 403, "InvalidClientTokenId", null, [], null));
            await WriteErrorAsync(context.Response, 403, "InvalidClientTokenId", "The security token included in the request is invalid.").ConfigureAwait(false);
            return;
        }

        if (!state.WebIdentity.MayAssume(roleArn))
        {
            state.Record(new("AssumeRole", 403, "AccessDenied", credential, [], null));
            await WriteErrorAsync(context.Response, 403, "AccessDenied", "Not authorized to perform sts:AssumeRole").ConfigureAwait(false);
            return;
        }

        await IssueAsync(context, state, "AssumeRole", roleArn, session, webIdentity: false).ConfigureAwait(false);
    }

    private static async Task IssueAsync(HttpContext context, SecretsManagerState state, string action, string roleArn, string session, bool webIdentity)
    {
        var accessKeyId = "ASIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        var identity = new AwsIdentity(accessKeyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        state.AddIdentity(identity);
        state.WebIdentity.RecordIssued(accessKeyId);
        state.Record(new(action, 200, null, accessKeyId, [], null));
        var expiration = state.Clock.GetUtcNow().AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await WriteXmlAsync(context.Response, 200, w =>
        {
            w.WriteStartElement(action + "Response", Namespace);
            w.WriteStartElement(action + "Result");
            w.WriteStartElement("Credentials");
            w.WriteElementString("AccessKeyId", identity.AccessKeyId);
            w.WriteElementString("SecretAccessKey", identity.SecretAccessKey);
            w.WriteElementString("SessionToken", identity.SessionToken);
            w.WriteElementString("Expiration", expiration);
            w.WriteEndElement();
            w.WriteStartElement("AssumedRoleUser");
            w.WriteElementString("Arn", roleArn.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal) + "/" + session);
            w.WriteElementString("AssumedRoleId", "AROAEMULATED:" + session);
            w.WriteEndElement();
            if (webIdentity)
            {
                w.WriteElementString("SubjectFromWebIdentityToken", "system:serviceaccount:default:emulated");
                w.WriteElementString("Provider", "emulated-oidc");
                w.WriteElementString("Audience", "sts.amazonaws.com");
            }

            w.WriteEndElement();
            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", Guid.NewGuid().ToString("D"));
            w.WriteEndElement();
            w.WriteEndElement();
        }).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string code, string message) =>
        WriteXmlAsync(response, status, w =>
        {
            w.WriteStartElement("ErrorResponse", Namespace);
            w.WriteStartElement("Error");
            w.WriteElementString("Type", "Sender");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteEndElement();
            w.WriteElementString("RequestId", Guid.NewGuid().ToString("D"));
            w.WriteEndElement();
        });

    private static async Task WriteXmlAsync(HttpResponse response, int status, Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            write(writer);
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.ContentLength = body.Length;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
