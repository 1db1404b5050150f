// SecureCloudinary + HashiCorp Vault sample.
// With VAULT_ADDR set, it reads the Cloudinary credentials from your Vault (settings from Cloudinary:Vault or the
// VAULT_* environment variables; see docs/backends/vault.md) and pings Cloudinary.
// Without it, it starts a Vault emulator and a Cloudinary emulator on loopback and does the same against them,
// logging in with AppRole to a KV v2 secret.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecureCloudinary;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Vault;

var real = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("VAULT_ADDR"));
await using var cloudinaryEmulator = real ? null : await CloudinaryEmulator.StartAsync();
await using var vaultEmulator = real ? null : await VaultEmulator.StartAsync();

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["Cloudinary:Source"] = "Vault";
if (vaultEmulator is not null && cloudinaryEmulator is not null)
{
    vaultEmulator.SetPolicy("cloudinary-read", "secret/data/cloudinary/sample");
    vaultEmulator.AddAppRole("sample-role", "sample-secret-id", new VaultTokenSpec { Policies = ["default", "cloudinary-read"] });
    vaultEmulator.WriteSecret("secret", "cloudinary/sample", new Dictionary<string, string>
    {
        ["url"] = cloudinaryEmulator.Credentials.ToCloudinaryUrl(),
    });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Cloudinary:Vault:Address"] = vaultEmulator.Address.ToString(),
        ["Cloudinary:Vault:Path"] = "cloudinary/sample",
        ["Cloudinary:Vault:Auth:Method"] = "AppRole",
        ["Cloudinary:Vault:Auth:RoleId"] = "sample-role",
        ["Cloudinary:Vault:Auth:SecretId"] = "sample-secret-id",
    });
}

Console.WriteLine(real
    ? "Using the real Vault at VAULT_ADDR and the real Cloudinary."
    : "VAULT_ADDR is not set: using the loopback Vault and Cloudinary emulators.");

builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
using var host = builder.Build();
try
{
    await host.StartAsync();
    var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync();
    Console.WriteLine($"Credentials from Vault: cloud {snapshot.Credentials.CloudName}, key fingerprint {snapshot.Credentials.Fingerprint}, version {snapshot.Version ?? "(none)"}");
    var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync();
    Console.WriteLine($"Cloudinary ping: {ping.Status}");
    await host.StopAsync();
    return 0;
}
catch (Exception e) when (e is CloudinaryCredentialException or CloudinaryApiException or Microsoft.Extensions.Options.OptionsValidationException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
