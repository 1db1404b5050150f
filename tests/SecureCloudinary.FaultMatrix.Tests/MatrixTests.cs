using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.FaultMatrix.Tests.Rigs;

namespace SecureCloudinary.FaultMatrix.Tests;

// One class per source: xunit runs classes in parallel, the faults of one source one after another.

public sealed class EnvironmentFaultMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<MatrixFault> Faults => MatrixData.Supported(() => new EnvironmentRig());

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Fault_ColdAndWarm_DocumentedOutcomeThenRecovery(MatrixFault fault) =>
        CellRunner.RunAsync(fixture, () => new EnvironmentRig(), fault);
}

public sealed class ConfigurationFaultMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<MatrixFault> Faults => MatrixData.Supported(() => new ConfigurationRig());

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Fault_ColdAndWarm_DocumentedOutcomeThenRecovery(MatrixFault fault) =>
        CellRunner.RunAsync(fixture, () => new ConfigurationRig(), fault);
}

public sealed class AwsSecretsManagerFaultMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<MatrixFault> Faults => MatrixData.Supported(() => new AwsSecretsManagerRig());

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Fault_ColdAndWarm_DocumentedOutcomeThenRecovery(MatrixFault fault) =>
        CellRunner.RunAsync(fixture, () => new AwsSecretsManagerRig(), fault);
}

public sealed class VaultFaultMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<MatrixFault> Faults => MatrixData.Supported(() => new VaultRig());

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Fault_ColdAndWarm_DocumentedOutcomeThenRecovery(MatrixFault fault) =>
        CellRunner.RunAsync(fixture, () => new VaultRig(), fault);
}

public sealed class ConjurFaultMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<MatrixFault> Faults => MatrixData.Supported(() => new ConjurRig());

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Fault_ColdAndWarm_DocumentedOutcomeThenRecovery(MatrixFault fault) =>
        CellRunner.RunAsync(fixture, () => new ConjurRig(), fault);
}
