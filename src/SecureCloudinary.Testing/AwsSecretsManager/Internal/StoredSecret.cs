namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>A secret with its versions and staging labels. Guarded by the store's lock.</summary>
internal sealed class StoredSecret(string name, string arn, DateTimeOffset created)
{
    public const string Current = "AWSCURRENT";
    public const string Previous = "AWSPREVIOUS";

    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastChanged { get; set; } = created;

    public DateTimeOffset? Deleted { get; set; }

    public List<StoredVersion> Versions { get; } = [];

    public StoredVersion? Find(string versionId) => Versions.Find(v => v.Id == versionId);

    public StoredVersion? WithStage(string stage) => Versions.Find(v => v.Stages.Contains(stage));

    /// <summary>Moves a label to a version; moving AWSCURRENT moves AWSPREVIOUS to the version it left.</summary>
    public void MoveStage(string stage, StoredVersion target)
    {
        var holder = WithStage(stage);
        if (ReferenceEquals(holder, target))
        {
            return;
        }

        holder?.Stages.Remove(stage);
        target.Stages.Add(stage);
        if (stage == Current && holder is not null)
        {
            WithStage(Previous)?.Stages.Remove(Previous);
            holder.Stages.Add(Previous);
        }
    }
}
