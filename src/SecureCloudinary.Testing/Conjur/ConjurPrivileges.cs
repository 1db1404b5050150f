namespace SecureCloudinary.Testing.Conjur;

/// <summary>The privileges the Conjur emulator checks on a variable.</summary>
[Flags]
public enum ConjurPrivileges
{
    /// <summary>No privilege: the variable is invisible to the role (Conjur answers 404).</summary>
    None = 0,

    /// <summary><c>read</c>: the variable is visible (without <c>execute</c>, reading its value is 403).</summary>
    Read = 1,

    /// <summary><c>execute</c>: the variable's value may be read.</summary>
    Execute = 2,

    /// <summary><c>update</c>: a new value may be added to the variable (<c>POST /secrets/…</c>, what key rotation needs).</summary>
    Update = 4,
}
