namespace SecureCloudinary.Internal;

/// <summary>A store writer made available for a source name of one account (through <c>AddCredentialStoreWriter</c>).</summary>
internal sealed class CredentialStoreWriterRegistration(string name, Func<IServiceProvider, ICloudinaryCredentialStoreWriter> factory, string account = "")
{
    public string Name { get; } = name;

    public Func<IServiceProvider, ICloudinaryCredentialStoreWriter> Factory { get; } = factory;

    /// <summary>The account the writer is registered for; empty for the unnamed account.</summary>
    public string Account { get; } = account;
}
