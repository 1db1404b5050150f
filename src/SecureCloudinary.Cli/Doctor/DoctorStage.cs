namespace SecureCloudinary.Cli.Doctor;

/// <summary>The step <c>doctor</c> was at; decides the exit code of an error that has no type of its own.</summary>
internal enum DoctorStage
{
    /// <summary>Reading configuration and building services.</summary>
    Configuration,

    /// <summary>Asking the credential source.</summary>
    Source,

    /// <summary>Pinging Cloudinary.</summary>
    Ping,
}
