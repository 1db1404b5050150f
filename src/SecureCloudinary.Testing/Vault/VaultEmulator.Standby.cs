using System.Net;

namespace SecureCloudinary.Testing.Vault;

/// <summary>Standby mode: the emulator acts as an HA standby node that redirects every request to the active node.</summary>
public sealed partial class VaultEmulator
{
    /// <summary>
    /// Makes this emulator a standby node: every request but <c>sys/health</c> is answered with
    /// <paramref name="statusCode"/> and a <c>Location</c> header naming the same path and query on
    /// <paramref name="activeNode"/> (what a Vault HA standby does when it cannot forward). Null leaves standby mode.
    /// </summary>
    /// <param name="activeNode">The active node's address (e.g. another emulator's <see cref="Address"/>), or null.</param>
    /// <param name="statusCode">The redirect status: 301, 302, 307 (default) or 308.</param>
    public void RedirectTo(Uri? activeNode, HttpStatusCode statusCode = HttpStatusCode.TemporaryRedirect)
    {
        if (activeNode is not null && !activeNode.IsAbsoluteUri)
        {
            throw new ArgumentException("The active node's address must be absolute.", nameof(activeNode));
        }

        if ((int)statusCode is not (301 or 302 or 307 or 308))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect status is 301, 302, 307 or 308.");
        }

        Set(() =>
        {
            _state.RedirectTarget = activeNode is null ? null : new Uri(activeNode.GetLeftPart(UriPartial.Authority) + "/");
            _state.RedirectStatus = (int)statusCode;
        });
    }
}
