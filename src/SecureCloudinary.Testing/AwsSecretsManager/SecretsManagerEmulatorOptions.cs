namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>Settings of <see cref="SecretsManagerEmulator"/>.</summary>
public sealed class SecretsManagerEmulatorOptions
{
    /// <summary>The region requests must be signed for. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account id used in ARNs. Default <c>123456789012</c>.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The emulator's clock (signature age, dates, slow responses). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The access key id accepted at start; generated when null.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret access key accepted at start; generated when null.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>A session token the start identity must send (temporary credentials), or null for long-term keys.</summary>
    public string? SessionToken { get; set; }

    /// <summary>How far <c>X-Amz-Date</c> may be from the emulator's clock. Default 5 minutes, as AWS.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long <see cref="SecretsManagerFault.Slow"/> waits. Default 30 seconds.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(30);
}
