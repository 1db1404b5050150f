using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary.Cli;

/// <summary>
/// Makes every credential source the tool knows selectable, so <c>doctor</c> can check any of them. Each backend
/// package adds one line here (e.g. <c>builder.AddVault();</c>) and a project reference in the .csproj.
/// </summary>
internal static class CredentialBackends
{
    /// <summary>Registers every backend's credential source on the builder.</summary>
    /// <param name="builder">The builder <c>AddSecureCloudinary</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ISecureCloudinaryBuilder AddCredentialBackends(this ISecureCloudinaryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Environment and Configuration are built into AddSecureCloudinary; backends go below, one line each.
        builder.AddConjur();
        builder.AddVault();
        builder.AddAwsSecretsManager();
        return builder;
    }
}
