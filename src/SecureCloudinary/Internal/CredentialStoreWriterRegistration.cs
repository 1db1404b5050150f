namespace SecureCloudinary.Internal;

/// <summary>A store writer made available for a source name (through <c>AddCredentialStoreWriter</c>).</summary>
internal sealed class CredentialStoreWriterRegistration(string name, Func<IServiceProvider, ICloudinaryCredentialStoreWriter> factory)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, ICloudinaryCredentialStoreWriter> Factory { get; } = factory;
}
