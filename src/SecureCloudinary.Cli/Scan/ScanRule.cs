namespace SecureCloudinary.Cli.Scan;

/// <summary>One detection rule, as listed in reports and in SARIF's <c>tool.driver.rules</c>.</summary>
/// <param name="Id">The stable id (<c>CLD001</c>…).</param>
/// <param name="Name">A short PascalCase name.</param>
/// <param name="Description">What the rule finds.</param>
internal sealed record ScanRule(string Id, string Name, string Description)
{
    /// <summary>A <c>cloudinary://key:secret@cloud</c> URL with a literal secret.</summary>
    public static ScanRule CloudinaryUrl { get; } = new(
        "CLD001", "CloudinaryUrlWithSecret", "A cloudinary://api_key:api_secret@cloud_name URL with a literal API secret.");

    /// <summary>An <c>api_secret</c>-style setting or argument with a literal value.</summary>
    public static ScanRule SecretAssignment { get; } = new(
        "CLD002", "ApiSecretAssignment",
        "A literal value assigned to CLOUDINARY_API_SECRET, api_secret, apiSecret or ApiSecret in code, configuration or a notebook.");

    /// <summary>Cloud name, key and secret passed as literals to a client constructor.</summary>
    public static ScanRule ConstructorLiterals { get; } = new(
        "CLD003", "ClientConstructorLiterals",
        "Cloud name, API key and API secret passed as string literals to a Cloudinary client constructor (new Account(...), NewFromParams(...)).");

    /// <summary>All rules, in id order.</summary>
    public static IReadOnlyList<ScanRule> All { get; } = [CloudinaryUrl, SecretAssignment, ConstructorLiterals];
}
