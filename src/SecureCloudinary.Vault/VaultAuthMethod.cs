namespace SecureCloudinary.Vault;

/// <summary>How the Vault source authenticates (<c>Cloudinary:Vault:Auth:Method</c>).</summary>
public enum VaultAuthMethod
{
    /// <summary>A token given in configuration (<c>Auth:Token</c>) or <c>VAULT_TOKEN</c>; renewed while renewable.</summary>
    Token = 0,

    /// <summary>AppRole login (<c>auth/approle/login</c>) with <c>Auth:RoleId</c> and a secret id.</summary>
    AppRole = 1,

    /// <summary>Kubernetes login (<c>auth/kubernetes/login</c>) with the pod's service-account token file.</summary>
    Kubernetes = 2,

    /// <summary>JWT login (<c>auth/jwt/login</c>) with a token read from <c>Auth:JwtFile</c>.</summary>
    Jwt = 3,

    /// <summary>Username and password login (<c>auth/userpass/login/{username}</c>).</summary>
    UserPass = 4,
}
