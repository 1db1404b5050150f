using SecureCloudinary.AwsSecretsManager.Internal;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager;

/// <content>
/// The request loop: retries with backoff (and <c>Retry-After</c> on throttling), one credential refresh after an
/// expired token, one re-signed retry after a clock-skew error (as aws-sdk-net's retry policy).
/// </content>
public sealed partial class AwsSecretsManagerCredentialSource
{
    /// <summary>The longest <c>Retry-After</c> honoured; a larger one waits this long.</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(20);

    private async Task<SecretValue> ReadAsync(SecretsManagerClient client, AwsErrorMapper mapper, CancellationToken cancellationToken)
    {
        var maxAttempts = _retry?.MaxAttempts ?? 3;
        var refreshedCredentials = false;
        var correctedClock = false;
        for (var attempt = 1; ; attempt++)
        {
            AwsErrorResponse? error;
            Exception? transportError = null;
            try
            {
                Amazon.Runtime.AWSCredentials credentials;
                try
                {
                    credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CloudinaryCredentialException e) when (e.InnerException is not null)
                {
                    _logger.CredentialChainFailed(e.InnerException.GetType().Name);
                    throw;
                }

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

            _logger.RequestFailed(error.Code, error.StatusCode, _secretId);
            if (transportError is null && error.Code == SecretsManagerClient.RedirectCode)
            {
                _logger.RedirectRefused(client.Endpoint.ServiceUrl, error.StatusCode, _secretId);
                throw mapper.Map(error, client.Endpoint);
            }

            if (transportError is null && IsClockSkew(error))
            {
                if (correctedClock)
                {
                    throw mapper.ClockSkew(error);
                }

                correctedClock = true;
                var offset = error.ServerDate!.Value - client.LocalNow;
                client.ClockOffset = offset;
                _logger.ClockSkewCorrected(error.Code, _secretId, (long)offset.TotalSeconds, client.Endpoint.ServiceUrl);
                attempt--;
                continue;
            }

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
                throw transportError is not null ? mapper.Unreachable(client.Endpoint, transportError) : mapper.Map(error, client.Endpoint);
            }

            var delay = RetryBackoff.GetDelay(attempt - 1, _options.RetryBaseDelay);
            if (_options.RetryBaseDelay > TimeSpan.Zero && error.RetryAfter is { } retryAfter
                && (AwsErrorCodes.IsThrottling(error.Code) || error.StatusCode is 429 or 503))
            {
                var bounded = retryAfter > MaxRetryAfter ? MaxRetryAfter : retryAfter;
                delay = bounded > delay ? bounded : delay;
            }

            _logger.Retrying(_secretId, error.Code, attempt, maxAttempts, (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// aws-sdk-net's rule: a definite skew code with a <c>Date</c> header, or a signature error whose <c>Date</c> is more
    /// than five minutes from the signing time.
    /// </summary>
    private static bool IsClockSkew(AwsErrorResponse error)
    {
        if (error.ServerDate is not { } serverDate)
        {
            return false;
        }

        if (AwsErrorCodes.IsDefiniteClockSkew(error.Code))
        {
            return true;
        }

        return AwsErrorCodes.IsPossibleClockSkew(error.Code) && (error.SignedAt - serverDate).Duration() > AwsErrorCodes.ClockSkewThreshold;
    }
}
