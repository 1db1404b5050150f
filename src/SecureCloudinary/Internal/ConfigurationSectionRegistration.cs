using System.Diagnostics.CodeAnalysis;

namespace SecureCloudinary.Internal;

/// <summary>
/// A sub-section of the <c>Cloudinary</c> section that a registered backend reads (e.g. <c>Vault</c>), with the options
/// type bound from it: its keys are checked at start-up like the core section's. The core knows no backend names;
/// each backend's <c>Add…</c> method registers its own.
/// </summary>
internal sealed class ConfigurationSectionRegistration
{
    public ConfigurationSectionRegistration(
        string name, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type optionsType, string? account = null)
    {
        Name = name;
        OptionsType = optionsType;
        Account = account ?? string.Empty;
    }

    /// <summary>The account whose section holds the sub-section; empty for the unnamed account.</summary>
    public string Account { get; }

    /// <summary>The sub-section's name relative to the <c>Cloudinary</c> section.</summary>
    public string Name { get; }

    /// <summary>The options type bound from it.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    public Type OptionsType { get; }
}
