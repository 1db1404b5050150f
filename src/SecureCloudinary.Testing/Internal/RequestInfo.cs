namespace SecureCloudinary.Testing.Internal;

/// <summary>What the request log needs to know about the request being handled.</summary>
internal sealed class RequestInfo
{
    public string? ApiKey { get; set; }

    public string? UploadId { get; init; }

    public string? ContentRange { get; init; }

    /// <summary>The path to record instead of the request path (a delivery URL with its signature masked).</summary>
    public string? LoggedPath { get; set; }
}
