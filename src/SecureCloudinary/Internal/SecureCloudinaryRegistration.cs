using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Internal;

/// <summary>
/// The marker <c>AddSecureCloudinary</c> leaves in the service collection: it makes later calls idempotent and
/// remembers the configuration section the options and the Configuration source read.
/// </summary>
internal sealed class SecureCloudinaryRegistration
{
    public const string DefaultSectionPath = "Cloudinary";

    /// <summary>The section bound to the options, or null when only the <c>Action</c> overload was used.</summary>
    public IConfiguration? Section { get; set; }

    /// <summary>The key path prefix used in messages, e.g. <c>Cloudinary</c>.</summary>
    public string SectionPath => Section is IConfigurationSection s && s.Path.Length > 0 ? s.Path : DefaultSectionPath;

    /// <summary>The paths of the sections already bound, so a section is not bound twice.</summary>
    public HashSet<string> BoundSections { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configure delegates already added, so the same delegate is not added twice.</summary>
    public HashSet<object> Configurations { get; } = new(ReferenceEqualityComparer.Instance);
}
