using System.Collections.Concurrent;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.FaultMatrix.Tests.Rigs;
using SecureCloudinary.Testing;

[assembly: AssemblyFixture(typeof(MatrixFixture))]

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>
/// Shared by every cell: one Cloudinary emulator (each cell adds its own keys) and the results. When the run
/// ends with every applicable row recorded (no filter, no failure), the table is written to docs/reliability.md.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Source, MatrixFault Fault), MatrixRow> _rows = new();
    private CloudinaryEmulator? _cloudinary;

    internal static IReadOnlyList<Func<SourceRig>> Rigs { get; } =
    [
        () => new EnvironmentRig(),
        () => new ConfigurationRig(),
        () => new AwsSecretsManagerRig(),
        () => new VaultRig(),
        () => new ConjurRig(),
    ];

    internal CloudinaryEmulator Cloudinary => _cloudinary ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where the table was written, once it was.</summary>
    internal string? WrittenTo { get; private set; }

    public async ValueTask InitializeAsync() => _cloudinary = await CloudinaryEmulator.StartAsync();

    internal void Record(MatrixRow row) => _rows[(row.Source, row.Fault)] = row;

    public async ValueTask DisposeAsync()
    {
        try
        {
            WriteDocIfComplete();
        }
        finally
        {
            if (_cloudinary is not null)
            {
                await _cloudinary.DisposeAsync();
            }
        }
    }

    private void WriteDocIfComplete()
    {
        var rows = new List<MatrixRow>();
        var sources = new List<string>();
        foreach (var create in Rigs)
        {
            var rig = create();
            sources.Add(rig.Source);
            foreach (var fault in MatrixFaults.All)
            {
                if (!rig.Supports(fault))
                {
                    rows.Add(new MatrixRow(rig.Source, fault, "—", PhaseResult.NotApplicable, PhaseResult.NotApplicable));
                }
                else if (_rows.TryGetValue((rig.Source, fault), out var row))
                {
                    rows.Add(row);
                }
                else
                {
                    return; // a filtered or failed run: leave the docs alone
                }
            }
        }

        var root = ReliabilityDoc.FindRepositoryRoot();
        if (root is null)
        {
            return;
        }

        var path = Path.Combine(root, "docs", "reliability.md");
        var existing = File.Exists(path) ? File.ReadAllText(path) : null;
        File.WriteAllText(path, ReliabilityDoc.ReplaceSection(existing, ReliabilityDoc.Render(rows, sources)));
        WrittenTo = path;
    }
}
