namespace SecureCloudinary.Cli.Doctor;

/// <summary>An endpoint setting whose value comes from a file in the checked folder.</summary>
/// <param name="Setting">The configuration key, e.g. <c>Cloudinary:Vault:Address</c>.</param>
/// <param name="File">The file that sets it.</param>
/// <param name="Host">The host (and port) it points at; never a path or query, which could hold a value.</param>
internal sealed record FileEndpoint(string Setting, string File, string Host);
