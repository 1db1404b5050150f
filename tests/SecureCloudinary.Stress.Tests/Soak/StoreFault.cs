namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>A fault the soak's store can be in.</summary>
internal enum StoreFault
{
    None,

    /// <summary>Reads throw (the store cannot be reached).</summary>
    Throw,

    /// <summary>The credential keys are gone (a deleted secret).</summary>
    Missing,

    /// <summary>A malformed URL (with the sentinel in it) overrides the credentials.</summary>
    Malformed,
}
