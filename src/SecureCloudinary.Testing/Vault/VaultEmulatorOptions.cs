using System.Security.Cryptography.X509Certificates;

namespace SecureCloudinary.Testing.Vault;

/// <summary>Settings of a <see cref="VaultEmulator"/>.</summary>
public sealed class VaultEmulatorOptions
{
    /// <summary>The clock for token TTLs and KV timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The root token; a random <c>hvs.</c> token when null.</summary>
    public string? RootToken { get; set; }

    /// <summary>Whether a KV version 2 engine is mounted at <c>secret/</c> at start (default true), like a dev server.</summary>
    public bool MountDefaultKv { get; set; } = true;

    /// <summary>A server certificate (with private key) to listen with HTTPS instead of HTTP, or null.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// With <see cref="ServerCertificate"/>: the HTTPS listener requires a TLS client certificate and accepts only this
    /// one (compared by thumbprint), like a Vault listener with <c>tls_require_and_verify_client_cert</c>. Null (default)
    /// asks for none.
    /// </summary>
    public X509Certificate2? RequiredClientCertificate { get; set; }
}
