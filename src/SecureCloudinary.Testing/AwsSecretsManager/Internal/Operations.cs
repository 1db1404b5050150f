using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>GetSecretValue, DescribeSecret, PutSecretValue and UpdateSecretVersionStage over the store.</summary>
internal sealed class Operations(SecretsManagerState state)
{
    public Task RunAsync(string operation, JsonElement input, HttpResponse response)
    {
        EnsureActionAllowed(operation, input);
        return Dispatch(operation, input, response);
    }

    private Task Dispatch(string operation, JsonElement input, HttpResponse response) => operation switch
    {
        "GetSecretValue" => GetSecretValueAsync(input, response),
        "DescribeSecret" => DescribeSecretAsync(input, response),
        "PutSecretValue" => PutSecretValueAsync(input, response),
        "UpdateSecretVersionStage" => UpdateSecretVersionStageAsync(input, response),
        _ => throw AwsError.Client("UnknownOperationException", "The requested operation is not recognized."),
    };

    /// <summary>Answers AccessDeniedException, as IAM does, when a test denied this action on the secret (checked before the action runs).</summary>
    private void EnsureActionAllowed(string operation, JsonElement input)
    {
        if (OptionalString(input, "SecretId") is not { Length: > 0 } secretId)
        {
            return;
        }

        lock (state.Store.Sync)
        {
            StoredSecret secret;
            try
            {
                secret = state.Store.Resolve(secretId, allowDeleted: true);
            }
            catch (AwsError)
            {
                return; // the action itself reports the missing secret
            }

            if (state.IsActionDenied(operation, secret))
            {
                throw SecretsManagerRequestHandler.AccessDenied(state.Options.AccountId, secret.Arn, operation);
            }
        }
    }

    public static string? OptionalString(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequiredString(JsonElement input, string name) =>
        OptionalString(input, name) is { Length: > 0 } value
            ? value
            : throw AwsError.InvalidParameter($"1 validation error detected: Value at '{char.ToLowerInvariant(name[0]) + name[1..]}' failed to satisfy constraint: Member must not be null");

    private Task GetSecretValueAsync(JsonElement input, HttpResponse response)
    {
        var secretId = RequiredString(input, "SecretId");
        var versionId = OptionalString(input, "VersionId");
        var stage = OptionalString(input, "VersionStage");
        string arn, name, id;
        string? text;
        byte[]? binary;
        string[] stages;
        DateTimeOffset created;
        lock (state.Store.Sync)
        {
            var secret = state.Store.Resolve(secretId);
            if (state.IsDenied(secret))
            {
                throw SecretsManagerRequestHandler.AccessDenied(state.Options.AccountId, secret.Arn);
            }

            var version = SecretStore.Select(secret, versionId, stage);
            (arn, name, id, text, binary, stages, created) =
                (secret.Arn, secret.Name, version.Id, version.Text, version.Binary, version.Stages.ToArray(), version.Created);
        }

        return AwsJsonResponse.WriteAsync(response, HttpStatusCode.OK, w =>
        {
            w.WriteString("ARN", arn);
            w.WriteString("Name", name);
            w.WriteString("VersionId", id);
            if (text is not null)
            {
                w.WriteString("SecretString", text);
            }
            else
            {
                w.WriteBase64String("SecretBinary", binary);
            }

            WriteStages(w, "VersionStages", stages);
            w.WriteNumber("CreatedDate", AwsJsonResponse.EpochSeconds(created));
        });
    }

    private Task DescribeSecretAsync(JsonElement input, HttpResponse response)
    {
        var secretId = RequiredString(input, "SecretId");
        lock (state.Store.Sync)
        {
            var secret = state.Store.Resolve(secretId, allowDeleted: true);
            var versions = secret.Versions.Where(v => v.Stages.Count > 0).Select(v => (v.Id, Stages: v.Stages.ToArray())).ToArray();
            var (arn, name, created, changed, deleted) = (secret.Arn, secret.Name, secret.Created, secret.LastChanged, secret.Deleted);
            return AwsJsonResponse.WriteAsync(response, HttpStatusCode.OK, w =>
            {
                w.WriteString("ARN", arn);
                w.WriteString("Name", name);
                w.WriteBoolean("RotationEnabled", false);
                w.WriteNumber("LastChangedDate", AwsJsonResponse.EpochSeconds(changed));
                if (deleted is { } d)
                {
                    w.WriteNumber("DeletedDate", AwsJsonResponse.EpochSeconds(d));
                }

                w.WriteStartObject("VersionIdsToStages");
                foreach (var (id, stages) in versions)
                {
                    WriteStages(w, id, stages);
                }

                w.WriteEndObject();
                w.WriteNumber("CreatedDate", AwsJsonResponse.EpochSeconds(created));
            });
        }
    }

    private Task PutSecretValueAsync(JsonElement input, HttpResponse response)
    {
        var secretId = RequiredString(input, "SecretId");
        byte[]? binary = null;
        if (input.TryGetProperty("SecretBinary", out var b) && b.ValueKind == JsonValueKind.String)
        {
            binary = b.TryGetBytesFromBase64(out var bytes) ? bytes : throw AwsError.InvalidParameter("SecretBinary must be base64.");
        }

        string[]? stages = null;
        if (input.TryGetProperty("VersionStages", out var s) && s.ValueKind == JsonValueKind.Array)
        {
            stages = s.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
        }

        var (secret, version) = state.Store.Put(secretId, OptionalString(input, "ClientRequestToken"), OptionalString(input, "SecretString"), binary, stages);
        string[] versionStages;
        lock (state.Store.Sync)
        {
            versionStages = version.Stages.ToArray();
        }

        return AwsJsonResponse.WriteAsync(response, HttpStatusCode.OK, w =>
        {
            w.WriteString("ARN", secret.Arn);
            w.WriteString("Name", secret.Name);
            w.WriteString("VersionId", version.Id);
            WriteStages(w, "VersionStages", versionStages);
        });
    }

    private Task UpdateSecretVersionStageAsync(JsonElement input, HttpResponse response)
    {
        var secret = state.Store.UpdateStage(
            RequiredString(input, "SecretId"),
            RequiredString(input, "VersionStage"),
            OptionalString(input, "RemoveFromVersionId"),
            OptionalString(input, "MoveToVersionId"));
        return AwsJsonResponse.WriteAsync(response, HttpStatusCode.OK, w =>
        {
            w.WriteString("ARN", secret.Arn);
            w.WriteString("Name", secret.Name);
        });
    }

    private static void WriteStages(Utf8JsonWriter writer, string name, string[] stages)
    {
        writer.WriteStartArray(name);
        foreach (var stage in stages)
        {
            writer.WriteStringValue(stage);
        }

        writer.WriteEndArray();
    }
}
