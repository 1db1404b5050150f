using System.Net;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>Builds the source's exceptions. Messages name identities, variable ids and settings, never values.</summary>
internal static class ConjurErrors
{
    private const string Source = ConjurCredentialSource.SourceName;

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static CloudinaryCredentialException AccessDenied(string message) =>
        new(Source, CredentialFailureReason.AccessDenied, message);

    public static CloudinaryCredentialException NotFound(string message) =>
        new(Source, CredentialFailureReason.NotFound, message);

    public static CloudinaryCredentialException Invalid(string message) =>
        new(Source, CredentialFailureReason.InvalidSecret, message);

    public static CloudinaryCredentialException Unavailable(string message, bool transient, Exception? inner = null) =>
        new(Source, CredentialFailureReason.Unavailable, message, transient, inner);

    public static CloudinaryCredentialException Status(string what, HttpStatusCode status, string prefix) =>
        Unavailable(
            $"Conjur ({prefix}:ApplianceUrl) answered {what} with HTTP {(int)status}{(IsTransient(status) ? " (server-side problem; will be retried)" : string.Empty)}.",
            IsTransient(status));

    public static CloudinaryCredentialException Unreachable(string what, Exception inner, string prefix) =>
        Unavailable($"Conjur could not be reached for {what} ({Describe(inner)}); check {prefix}:ApplianceUrl, DNS, network and TLS trust.", transient: true, inner is TaskCanceledException ? null : Sanitize(inner));

    public static CloudinaryCredentialException TooLarge(string what, int maxBytes, string prefix) =>
        Unavailable($"Conjur's response to {what} exceeded {prefix}:MaxResponseBodyBytes ({maxBytes} bytes).", transient: true);

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } => error.ToString(),
        _ => e.GetType().Name,
    };

    // HttpRequestException messages name host and port only, never headers or bodies; keep them as the cause.
    private static Exception? Sanitize(Exception e) => e is HttpRequestException ? e : null;
}
