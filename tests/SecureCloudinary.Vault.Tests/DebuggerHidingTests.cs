using System.Diagnostics;
using System.Reflection;

namespace SecureCloudinary.Vault.Tests;

/// <summary>Issue 11 item 14: members holding a Vault token, secret id or password are hidden from the debugger.</summary>
public sealed class DebuggerHidingTests
{
    [Theory]
    [InlineData("SecureCloudinary.Vault.VaultAuthOptions", "Token")]
    [InlineData("SecureCloudinary.Vault.VaultAuthOptions", "SecretId")]
    [InlineData("SecureCloudinary.Vault.VaultAuthOptions", "Password")]
    [InlineData("SecureCloudinary.Vault.Internal.VaultToken", "Value")]
    [InlineData("SecureCloudinary.Vault.Internal.VaultTokenManager", "_staticToken")]
    [InlineData("SecureCloudinary.Vault.Internal.VaultLogin", "_wrappingToken")]
    [InlineData("SecureCloudinary.Vault.Internal.VaultLogin", "_unwrappedSecretId")]
    public void SecretMember_IsNeverBrowsable(string typeName, string memberName)
    {
        var type = typeof(VaultCredentialSource).Assembly.GetType(typeName, throwOnError: true)!;
        var member = Assert.Single(type.GetMember(memberName, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));

        Assert.Equal(DebuggerBrowsableState.Never, member.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State);
    }
}
