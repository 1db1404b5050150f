using Amazon.Runtime;
using SecureCloudinary.AwsSecretsManager.Internal;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager;

/// <content>The request loop: retries with backoff, one credential refresh after an expired token.</content>
public sealed partial class AwsSecretsManagerCredentialSource
{
    private async Task<SecretValue> ReadAsync(SecretsManagerClient client, AwsErrorMapper mapper, CancellationToken cancellationToken)
    {
        var maxAttempts = Math.Clamp(_options.MaxAttempts, 1, 10);
        var refreshedCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            AwsErrorResponse? error;
            Exception? transportError = null;
            try
            {
                var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                (var value, error) = await client.GetSecretValueAsync(credentials, _requestBody, cancellationToken).ConfigureAwait(false);
                if (value is not null)
                {
                    return value;
                }

                error ??= new AwsErrorResponse(0, "Unrecognized");
            }
            catch (InvalidDataException)
            {
                throw mapper.TooLarge(_options.MaxResponseBytes);
            }
            catch (AmazonClientException e)
            {
                throw _credentials.Unresolvable(e);
            }
            catch (HttpRequestException e)
            {
                transportError = e;
                error = new AwsErrorResponse(0, "ConnectionError");
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                transportError = e;
                error = new AwsErrorResponse(0, "Timeout");
            }

            _logger.RequestFailed(error.Code, error.StatusCode, _secretId, error.Message ?? string.Empty);
            if (transportError is null && AwsErrorCodes.IsExpiredCredentials(error.Code) && !refreshedCredentials)
            {
                refreshedCredentials = true;
                _logger.CredentialsExpired(error.Code, _secretId);
                _credentials.Invalidate();
                attempt--;
                continue;
            }

            var transient = transportError is not null || AwsErrorCodes.IsTransient(error);
            if (!transient || attempt >= maxAttempts)
            {
                throw transportError is not null ? mapper.Unreachable(client.Endpoint.ServiceUrl, transportError) : mapper.Map(error);
            }

            var delay = RetryBackoff.GetDelay(attempt - 1, _options.RetryBaseDelay);
            _logger.Retrying(_secretId, error.Code, attempt, maxAttempts, (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
