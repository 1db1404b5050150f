using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary;

/// <summary>
/// Returned by <c>AddSecureCloudinary</c>. Backend packages extend it (<c>AddAwsSecretsManager()</c>,
/// <c>AddVault()</c>, <c>AddConjur()</c>) to make their credential source selectable by <c>Cloudinary:Source</c>.
/// </summary>
public interface ISecureCloudinaryBuilder
{
    /// <summary>The service collection SecureCloudinary was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The <c>Cloudinary</c> configuration section given to <c>AddSecureCloudinary</c>, or null when it was
    /// configured in code. Backend packages bind their own sub-section from it (e.g. <c>Cloudinary:Vault</c>);
    /// when it is null they read the application's <see cref="IConfiguration"/> <c>Cloudinary</c> section.
    /// </summary>
    IConfiguration? Configuration { get; }

    /// <summary>
    /// The account this builder configures: null for the unnamed registration, else the name given to
    /// <c>AddSecureCloudinary(name, …)</c>. Sources, store writers and backend settings added through this builder
    /// belong to that account only; a named account's services are keyed by its name.
    /// </summary>
    string? AccountName => null;

    /// <summary>
    /// Makes a credential source selectable under <paramref name="name"/> (matched case-insensitively against
    /// <c>Cloudinary:Source</c>) for this builder's account. Registering a name again replaces the earlier factory. The factory runs once,
    /// only when the source is selected.
    /// </summary>
    /// <param name="name">The source name, e.g. <c>Vault</c>.</param>
    /// <param name="factory">Creates the source from the application's services.</param>
    /// <returns>This builder, for chaining.</returns>
    ISecureCloudinaryBuilder AddCredentialSource(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory);
}
