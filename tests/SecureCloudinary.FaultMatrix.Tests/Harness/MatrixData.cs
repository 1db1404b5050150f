using SecureCloudinary.FaultMatrix.Tests.Rigs;

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

internal static class MatrixData
{
    public static TheoryData<MatrixFault> Supported(Func<SourceRig> create)
    {
        var rig = create();
        return new TheoryData<MatrixFault>(MatrixFaults.All.Where(rig.Supports));
    }
}
