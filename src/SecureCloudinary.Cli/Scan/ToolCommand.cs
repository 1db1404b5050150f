using System.Reflection;

namespace SecureCloudinary.Cli.Scan;

/// <summary>How to start the running <c>secure-cloudinary</c> again: what the pre-commit hook runs.</summary>
internal sealed class ToolCommand
{
    /// <summary>Creates a command.</summary>
    /// <param name="arguments">Absolute paths: the tool's executable, or the dotnet host followed by the tool's dll.</param>
    public ToolCommand(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("The command needs at least the executable.", nameof(arguments));
        }

        Arguments = arguments;
    }

    /// <summary>The executable and its leading arguments (e.g. <c>/usr/bin/dotnet /path/SecureCloudinary.Cli.dll</c>).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Whether the tool runs through the dotnet host (a local tool, or <c>dotnet SecureCloudinary.Cli.dll</c>).</summary>
    public bool RunsThroughDotnetHost =>
        Arguments.Count > 1 && string.Equals(Path.GetFileNameWithoutExtension(Arguments[0]), "dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the tool's dll sits in the NuGet package folder, as a tool restored from a local manifest does.</summary>
    public bool LooksLikeRestoredPackage =>
        RunsThroughDotnetHost
        && Arguments[1].Replace('\\', '/').Contains("/securecloudinary.cli/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The command of the running process.</summary>
    /// <returns>The apphost (global tool, published app), or the dotnet host and the entry dll.</returns>
    public static ToolCommand FromProcess()
    {
        var process = Environment.ProcessPath ?? "secure-cloudinary";
        var entry = Assembly.GetEntryAssembly()?.Location;
        return string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(entry)
            ? new ToolCommand([process, entry])
            : new ToolCommand([process]);
    }
}
