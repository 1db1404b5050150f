namespace MinimalApi;

/// <summary>The answer of <c>POST /images</c>.</summary>
/// <param name="PublicId">The asset's public id.</param>
/// <param name="Version">The asset version.</param>
/// <param name="Format">The format (file extension).</param>
/// <param name="Bytes">The stored size.</param>
public sealed record ImageUploaded(string? PublicId, long? Version, string? Format, long? Bytes);
