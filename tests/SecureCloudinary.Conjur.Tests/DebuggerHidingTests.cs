using System.Diagnostics;
using System.Reflection;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>Issue 11 item 14: members holding a Conjur API key or access token are hidden from the debugger.</summary>
public sealed class DebuggerHidingTests
{
    [Theory]
    [InlineData("SecureCloudinary.Conjur.ConjurCredentialSourceOptions", "ApiKey")]
    [InlineData("SecureCloudinary.Conjur.Internal.ConjurAccessToken", "HeaderValue")]
    [InlineData("SecureCloudinary.Conjur.Internal.ApiKeyTokenIssuer", "_apiKey")]
    public void SecretMember_IsNeverBrowsable(string typeName, string memberName)
    {
        var type = typeof(ConjurCredentialSource).Assembly.GetType(typeName, throwOnError: true)!;
        var member = Assert.Single(type.GetMember(memberName, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));

        Assert.Equal(DebuggerBrowsableState.Never, member.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State);
    }
}
