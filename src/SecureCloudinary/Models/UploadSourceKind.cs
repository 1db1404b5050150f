namespace SecureCloudinary.Models;

/// <summary>Where the bytes of an <see cref="UploadRequest"/> come from.</summary>
public enum UploadSourceKind
{
    /// <summary>A local file, read when the upload runs.</summary>
    File = 0,

    /// <summary>A caller-owned stream; it is read but not disposed.</summary>
    Stream = 1,

    /// <summary>A remote URL Cloudinary fetches itself.</summary>
    RemoteUrl = 2,

    /// <summary>A <c>data:</c> URI with the file inline.</summary>
    DataUri = 3,
}
