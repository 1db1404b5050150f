namespace SecureCloudinary.Cli.Doctor;

/// <summary>Sits in every HTTP client doctor builds and records the host of each request.</summary>
internal sealed class EndpointRecordingHandler : DelegatingHandler
{
    private readonly EndpointLog _log;

    /// <summary>Creates the handler.</summary>
    /// <param name="log">Where hosts are recorded.</param>
    public EndpointRecordingHandler(EndpointLog log)
    {
        _log = log;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            _log.Record(uri);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
