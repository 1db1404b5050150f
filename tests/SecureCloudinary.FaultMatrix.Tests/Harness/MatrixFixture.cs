using System.Collections.Concurrent;
using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.FaultMatrix.Tests.Rigs;
using SecureCloudinary.Reliability;
using SecureCloudinary.Testing;

[assembly: AssemblyFixture(typeof(MatrixFixture))]

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>
/// Shared by every cell: one Cloudinary emulator (each cell adds its own keys) and which cells passed. The table
/// goes to the test output; when <see cref="ReliabilityDocs.RegenerateVariable"/> is 1 and every applicable cell
/// passed in this run, the fault-matrix section of docs/reliability.md is rewritten (never otherwise).
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Source, MatrixFault Fault), bool> _passed = new();
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

    public async ValueTask InitializeAsync() => _cloudinary = await CloudinaryEmulator.StartAsync();

    /// <summary>Records that both phases of a cell matched the pinned table.</summary>
    internal void Passed(string source, MatrixFault fault) => _passed[(source, fault)] = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            var complete = Rigs.Select(create => create())
                .All(rig => MatrixFaults.All.Where(rig.Supports).All(fault => _passed.ContainsKey((rig.Source, fault))));
            if (complete)
            {
                ReliabilityDocs.RegenerateIfRequested(ReliabilityDoc.Section, ReliabilityDoc.Render());
            }
        }
        finally
        {
            if (_cloudinary is not null)
            {
                await _cloudinary.DisposeAsync();
            }
        }
    }
}
