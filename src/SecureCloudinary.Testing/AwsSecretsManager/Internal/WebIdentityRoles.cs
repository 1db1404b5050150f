using System.Collections.Concurrent;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>The roles <c>AssumeRoleWithWebIdentity</c> may assume, with their tokens, and the keys issued so far.</summary>
internal sealed class WebIdentityRoles
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _issued = new();
    private readonly ConcurrentDictionary<string, bool> _assumable = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Issued => _issued.ToArray();

    public void Allow(string roleArn, string token) => _tokens[roleArn] = token;

    public string? TokenFor(string roleArn) => _tokens.GetValueOrDefault(roleArn);

    public void AllowAssumeRole(string roleArn) => _assumable[roleArn] = true;

    public bool MayAssume(string roleArn) => _assumable.ContainsKey(roleArn);

    public void RecordIssued(string accessKeyId) => _issued.Enqueue(accessKeyId);
}
