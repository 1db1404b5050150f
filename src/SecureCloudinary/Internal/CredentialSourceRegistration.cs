namespace SecureCloudinary.Internal;

/// <summary>A credential source made selectable by name (through <see cref="ISecureCloudinaryBuilder.AddCredentialSource"/>).</summary>
internal sealed class CredentialSourceRegistration
{
    public CredentialSourceRegistration(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory)
    {
        Name = name;
        Factory = factory;
    }

    public string Name { get; }

    public Func<IServiceProvider, ICloudinaryCredentialSource> Factory { get; }
}
