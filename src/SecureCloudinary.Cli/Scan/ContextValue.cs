namespace SecureCloudinary.Cli.Scan;

/// <summary>An <c>api_key</c> or <c>cloud_name</c> literal seen in a file, paired with nearby secrets for <c>--verify</c>.</summary>
/// <param name="IsApiKey">True for an API key, false for a cloud name.</param>
/// <param name="Value">The literal (neither is secret).</param>
/// <param name="Line">The 1-based line number.</param>
internal readonly record struct ContextValue(bool IsApiKey, string Value, int Line);
