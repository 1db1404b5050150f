using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>
/// Handles every request: POST / with <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c> and an awsJson 1.1 body;
/// SigV4 is verified before anything else, then injected faults apply, then the operation runs.
/// </summary>
internal sealed class SecretsManagerRequestHandler(SecretsManagerState state)
{
    private const int MaxRequestBytes = 1024 * 1024;
    private const string TargetPrefix = "secretsmanager.";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers.Date = state.Clock.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        if (StsEndpoint.IsStsRequest(request))
        {
            await StsEndpoint.HandleAsync(context, state).ConfigureAwait(false);
            return;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : string.Empty;
        string? accessKey = null, secretId = null;
        var signed = SigV4Verifier.SignedHeadersOf(request.Headers.Authorization.ToString());
        try
        {
            var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            (accessKey, _) = state.Verifier.Verify(request, body);
            if (!HttpMethods.IsPost(request.Method) || request.Path != "/" || operation.Length == 0)
            {
                throw AwsError.Client("UnknownOperationException", "The requested operation is not recognized.");
            }

            if (!string.Equals(request.ContentType, AwsJsonResponse.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                throw AwsError.Client("SerializationException", "Content-Type must be application/x-amz-json-1.1.");
            }

            using var json = Parse(body);
            secretId = Operations.OptionalString(json.RootElement, "SecretId");
            if (state.Scripted.TryTake(out var scripted))
            {
                var answered = await ScriptedResponder.WriteAsync(context, scripted, state.ErrorStyle).ConfigureAwait(false);
                state.Record(new(operation, context.Response.StatusCode, answered, accessKey, signed, secretId));
                return;
            }

            if (state.Faults.TryTake(out var fault) && await ApplyFaultAsync(context, fault).ConfigureAwait(false))
            {
                state.Record(new(operation, context.Response.StatusCode, null, accessKey, signed, secretId));
                return;
            }

            await new Operations(state).RunAsync(operation, json.RootElement, context.Response).ConfigureAwait(false);
            state.Record(new(operation, context.Response.StatusCode, null, accessKey, signed, secretId));
        }
        catch (AwsError error)
        {
            state.Record(new(operation, (int)error.StatusCode, error.Type, accessKey, signed, secretId));
            await AwsJsonResponse.WriteErrorAsync(context.Response, error, state.ErrorStyle).ConfigureAwait(false);
        }
    }

    private async Task<bool> ApplyFaultAsync(HttpContext context, SecretsManagerFault fault)
    {
        var response = context.Response;
        switch (fault)
        {
            case SecretsManagerFault.Throttle:
                throw AwsError.Client("ThrottlingException", "Rate exceeded");
            case SecretsManagerFault.InternalError:
                throw new AwsError(HttpStatusCode.InternalServerError, "InternalServiceError", "An error occurred on the server side.");
            case SecretsManagerFault.ServiceUnavailable:
                throw new AwsError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Service is unavailable.");
            case SecretsManagerFault.AccessDenied:
                throw AccessDenied(state.Options.AccountId, "the requested secret");
            case SecretsManagerFault.DecryptionFailure:
                throw AwsError.Client("DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
            case SecretsManagerFault.ExpiredToken:
                throw AwsError.Client("ExpiredTokenException", "The security token included in the request is expired");
            case SecretsManagerFault.BadGateway:
                await AwsJsonResponse.WriteTextAsync(response, HttpStatusCode.BadGateway, "text/html", "<html><body>502 Bad Gateway</body></html>").ConfigureAwait(false);
                return true;
            case SecretsManagerFault.MalformedBody:
                await AwsJsonResponse.WriteTextAsync(response, HttpStatusCode.OK, AwsJsonResponse.ContentType, "{\"ARN\": \"arn:aws:secretsmanager:trunc").ConfigureAwait(false);
                return true;
            case SecretsManagerFault.OversizedBody:
                await AwsJsonResponse.WriteAsync(response, HttpStatusCode.OK, w => w.WriteString("Padding", new string('x', 128 * 1024))).ConfigureAwait(false);
                return true;
            case SecretsManagerFault.TooManyRequests:
                await HttpFaultResponder.WriteAsync(context, EmulatedHttpFault.TooManyRequests, AwsJsonResponse.ContentType, state.Faults.ReleaseToken).ConfigureAwait(false);
                return true;
            case SecretsManagerFault.StallMidBody:
                await HttpFaultResponder.WriteAsync(context, EmulatedHttpFault.StallMidBody, AwsJsonResponse.ContentType, state.Faults.ReleaseToken).ConfigureAwait(false);
                return true;
            case SecretsManagerFault.WrongContentType:
                await HttpFaultResponder.WriteAsync(context, EmulatedHttpFault.WrongContentType, AwsJsonResponse.ContentType, state.Faults.ReleaseToken).ConfigureAwait(false);
                return true;
            case SecretsManagerFault.Slow:
                using (var slow = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Faults.ReleaseToken))
                {
                    try
                    {
                        await Task.Delay(state.Options.SlowResponseDelay, state.Options.TimeProvider, slow.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                    {
                        // ClearFaults: answer normally now.
                    }
                }

                return false;
            default:
                return false;
        }
    }

    internal static AwsError AccessDenied(string accountId, string resource, string action = "GetSecretValue") => AwsError.Client(
        "AccessDeniedException",
        $"User: arn:aws:iam::{accountId}:user/emulated is not authorized to perform: secretsmanager:{action} on resource: {resource} because no identity-based policy allows the secretsmanager:{action} action");

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw AwsError.Client("SerializationException", "The request body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException)
        {
            throw AwsError.Client("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                throw AwsError.Client("SerializationException", "The request body is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
