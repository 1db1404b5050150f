namespace SecureCloudinary.Cli.Rotate;

/// <summary>One step of a rotation in the report: its name, <c>ok</c>/<c>failed</c>/<c>skipped</c>/<c>manual</c>, and a detail without secrets.</summary>
/// <param name="Name">The step, e.g. <c>create-key</c>.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What happened, safe to print.</param>
internal sealed record RotateStep(string Name, string Status, string Detail);
