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
    /// Makes a credential source selectable under <paramref name="name"/> (matched case-insensitively against
    /// <c>Cloudinary:Source</c>). Registering a name again replaces the earlier factory. The factory runs once,
    /// only when the source is selected.
    /// </summary>
    /// <param name="name">The source name, e.g. <c>Vault</c>.</param>
    /// <param name="factory">Creates the source from the application's services.</param>
    /// <returns>This builder, for chaining.</returns>
    ISecureCloudinaryBuilder AddCredentialSource(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory);
}
