using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>The marker <c>AddConjur</c> leaves in the service collection: where its settings come from.</summary>
internal sealed class ConjurRegistration
{
    /// <summary>The <c>Cloudinary</c> section given to <c>AddSecureCloudinary</c>, or null when configured in code.</summary>
    public IConfiguration? CloudinarySection { get; init; }

    /// <summary>The key path prefix used in messages, e.g. <c>Cloudinary:Conjur</c>.</summary>
    public string SectionPath =>
        CloudinarySection is IConfigurationSection { Path.Length: > 0 } s
            ? s.Path + ":" + ConjurCredentialSourceOptions.SectionName
            : ConjurOptionsRules.DefaultPrefix;
}
