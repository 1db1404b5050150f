using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary.Internal;

/// <summary>The <see cref="ISecureCloudinaryBuilder"/> <c>AddSecureCloudinary</c> returns.</summary>
internal sealed class SecureCloudinaryBuilder : ISecureCloudinaryBuilder
{
    public SecureCloudinaryBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    public ISecureCloudinaryBuilder AddCredentialSource(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (Services[i].ServiceType == typeof(CredentialSourceRegistration)
                && Services[i].ImplementationInstance is CredentialSourceRegistration existing
                && string.Equals(existing.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                Services.RemoveAt(i);
            }
        }

        Services.AddSingleton(new CredentialSourceRegistration(name.Trim(), factory));
        return this;
    }
}
