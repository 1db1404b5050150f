// Reads Cloudinary credentials from AWS Secrets Manager and pings Cloudinary.
// Real mode: set Cloudinary__AwsSecretsManager__SecretId (plus the usual AWS credentials/region).
// Otherwise a loopback Secrets Manager emulator and a Cloudinary emulator stand in for both services.
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecureCloudinary;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var real = !string.IsNullOrWhiteSpace(builder.Configuration["Cloudinary:AwsSecretsManager:SecretId"]);
await using var cloudinary = real ? null : await CloudinaryEmulator.StartAsync();
await using var secrets = real ? null : await SecretsManagerEmulator.StartAsync();
if (secrets is not null && cloudinary is not null)
{
    secrets.CreateSecret("samples/cloudinary", $$"""{"url":"{{cloudinary.Credentials.ToCloudinaryUrl()}}"}""");
    builder.Configuration.AddInMemoryCollection([
        new("Cloudinary:AwsSecretsManager:SecretId", "samples/cloudinary"),
        new("Cloudinary:AwsSecretsManager:ServiceUrl", secrets.BaseAddress.ToString()),
        new("Cloudinary:AwsSecretsManager:Region", secrets.Region),
    ]);
    builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(secrets.AccessKeyId, secrets.SecretAccessKey));
}

builder.Configuration.AddInMemoryCollection([new("Cloudinary:Source", "AwsSecretsManager")]);
builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddAwsSecretsManager();
Console.WriteLine(real
    ? "Using AWS Secrets Manager and Cloudinary (real services)."
    : "Using the loopback AWS Secrets Manager and Cloudinary emulators (set Cloudinary__AwsSecretsManager__SecretId for real ones).");

using var host = builder.Build();
await host.StartAsync();
var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync();
Console.WriteLine($"Credentials from AWS Secrets Manager: cloud {snapshot.Credentials.CloudName}, key fingerprint {snapshot.Credentials.Fingerprint}, version {snapshot.Version}");
var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync();
Console.WriteLine($"Cloudinary ping: {ping.Status}");
await host.StopAsync();
return 0;
