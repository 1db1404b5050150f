// SecureCloudinary + CyberArk Conjur sample.
// With CONJUR_APPLIANCE_URL set, it reads the Cloudinary credentials from your Conjur (settings from
// Cloudinary:Conjur or the CONJUR_* environment variables; see docs/backends/conjur.md) and pings Cloudinary.
// Without it, it starts a Conjur emulator and a Cloudinary emulator on loopback and does the same against them.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecureCloudinary;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Conjur;

var real = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CONJUR_APPLIANCE_URL"));
await using var cloudinaryEmulator = real ? null : await CloudinaryEmulator.StartAsync();
await using var conjurEmulator = real ? null : await ConjurEmulator.StartAsync();

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["Cloudinary:Source"] = "Conjur";
if (conjurEmulator is not null && cloudinaryEmulator is not null)
{
    const string variable = "apps/sample/cloudinary-url";
    var apiKey = conjurEmulator.AddHost("apps/sample");
    conjurEmulator.Permit("host/apps/sample", variable);
    conjurEmulator.SetSecret(variable, cloudinaryEmulator.Credentials.ToCloudinaryUrl());
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Cloudinary:Conjur:ApplianceUrl"] = conjurEmulator.BaseAddress.ToString(),
        ["Cloudinary:Conjur:Account"] = conjurEmulator.Account,
        ["Cloudinary:Conjur:Login"] = "host/apps/sample",
        ["Cloudinary:Conjur:ApiKey"] = apiKey,
        ["Cloudinary:Conjur:Variable"] = variable,
    });
}

Console.WriteLine(real
    ? "Using the real Conjur at CONJUR_APPLIANCE_URL and the real Cloudinary."
    : "CONJUR_APPLIANCE_URL is not set: using the loopback Conjur and Cloudinary emulators.");

builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur();
using var host = builder.Build();
try
{
    await host.StartAsync();
    var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync();
    Console.WriteLine($"Credentials from Conjur: cloud {snapshot.Credentials.CloudName}, key fingerprint {snapshot.Credentials.Fingerprint}");
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
