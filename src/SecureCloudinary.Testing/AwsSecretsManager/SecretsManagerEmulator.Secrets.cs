using SecureCloudinary.Testing.AwsSecretsManager.Internal;

namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <content>Managing secrets from the test itself (same rules as the API operations).</content>
public sealed partial class SecretsManagerEmulator
{
    /// <summary>Creates a secret whose first version (labelled AWSCURRENT) holds <paramref name="secretString"/>.</summary>
    /// <param name="name">The secret name.</param>
    /// <param name="secretString">The value.</param>
    /// <returns>The secret's full ARN (name + '-' + 6 random characters).</returns>
    public string CreateSecret(string name, string secretString)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(secretString);
        return _state.Store.Create(name, secretString, null).Arn;
    }

    /// <summary>Creates a secret whose first version holds binary data (returned base64 as <c>SecretBinary</c>).</summary>
    /// <param name="name">The secret name.</param>
    /// <param name="secretBinary">The value.</param>
    /// <returns>The secret's full ARN.</returns>
    public string CreateBinarySecret(string name, byte[] secretBinary)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(secretBinary);
        return _state.Store.Create(name, null, secretBinary.ToArray()).Arn;
    }

    /// <summary>
    /// Adds a version, as PutSecretValue: without <paramref name="versionStages"/> AWSCURRENT moves to it and
    /// AWSPREVIOUS to the version AWSCURRENT left; with <c>AWSPENDING</c> the current version stays.
    /// </summary>
    /// <param name="secretId">Name or ARN.</param>
    /// <param name="secretString">The value.</param>
    /// <param name="versionStages">Labels for the new version; none means AWSCURRENT.</param>
    /// <returns>The new version id.</returns>
    public string PutSecretValue(string secretId, string secretString, params string[] versionStages)
    {
        ArgumentNullException.ThrowIfNull(secretString);
        return Run(() => _state.Store.Put(secretId, null, secretString, null, versionStages).Version.Id);
    }

    /// <summary>Moves or removes a staging label, as UpdateSecretVersionStage.</summary>
    /// <param name="secretId">Name or ARN.</param>
    /// <param name="versionStage">The label, e.g. AWSCURRENT.</param>
    /// <param name="moveToVersionId">The version to attach it to, or null to only remove it.</param>
    /// <param name="removeFromVersionId">The version it is on now (required when it is on another version).</param>
    public void UpdateSecretVersionStage(string secretId, string versionStage, string? moveToVersionId, string? removeFromVersionId = null) =>
        Run(() => _state.Store.UpdateStage(secretId, versionStage, removeFromVersionId, moveToVersionId));

    /// <summary>The id of the version carrying <paramref name="versionStage"/>, or null.</summary>
    /// <param name="secretId">Name or ARN.</param>
    /// <param name="versionStage">The label.</param>
    /// <returns>The version id, or null.</returns>
    public string? GetVersionId(string secretId, string versionStage = "AWSCURRENT")
    {
        lock (_state.Store.Sync)
        {
            return Run(() => _state.Store.Resolve(secretId, allowDeleted: true).WithStage(versionStage)?.Id);
        }
    }

    /// <summary>Deletes a secret at once (later reads get <c>ResourceNotFoundException</c>).</summary>
    /// <param name="secretId">Name or ARN.</param>
    /// <returns>Whether it existed.</returns>
    public bool DeleteSecret(string secretId) => _state.Store.Remove(secretId);

    /// <summary>Schedules a secret for deletion (later reads get <c>InvalidRequestException</c>).</summary>
    /// <param name="secretId">Name or ARN.</param>
    public void MarkForDeletion(string secretId)
    {
        lock (_state.Store.Sync)
        {
            Run(() => _state.Store.Resolve(secretId).Deleted = _state.Store.Time.GetUtcNow());
        }
    }

    private static T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (AwsError e)
        {
            throw new InvalidOperationException($"{e.Type}: {e.Message}");
        }
    }
}
