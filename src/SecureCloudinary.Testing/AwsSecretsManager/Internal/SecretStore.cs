using System.Security.Cryptography;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>The emulator's secrets: lookup by name, full or partial ARN; versions and staging labels.</summary>
internal sealed class SecretStore(string region, string accountId, TimeProvider timeProvider)
{
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.Ordinal);

    public Lock Sync { get; } = new();

    public TimeProvider Time => timeProvider;

    public StoredSecret Create(string name, string? text, byte[]? binary)
    {
        lock (Sync)
        {
            if (_secrets.ContainsKey(name))
            {
                throw AwsError.Client("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
            }

            var now = timeProvider.GetUtcNow();
            var arn = $"arn:aws:secretsmanager:{region}:{accountId}:secret:{name}-{RandomSuffix()}";
            var secret = new StoredSecret(name, arn, now);
            _secrets[name] = secret;
            var version = new StoredVersion(NewVersionId(), text, binary, now);
            secret.Versions.Add(version);
            version.Stages.Add(StoredSecret.Current);
            return secret;
        }
    }

    /// <summary>Finds a secret by name, full ARN or partial ARN (no random suffix). Call under <see cref="Sync"/>.</summary>
    public StoredSecret Resolve(string secretId, bool allowDeleted = false)
    {
        StoredSecret? found = null;
        if (secretId.StartsWith("arn:", StringComparison.Ordinal))
        {
            found = _secrets.Values.FirstOrDefault(s => s.Arn == secretId || s.Arn[..^7] == secretId);
        }
        else
        {
            _secrets.TryGetValue(secretId, out found);
        }

        if (found is null)
        {
            throw AwsError.NotFound();
        }

        if (found.Deleted is not null && !allowDeleted)
        {
            throw AwsError.Client("InvalidRequestException", "You tried to perform the operation on a secret that's currently marked deleted.");
        }

        return found;
    }

    public bool Remove(string secretId)
    {
        lock (Sync)
        {
            try
            {
                return _secrets.Remove(Resolve(secretId, allowDeleted: true).Name);
            }
            catch (AwsError)
            {
                return false;
            }
        }
    }

    /// <summary>Selects a version as GetSecretValue does. Call under <see cref="Sync"/>.</summary>
    public static StoredVersion Select(StoredSecret secret, string? versionId, string? stage)
    {
        if (versionId is not null)
        {
            var version = secret.Find(versionId)
                ?? throw AwsError.NotFound($"Secrets Manager can't find the specified secret value for VersionId: {versionId}");
            if (stage is not null && !version.Stages.Contains(stage))
            {
                throw AwsError.Client("InvalidRequestException", "You provided a VersionStage that is not associated to the provided VersionId.");
            }

            return version;
        }

        stage ??= StoredSecret.Current;
        return secret.WithStage(stage)
            ?? throw AwsError.NotFound($"Secrets Manager can't find the specified secret value for staging label: {stage}");
    }

    /// <summary>PutSecretValue: adds a version (idempotent per token) and moves the labels (default AWSCURRENT).</summary>
    public (StoredSecret Secret, StoredVersion Version) Put(string secretId, string? token, string? text, byte[]? binary, IReadOnlyList<string>? stages)
    {
        if ((text is null) == (binary is null))
        {
            throw AwsError.InvalidParameter("You must provide either SecretString or SecretBinary, but not both.");
        }

        lock (Sync)
        {
            var secret = Resolve(secretId);
            token ??= NewVersionId();
            if (token.Length is < 32 or > 64)
            {
                throw AwsError.InvalidParameter("ClientRequestToken must be 32 to 64 characters long.");
            }

            var existing = secret.Find(token);
            if (existing is not null)
            {
                return existing.SameData(text, binary)
                    ? (secret, existing)
                    : throw AwsError.Client("ResourceExistsException", "You can't modify an existing version, you can only create a new version.");
            }

            var version = new StoredVersion(token, text, binary, timeProvider.GetUtcNow());
            secret.Versions.Add(version);
            foreach (var stage in stages is { Count: > 0 } ? stages : [StoredSecret.Current])
            {
                secret.MoveStage(stage, version);
            }

            secret.LastChanged = version.Created;
            return (secret, version);
        }
    }

    /// <summary>UpdateSecretVersionStage with AWS's RemoveFromVersionId rules.</summary>
    public StoredSecret UpdateStage(string secretId, string stage, string? removeFrom, string? moveTo)
    {
        lock (Sync)
        {
            var secret = Resolve(secretId);
            var holder = secret.WithStage(stage);
            var target = moveTo is null ? null : secret.Find(moveTo)
                ?? throw AwsError.NotFound($"Secrets Manager can't find the specified secret value for VersionId: {moveTo}");
            if (holder is not null && !ReferenceEquals(holder, target) && holder.Id != removeFrom)
            {
                throw AwsError.InvalidParameter(
                    $"The staging label {stage} is currently attached to version {holder.Id}, so you must explicitly reference that version in RemoveFromVersionId.");
            }

            if (removeFrom is not null && holder?.Id != removeFrom)
            {
                throw AwsError.InvalidParameter($"The staging label {stage} is not attached to version {removeFrom}.");
            }

            if (target is null)
            {
                holder?.Stages.Remove(stage);
            }
            else
            {
                secret.MoveStage(stage, target);
            }

            secret.LastChanged = timeProvider.GetUtcNow();
            return secret;
        }
    }

    public static string NewVersionId() => Guid.NewGuid().ToString("D");

    private static string RandomSuffix()
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return RandomNumberGenerator.GetString(Alphabet, 6);
    }
}
