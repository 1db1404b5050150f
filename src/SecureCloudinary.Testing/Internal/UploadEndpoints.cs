using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>The Upload API: <c>POST …/{resource_type}/upload</c> (plain and chunked) and <c>…/destroy</c>.</summary>
internal sealed class UploadEndpoints(EmulatorState state)
{
    public async Task UploadAsync(HttpContext context, string resourceType, RequestInfo info)
    {
        ChunkRange? range = info.ContentRange is null ? null : ChunkRange.Parse(info.ContentRange);
        if (range is not null && info.UploadId is null)
        {
            throw EmulatorException.BadRequest("Missing X-Unique-Upload-Id header for a chunked upload");
        }

        if (range is null && info.UploadId is not null)
        {
            throw EmulatorException.BadRequest("Missing Content-Range header for a chunked upload");
        }

        using var form = await FormReader.ReadAsync(context.Request, state.MaxBodySize, StartHash, context.RequestAborted,
            keepContentUpTo: range is null ? state.KeepContentUpTo : 0).ConfigureAwait(false);
        var key = state.Authenticator.AuthenticateSigned(form.Fields, context.Request.Headers.Authorization, info);
        var file = form.File ?? throw EmulatorException.MissingParameter("file");
        long bytes;
        string? sha256;
        var chunks = 1;
        if (range is { } chunk)
        {
            if (file.RemoteUrl is not null)
            {
                throw EmulatorException.BadRequest("A remote URL cannot be uploaded in chunks");
            }

            var progress = state.Chunks.Commit(info.UploadId!, chunk, file, key.ApiKey);
            if (!progress.Done)
            {
                await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, writer =>
                {
                    writer.WriteBoolean("done", false);
                    writer.WriteNumber("bytes", progress.Received);
                    writer.WriteString("upload_id", info.UploadId);
                    writer.WriteString("resource_type", resourceType);
                }).ConfigureAwait(false);
                return;
            }

            (bytes, sha256, chunks) = (progress.Received, progress.Sha256, progress.Chunks);
        }
        else
        {
            bytes = file.Length;
            sha256 = file.Hash is null ? null : Convert.ToHexStringLower(file.Hash.GetCurrentHash());
        }

        var asset = AssetFactory.Create(form, resourceType, bytes, sha256, chunks, key.ApiKey, state.TimeProvider.GetUtcNow());
        var existing = state.Assets.Store(asset, AssetFactory.Overwrite(form), range is null ? file.KeptContent : null);
        await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK,
            writer => UploadResultWriter.Write(writer, existing ?? asset, state.CloudName, key, existing is not null))
            .ConfigureAwait(false);

        (IncrementalHash, long) StartHash() => info.UploadId is null
            ? (IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0)
            : state.Chunks.StartHash(info.UploadId);
    }

    public async Task DestroyAsync(HttpContext context, string resourceType, RequestInfo info)
    {
        if (resourceType == "auto")
        {
            throw EmulatorException.BadRequest("Invalid resource_type auto - destroy needs image, video or raw");
        }

        using var form = await FormReader.ReadAsync(context.Request, state.MaxBodySize,
            () => (IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0), context.RequestAborted).ConfigureAwait(false);
        state.Authenticator.AuthenticateSigned(form.Fields, context.Request.Headers.Authorization, info);
        var publicId = form.Get("public_id");
        if (string.IsNullOrEmpty(publicId))
        {
            throw EmulatorException.MissingParameter("public_id");
        }

        var type = form.Get("type") is { Length: > 0 } t ? t : "upload";
        var removed = state.Assets.Remove(resourceType, type, publicId);
        await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK,
            writer => writer.WriteString("result", removed ? "ok" : "not found")).ConfigureAwait(false);
    }
}
