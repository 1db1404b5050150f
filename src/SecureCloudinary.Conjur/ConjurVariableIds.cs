namespace SecureCloudinary.Conjur;

/// <summary>
/// The ids of three Conjur variables holding the parts of the credentials (<c>Cloudinary:Conjur:Variables</c>).
/// Ids are policy paths such as <c>apps/web/cloudinary/api-secret</c>, without the <c>account:variable:</c> prefix.
/// </summary>
public sealed class ConjurVariableIds
{
    /// <summary>
    /// The variable holding the cloud name (<c>Cloudinary:Conjur:Variables:CloudName</c>). Optional when
    /// <c>Cloudinary:CloudName</c> is set in application configuration.
    /// </summary>
    public string? CloudName { get; set; }

    /// <summary>The variable holding the API key (<c>Cloudinary:Conjur:Variables:ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The variable holding the API secret (<c>Cloudinary:Conjur:Variables:ApiSecret</c>).</summary>
    public string? ApiSecret { get; set; }

    /// <summary>Whether any of the three ids is set.</summary>
    internal bool IsAnySet =>
        !string.IsNullOrWhiteSpace(CloudName) || !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(ApiSecret);
}
