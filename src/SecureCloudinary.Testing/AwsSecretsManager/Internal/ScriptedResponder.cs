using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Writes a <see cref="ScriptedAnswer"/>.</summary>
internal static class ScriptedResponder
{
    public static async Task<string> WriteAsync(HttpContext context, ScriptedAnswer answer, SecretsManagerErrorStyle style)
    {
        var response = context.Response;
        if (answer.Location is { } location)
        {
            response.StatusCode = answer.RedirectStatus;
            response.Headers.Location = location.ToString();
            response.ContentLength = 0;
            return "Redirect";
        }

        var error = answer.Error!;
        var message = error.Message;
        if (error.EchoRequestHeaders)
        {
            var echo = new StringBuilder(message);
            foreach (var (name, values) in context.Request.Headers)
            {
                echo.Append(' ').Append(name.ToLowerInvariant()).Append(": ").Append(values.ToString()).Append(';');
            }

            message = echo.ToString();
        }

        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await AwsJsonResponse.WriteErrorAsync(response, new AwsError((HttpStatusCode)error.StatusCode, error.ErrorType, message), style).ConfigureAwait(false);
        return error.ErrorType;
    }
}
